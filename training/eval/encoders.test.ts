// The encoder comparison: a tiny pretrain checkpoint is scored on both targets and all splits, and the table names
// the run, its settings and the scores.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index';
import { loadFeatureCache } from '../train/cache';
import type { TrainConfig } from '../train/config';
import { runPretrain } from '../stages/pretrain';
import { tinyConfig, writeTinyData, type TinyData } from '../train/testdata';
import { ENCODER_TARGETS, encodersMarkdown, scoreEncoder } from './encoders';

let root = '';
let data: TinyData;
let cfg: TrainConfig;

beforeAll(async () => {
  await initBackend({ quiet: true });
  root = await mkdtemp(path.join(tmpdir(), 'encoders-'));
  data = await writeTinyData(root);
  cfg = tinyConfig('pretrain', data, root, ['--pretrainSteps=4']);
  await runPretrain(cfg);
}, 60_000);
afterAll(async () => rm(root, { recursive: true, force: true }));

describe('encoder comparison', () => {
  it('scores a pretrain checkpoint per target and split, and tabulates it', async () => {
    // The tiny corpus has no test split: give the val recordings' copies a test split too.
    const entries = [...data.entries, ...data.entries.filter((e) => e.split === 'val').map((e) => ({ ...e, split: 'test' as const }))];
    const cache = await loadFeatureCache(path.join(cfg.outDir, 'cache'), cfg.corpusDir, entries, cfg.cacheFrames);
    const row = await scoreEncoder('tiny', path.join(cfg.outDir, 'pretrain'), entries, cache);
    expect(row.step).toBe(4);
    expect(row.settings.pretrainSteps).toBe(4);
    for (const t of ENCODER_TARGETS)
      for (const split of ['train', 'val', 'test']) {
        const s = row.scores[t.name][split];
        expect(s.n).toBe(entries.filter((e) => e.source === t.source && e.split === split && e.normal !== null).length);
        if (Number.isFinite(s.auc)) expect(s.auc).toBeGreaterThanOrEqual(0);
        if (Number.isFinite(s.auc)) expect(s.auc).toBeLessThanOrEqual(1);
      }
    expect(Object.values(row.scores).some((t) => Object.values(t).some((s) => s.n > 0 && Number.isFinite(s.auc)))).toBe(true);
    const md = encodersMarkdown([row], 'npx tsx training/eval/encoders.ts --run tiny=x');
    expect(md).toMatch(/^\| tiny \| 4 \| 8\/8\/16 \| 4 \|/m);
    expect(md).toContain('do not edit by hand');
  }, 60_000);
});
