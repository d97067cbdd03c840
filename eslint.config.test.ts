// The import-boundary lint rule (eslint.config.js) on small snippets: every way of naming a module is checked.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = import.meta.dirname;
const eslint = new ESLint({ cwd: root });

/** The boundary messages ESLint gives `code` placed at `file` (relative to the repo root). */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId === 'auscult/boundaries').map((m) => m.message);
}

describe('auscult/boundaries', () => {
  it.each([
    ["import { getFile } from '../storage/recordings';"],
    ["export { getFile } from '../storage/recordings';"],
    ["export * from '../storage/recordings';"],
    ["export const f = () => import('../storage/recordings');"],
    ['export const f = () => import(`../storage/recordings`);'],
  ])('stops ui reaching storage: %s', async (code) => {
    expect(await boundaryErrors('src/ui/Example.ts', code)).toEqual([
      'src/ui may not import from src/storage (see STYLE.md import boundaries).',
    ]);
  });

  it('lets ui reach storage through state, and types through core', async () => {
    const code = [
      "import type { RecordingMeta } from '../core/clinical/recording';",
      "import { readRecordingWav } from '../state/recordingFiles';",
      'export const read = (m: RecordingMeta) => readRecordingWav(m.id);',
    ].join('\n');
    expect(await boundaryErrors('src/ui/Example.ts', code)).toEqual([]);
  });

  it('keeps core pure: no UI packages, no other area', async () => {
    const errors = await boundaryErrors(
      'src/core/audio/example.ts',
      "import 'react';\nexport { appStore } from '../../state/app-store';",
    );
    expect(errors).toEqual([
      "src/core is pure TypeScript: it may not import 'react'.",
      'src/core may not import from src/state (see STYLE.md import boundaries).',
    ]);
  });

  it('checks the speed page like any other area', async () => {
    expect(await boundaryErrors('src/speed-page/example.ts', "import { App } from '../ui/App';")).toEqual([
      'src/speed-page may not import from src/ui (see STYLE.md import boundaries).',
    ]);
  });

  it('reports a folder under src/ that has no entry', async () => {
    expect(await boundaryErrors('src/newarea/example.ts', 'export const x = 1;')).toEqual([
      'src/newarea has no entry in eslint.config.js ALLOWED: say which areas it may import.',
    ]);
  });
});
