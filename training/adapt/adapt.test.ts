// `npm run adapt` on the tiny config: a base model exported from a tiny SFT checkpoint is adapted to generated
// recordings given as a JSONL manifest; the new model is exported and both are scored on the same held-out items.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index';
import { readCheckpoint } from '../checkpoint/index';
import { writeTinySft } from '../dpo/testdata';
import { DEFAULT_EXPORT_OPTIONS, exportModel } from '../export/export';
import { fromCheckpoint } from '../export/inputs';
import { tinyConfig, writeTinyData, type TinyData } from '../train/testdata';
import { baseCheckpoint, runAdapt } from './adapt';

let root = '';
let data: TinyData;
let sftDir = '';

beforeAll(async () => {
  await initBackend({ quiet: true });
  root = await mkdtemp(path.join(tmpdir(), 'adapt-'));
  data = await writeTinyData(root);
  const cfg = tinyConfig('sft', data, root, ['--maxNewTokens=6']);
  sftDir = await writeTinySft(cfg, data.entries);
  await exportModel(await fromCheckpoint(sftDir, 'base'), path.join(root, 'models', 'base'), {
    ...DEFAULT_EXPORT_OPTIONS,
    dtypes: ['fp32'],
    defaultDtype: 'fp32',
  });
  const lines = data.entries.map((e) =>
    JSON.stringify({
      audio: e.audio,
      domain: e.domain,
      site: e.site,
      findings: e.findings,
      normal: e.normal,
      diagnosis: e.diagnosis,
      patient: e.patient,
    }),
  );
  await writeFile(path.join(data.corpusDir, 'clinic.jsonl'), lines.join('\n') + '\n');
}, 60_000);
afterAll(async () => rm(root, { recursive: true, force: true }));

describe('npm run adapt (tiny config)', () => {
  it('finds the base checkpoint from the manifest and refuses a mismatched one', async () => {
    const base = JSON.parse(await readFile(path.join(root, 'models', 'base', 'manifest.json'), 'utf8'));
    expect(await baseCheckpoint(base, 'models/base')).toBe(sftDir);
    await expect(baseCheckpoint(base, 'models/base', path.join(root, 'nowhere'))).rejects.toThrow(
      /--checkpoint/,
    );
  });

  it('fine-tunes with LoRA, exports the new model and scores both on the held-out items', async () => {
    const out = path.join(root, 'models', 'clinic');
    const reportFile = path.join(root, 'adapt.json');
    const r = await runAdapt({
      manifest: path.join(data.corpusDir, 'clinic.jsonl'),
      base: path.join(root, 'models', 'base'),
      out,
      steps: 4,
      lr: 0.01,
      heldOut: 0.4,
      trainItems: 40,
      evalLimit: 30,
      overrides: { sftBatch: '4', maxNewTokens: '6', adaptProjector: 'true' },
      report: reportFile,
    });
    console.log(
      `adapt: ${r.trainItems} train / ${r.heldOutItems} held-out items; accuracy ${r.before.accuracy} → ${r.after.accuracy}`,
    );
    expect(r.heldOutItems).toBeGreaterThan(0);
    expect(r.before.n).toBe(r.after.n);
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.training.stage).toBe('adapt');
    expect(Object.keys(manifest.evaluation)[0]).toMatch(/adaptation on clinic.jsonl/);
    expect(existsSync(reportFile)).toBe(true);
    // adaptProjector: the projector moved, the encoder did not.
    const [before, after] = [
      await readCheckpoint(sftDir),
      await readCheckpoint(`${out}.adapt-work/checkpoint`),
    ];
    const moved = (k: string) =>
      after.weights.get(k)!.data.some((x, i) => x !== before.weights.get(k)!.data[i]);
    expect(moved('proj.fc1.weight')).toBe(true);
    expect(moved('enc.conv0.weight')).toBe(false);
  }, 90_000);
});
