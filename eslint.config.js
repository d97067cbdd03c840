// Lint: strict TypeScript rules plus Auscult's import boundaries (see ../shared/STYLE.md, "The shape of the house").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import path from 'node:path';

const root = import.meta.dirname;

// Which top-level areas each area may import from (relative imports only; packages are checked separately).
const ALLOWED = {
  'src/core': ['src/core'],
  'src/capture': ['src/core', 'src/capture', 'src/storage'],
  'src/storage': ['src/core', 'src/storage'],
  'src/inference': ['src/core', 'src/inference', 'src/engine'],
  'src/worker': ['src/core', 'src/worker', 'src/engine', 'src/inference'],
  'src/engine': ['src/core', 'src/engine'],
  'src/state': ['src/core', 'src/state', 'src/storage', 'src/inference', 'src/capture'],
  'src/ui': ['src/core', 'src/ui', 'src/state', 'src/storage', 'src/inference', 'src/capture'],
  src: ['src'],
  training: ['training', 'src/core', 'src/engine'],
  e2e: ['e2e', 'src/core', 'src/ui/workspace/report', 'training/reliability'],
};
// Packages that pure code must not pull in.
const CORE_FORBIDDEN_PACKAGES = /^(react|react-dom|zustand|wavesurfer\.js|onnxruntime-|@huggingface\/|workbox-|node:)/;

function areaOf(rel) {
  const keys = Object.keys(ALLOWED).sort((a, b) => b.length - a.length);
  return keys.find((k) => rel === k || rel.startsWith(k + '/'));
}

const boundaries = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const from = areaOf(file);
    return {
      ImportDeclaration(node) {
        const spec = node.source.value;
        if (typeof spec !== 'string' || !from) return;
        if (!spec.startsWith('.')) {
          if (from === 'src/core' && CORE_FORBIDDEN_PACKAGES.test(spec))
            context.report({ node, message: `src/core is pure TypeScript: it may not import '${spec}'.` });
          return;
        }
        const target = path.relative(root, path.resolve(path.dirname(context.filename), spec)).split(path.sep).join('/');
        const to = areaOf(target) ?? target;
        const inside = (p, a) => p === a || p.startsWith(a + '/');
        if (!ALLOWED[from].some((a) => inside(to, a) || inside(target, a)))
          context.report({ node, message: `${from} may not import from ${to} (see STYLE.md import boundaries).` });
      },
    };
  },
};

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'dev-dist', 'models', 'docs', 'bench', 'coverage', 'training/native/build'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { auscult: { rules: { boundaries } }, 'react-hooks': reactHooks },
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
    rules: {
      'auscult/boundaries': 'error',
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
);
