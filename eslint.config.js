// Lint: strict TypeScript rules plus Auscult's import boundaries (see ../shared/STYLE.md, "The shape of the house").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import path from 'node:path';

const root = import.meta.dirname;

// Which areas each area may import from. Every folder under src/ must have an entry (the rule reports one that
// does not); a file directly under src/ (main.tsx) is the `src` area. `ui` reaches storage only through `state`.
const ALLOWED = {
  'src/core': ['src/core'],
  'src/capture': ['src/core', 'src/capture', 'src/storage'],
  'src/storage': ['src/core', 'src/storage'],
  'src/inference': ['src/core', 'src/inference', 'src/engine'],
  'src/worker': ['src/core', 'src/worker', 'src/engine', 'src/inference', 'src/storage'],
  'src/engine': ['src/core', 'src/engine'],
  'src/state': ['src/core', 'src/state', 'src/storage', 'src/inference', 'src/capture'],
  'src/ui': ['src/core', 'src/ui', 'src/state', 'src/inference', 'src/capture'],
  'src/speed-page': ['src/core', 'src/speed-page', 'src/inference'],
  src: ['src/ui'],
  training: ['training', 'src/core', 'src/engine'],
  e2e: ['e2e', 'src/core', 'training/cli'],
};
// Packages that pure code must not pull in.
const CORE_FORBIDDEN_PACKAGES =
  /^(react|react-dom|zustand|wavesurfer\.js|onnxruntime-|@huggingface\/|workbox-|node:)/;

function areaOf(rel) {
  const keys = Object.keys(ALLOWED).sort((a, b) => b.length - a.length);
  return keys.find((k) => rel === k || rel.startsWith(k + '/'));
}

const inside = (p, area) => p === area || p.startsWith(area + '/');

// Checks every way one module names another: `import`, `export … from`, `export * from` and `import()`.
const boundaries = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const from = areaOf(file);
    if (!from) return {};
    const check = (node, source) => {
      // a string, or a template without placeholders; a computed specifier (a variable) cannot be checked here
      const spec =
        source?.type === 'Literal'
          ? source.value
          : source?.type === 'TemplateLiteral' && source.expressions.length === 0
            ? source.quasis[0].value.cooked
            : undefined;
      if (typeof spec !== 'string') return;
      if (!spec.startsWith('.')) {
        if (from === 'src/core' && CORE_FORBIDDEN_PACKAGES.test(spec))
          context.report({ node, message: `src/core is pure TypeScript: it may not import '${spec}'.` });
        return;
      }
      const target = path
        .relative(root, path.resolve(path.dirname(context.filename), spec))
        .split(path.sep)
        .join('/');
      const to = areaOf(target) ?? target;
      const allowed = ALLOWED[from];
      if (!allowed.some((a) => inside(to, a) || inside(target, a)))
        context.report({
          node,
          message: `${from} may not import from ${to} (see STYLE.md import boundaries).`,
        });
    };
    return {
      Program(node) {
        const dir = /^src\/[^/]+\//.exec(file)?.[0].slice(0, -1);
        if (dir && from === 'src')
          context.report({
            node,
            message: `${dir} has no entry in eslint.config.js ALLOWED: say which areas it may import.`,
          });
      },
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'dev-dist',
      'models',
      'docs',
      'bench',
      'coverage',
      'training/native/build',
    ],
  },
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
