// The DPO stage on the tiny config and generated data: a few steps raise the chosen-minus-rejected margin, a resume
// gives the identical next-step loss, and `runDpo` writes pairs, curves and a merged checkpoint the responder loads.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index';
import { createCheckpointResponder } from '../model/responder';
import { saveStage, tryResume } from '../train/common';
import type { TrainConfig } from '../train/config';
import { readBench } from '../train/data';
import { RunLog } from '../train/progress';
import { tinyConfig, writeTinyData, type TinyData } from '../train/testdata';
import { dpoLoraDir, runDpo, setupDpo } from '../stages/dpo';
import { dpoStep, pairMetrics } from './stage';
import { writeTinySft } from './testdata';

let root = '';
let data: TinyData;
let cfg: TrainConfig;

beforeAll(async () => {
  await initBackend({ quiet: true });
  root = await mkdtemp(path.join(tmpdir(), 'dpo-'));
  data = await writeTinyData(root);
  cfg = tinyConfig('dpo', data, root, [
    '--dpoSampleItems=3',
    '--candidates=2',
    '--dpoHardItems=24',
    '--dpoValPairs=6',
    '--dpoBatch=4',
    '--dpoLr=0.01',
    '--warmupSteps=1',
    '--maxNewTokens=6',
    '--valGenerate=1',
  ]);
  await writeTinySft({ ...cfg, sftBatch: 4 }, data.entries);
}, 60_000);
afterAll(async () => rm(root, { recursive: true, force: true }));

describe('dpo stage (tiny config)', () => {
  it('a few DPO steps raise the margin on the training pairs; a resume gives the identical next-step loss', async () => {
    const c0 = { ...cfg, beta: 0.5, dpoLr: 0.02, dpoSteps: 8, mdpoWeight: 1, anchorWeight: 0.5 };
    const s = await setupDpo(c0, new RunLog(path.join(root, 'steps'), 'dpo'));
    const pairs = s.c.train.slice(0, 16);
    const ref = new Float32Array(2 * pairs.length);
    pairs.forEach((_, j) => {
      ref[j] = s.c.trainRef[j];
      ref[pairs.length + j] = s.c.trainRef[s.c.train.length + j];
    });
    const before = pairMetrics(s.st, s.c, pairs, ref);
    const names = [...s.st.vars.keys()];
    for (let i = 0; i < 6; i++) dpoStep(s.st, names, s.c);
    const after = pairMetrics(s.st, s.c, pairs, ref);
    console.log(
      `margin ${before.margin.toFixed(4)} → ${after.margin.toFixed(4)}, pref acc ${before.accuracy} → ${after.accuracy}`,
    );
    expect(before.margin).toBeCloseTo(0, 5);
    expect(after.margin).toBeGreaterThan(before.margin + 0.05);

    const dir = path.join(root, 'resume-ckpt');
    await saveStage(dir, 'dpo', c0, s.c.init.arch, s.st, s.c.init.tok.toJSON());
    const straight = dpoStep(s.st, names, s.c).loss;
    const resumed = (await tryResume(dir, 'dpo', c0))!;
    expect(resumed.step).toBe(6);
    const again = dpoStep(resumed, names, s.c).loss;
    console.log(`next-step loss: uninterrupted ${straight} vs resumed ${again}`);
    expect(again).toBe(straight);
  }, 60_000);

  it('runDpo writes cached pairs, curves, the adapter and a merged checkpoint that answers', async () => {
    const c2 = { ...cfg, dpoSteps: 4, evalEvery: 4, logEvery: 2, mdpoWeight: 1, anchorWeight: 0.2 };
    const r = await runDpo(c2);
    expect(r.step).toBe(4);
    const pairs = (await readFile(path.join(c2.outDir, 'dpo.pairs.jsonl'), 'utf8')).trim().split('\n');
    console.log(`${pairs.length} pairs, e.g. ${pairs[pairs.length - 1]}`);
    expect(pairs.length).toBeGreaterThan(10);
    expect(existsSync(path.join(dpoLoraDir(c2), 'optimizer.bin'))).toBe(true);
    expect(await readFile(path.join(c2.outDir, 'dpo.curves.csv'), 'utf8')).toMatch(/valPrefAccuracy/);
    const resp = await createCheckpointResponder(r.dir, { maxNewTokens: 4 });
    const [item] = await readBench(c2.benchDir, 'val');
    expect(typeof (await resp.answer(item, [new Float32Array(4000)]))).toBe('string');
    await resp.dispose?.();
    expect(await readFile(path.join(c2.outDir, 'dpo.log'), 'utf8')).toMatch(/read \d+ train pairs/);
    expect(existsSync(path.join(c2.outDir, 'dpo.ref.train.bin'))).toBe(true);
  }, 90_000);
});
