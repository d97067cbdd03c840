// The exporter is deterministic and models/tiny-random is what it produces today (a stale committed model would
// fail here, e.g. after a feature-config change); updateManifest patches fields but never the file list.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateManifest, type ModelManifest } from '../../src/core/manifest/manifest';
import { DEFAULT_EXPORT_OPTIONS, exportModel, updateManifest } from './export';
import { fromRandom } from './inputs';

const COMMITTED = path.resolve(import.meta.dirname, '../../models/tiny-random');
let dir = '';
let fresh: ModelManifest;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'auscult-export-'));
  fresh = await exportModel(
    fromRandom('tiny', 'tiny-random', 1),
    path.join(dir, 'tiny-random'),
    DEFAULT_EXPORT_OPTIONS,
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('exportModel', () => {
  it('reproduces the committed models/tiny-random byte for byte (re-run `npm run export -- --random tiny --out models/tiny-random` if not)', async () => {
    const committed = validateManifest(
      JSON.parse(await readFile(path.join(COMMITTED, 'manifest.json'), 'utf8')),
    );
    expect(fresh.files).toEqual(committed.files);
    expect(fresh.featureConfigHash).toBe(committed.featureConfigHash);
    const total = fresh.files.reduce((a, f) => a + f.bytes, 0);
    console.log(`tiny-random: ${fresh.files.length} files, ${(total / 1024).toFixed(0)} KiB`);
    expect(total).toBeLessThanOrEqual(1024 * 1024);
  });

  it('updateManifest patches fields atomically and refuses file-list changes', async () => {
    const out = path.join(dir, 'tiny-random');
    const m = await updateManifest(out, (x) => ({ ...x, evaluation: { accuracy: 0.5 } }));
    expect(m.evaluation).toEqual({ accuracy: 0.5 });
    expect(JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')).evaluation).toEqual({
      accuracy: 0.5,
    });
    await expect(updateManifest(out, (x) => ({ ...x, files: x.files.slice(1) }))).rejects.toThrow();
  });
});
