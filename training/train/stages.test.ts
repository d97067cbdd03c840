// End-to-end tests of both stages on the tiny config and generated data: the loss falls, checkpoints resume to
// the identical next-step loss, curves and the run log are written, and the responder answers.
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index';
import { readCheckpoint } from '../checkpoint/index';
import type { TrainConfig } from './config';
import { runPretrain } from '../stages/pretrain';
import { runSft } from '../stages/sft';
import { loadFeatureCache } from './cache';
import { architectureFor, saveStage, tryResume } from './common';
import { ADV_CLASSES } from './adversary';
import { HEAD_LABELS, readBench } from './data';
import { benchTokenizer, initSft, SftData, sftSampler, sftStep, sftTrainable } from './sft';
import { createCheckpointResponder } from '../model/responder';
import { synthAudio } from './testdata';
import { tinyConfig, writeTinyData, type TinyData } from './testdata';

let root = '';
let data: TinyData;
let cfg: TrainConfig;

beforeAll(async () => {
  await initBackend({ quiet: true });
  root = await mkdtemp(path.join(tmpdir(), 'train-'));
  data = await writeTinyData(root);
  cfg = tinyConfig('pretrain', data, root);
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
    const r = await runPretrain({ ...cfg, pretrainSteps: 12, logEvery: 3, evalEvery: 12 });
    const losses = (await rows(path.join(cfg.outDir, 'pretrain.curves.csv'))).map((x) => x[1]);
    console.log(`pretrain loss ${losses[0].toFixed(3)} → ${losses[losses.length - 1].toFixed(3)}`);
    expect(r.step).toBe(12);
    expect(losses[losses.length - 1]).toBeLessThan(losses[0]);
  }, 60_000);

  it('resuming a pretrain checkpoint made without event targets with --frameWeight says to start over', async () => {
    await expect(runPretrain({ ...cfg, frameWeight: 1, pretrainSteps: 14, logEvery: 1 })).rejects.toThrow(
      /no frame-event head/,
    );
  }, 30_000);

  it('pretrain with frame-level event targets: the event loss is logged and falls, and the event head is saved', async () => {
    // The tiny corpus with breathing annotated on every lung recording and crackle/wheeze events where labelled.
    const corpusDir = path.join(root, 'corpus-events');
    await mkdir(corpusDir, { recursive: true });
    await symlink(path.join(data.corpusDir, 'audio'), path.join(corpusDir, 'audio'));
    const withEvents = data.entries.map((e) =>
      e.domain !== 'lung'
        ? e
        : {
            ...e,
            events: [
              { type: 'vesicular' as const, startS: 0, endS: 3 },
              ...e.findings
                .filter((f) => ['fine-crackles', 'coarse-crackles', 'wheeze'].includes(f))
                .map((f) => ({ type: f, startS: 0.5, endS: 2.5 })),
            ],
          },
    );
    await writeFile(
      path.join(corpusDir, 'corpus.jsonl'),
      withEvents.map((e) => JSON.stringify(e)).join('\n') + '\n',
    );
    const c = { ...cfg, corpusDir, outDir: path.join(root, 'runs-events'), frameWeight: 1 };
    const r = await runPretrain({ ...c, pretrainSteps: 12, logEvery: 3, evalEvery: 12 });
    expect(r.step).toBe(12);
    const log = await readFile(path.join(c.outDir, 'pretrain.log'), 'utf8');
    const events = [...log.matchAll(/events=([\d.]+)/g)].map((m) => Number(m[1]));
    console.log(`frame-event loss ${events.join(' → ')}`);
    expect(events.length).toBeGreaterThan(2);
    expect(events.every((x) => x > 0 && Number.isFinite(x))).toBe(true);
    expect(events[events.length - 1]).toBeLessThan(events[0]);
    const ck = await readCheckpoint(r.dir);
    expect(ck.weights.get('aux.frame.weight')?.shape).toEqual([
      cfg.encChannels[cfg.encChannels.length - 1],
      2,
    ]);
  }, 60_000);

  it('pretrain with the adversarial source head: its loss and accuracy are logged, and the head is saved', async () => {
    const c = { ...cfg, outDir: path.join(root, 'runs-adversary'), sourceAdv: 0.5, sourceAdvMode: 'confuse' };
    const r = await runPretrain({ ...c, pretrainSteps: 8, logEvery: 2, evalEvery: 8 });
    expect(r.step).toBe(8);
    const log = await readFile(path.join(c.outDir, 'pretrain.log'), 'utf8');
    const source = [...log.matchAll(/ source=([\d.]+)/g)].map((m) => Number(m[1]));
    const acc = [...log.matchAll(/sourceAcc=([\d.]+)/g)].map((m) => Number(m[1]));
    console.log(`source head loss ${source.join(' → ')}, accuracy ${acc.join(' → ')}`);
    expect(source.length).toBe(4);
    expect(source.every((x) => x > 0 && Number.isFinite(x))).toBe(true);
    expect(acc.every((x) => x >= 0 && x <= 1)).toBe(true);
    const ck = await readCheckpoint(r.dir);
    expect(ck.weights.get('aux.source.weight')?.shape).toEqual([
      2 * cfg.encChannels[cfg.encChannels.length - 1],
      ADV_CLASSES.length,
    ]);
    // A checkpoint made without the head cannot grow one on resume.
    await expect(runPretrain({ ...cfg, sourceAdv: 0.5, pretrainSteps: 14 })).rejects.toThrow(
      /no source head/,
    );
  }, 60_000);

  it('sft starts from pretrain and its response loss falls', async () => {
    const r = await runSft({ ...cfg, sftSteps: 16, logEvery: 4, evalEvery: 16, valGenerate: 1 });
    const losses = (await rows(path.join(cfg.outDir, 'sft.curves.csv'))).map((x) => x[1]);
    console.log(`sft loss ${losses[0].toFixed(3)} → ${losses[losses.length - 1].toFixed(3)}`);
    expect(r.step).toBe(16);
    expect(losses[losses.length - 1]).toBeLessThan(losses[0] * 0.85);
    expect(await readFile(path.join(cfg.outDir, 'sft.log'), 'utf8')).toMatch(
      /init from .*pretrain \(step 12\)/,
    );
  }, 60_000);

  it('resuming from a checkpoint gives the identical next-step loss', async () => {
    const c = { ...cfg, sftSteps: 6 };
    const train = await readBench(c.benchDir, 'train');
    const cache = await loadFeatureCache(
      path.join(c.outDir, 'cache'),
      c.corpusDir,
      data.entries,
      c.cacheFrames,
    );
    const tok = benchTokenizer(train, c.vocabSize);
    const arch = architectureFor(c, tok.vocabSize, HEAD_LABELS);
    const sd = new SftData(c, arch, tok, cache);
    const { st } = await initSft(c, arch, path.join(c.outDir, 'pretrain'));
    const names = sftTrainable(c, st);
    for (let i = 0; i < 2; i++) sftStep(st, names, sd, sftSampler(c, train, []));
    const dir = path.join(root, 'resume-ckpt');
    await saveStage(dir, 'sft', c, arch, st, tok.toJSON());
    const straight = sftStep(st, names, sd, sftSampler(c, train, [])).loss;
    const resumed = (await tryResume(dir, 'sft', c))!;
    expect(resumed.step).toBe(2);
    const again = sftStep(resumed, names, sd, sftSampler(c, train, [])).loss;
    console.log(`next-step loss: uninterrupted ${straight} vs resumed ${again}`);
    expect(again).toBe(straight);
  }, 30_000);

  it('createCheckpointResponder answers a bench item and gives findings probabilities', async () => {
    const r = await createCheckpointResponder(path.join(cfg.outDir, 'sft'), { maxNewTokens: 6 });
    const [item] = await readBench(cfg.benchDir, 'val');
    const e = data.entries.find((x) => x.id === item.recordings[0])!;
    const answer = await r.answer(item, [synthAudio(e, 3, 1)]);
    console.log(`responder ${r.name}: "${answer}"`);
    expect(typeof answer).toBe('string');
    const f = r.findings(synthAudio(e, 3, 1));
    expect(f.map((x) => x.label)).toEqual(HEAD_LABELS);
    expect(f.every((x) => x.probability > 0 && x.probability < 1)).toBe(true);
    await r.dispose?.();
  }, 30_000);
});
