// Stage drivers: data + cache loading, auto-resume, the step loop with progress/ETA, periodic checkpoints,
// validation, curves CSV/PNG and the run log. cli.ts parses arguments and calls runStage.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { initBackend } from '../backend/index';
import { readCheckpoint } from '../checkpoint/index';
import { disposeVars } from '../model/vars';
import { Tokenizer } from '../tokenizer/tokenizer';
import { synthNoiseBank, type NoiseSources } from './augment';
import { loadFeatureCache, type FeatureCache } from './cache';
import {
  architectureFor,
  CURVE_COLUMNS,
  publishCurves,
  saveStage,
  tryResume,
  type StageState,
} from './common';
import { cacheDirOf, type Stage, type TrainConfig } from './config';
import { HEAD_LABELS, readBench, readCorpus } from './data';
import { headProbs, keyHeadMetrics } from './metrics';
import { Curves, Progress, RunLog } from './progress';
import { itemsWithoutSources, withoutSources } from './sampling';
import { initPretrain, pretrainData, pretrainDir, pretrainStep, savePretrain } from './pretrain';
import {
  benchTokenizer,
  initSft,
  SftData,
  sftDir,
  sftSampler,
  sftStep,
  sftTrainable,
  validationAccuracy,
  validationLoss,
  validationSample,
} from './sft';

export interface StageResult {
  dir: string;
  step: number;
  metrics: Record<string, number>;
}

export async function corpusCache(cfg: TrainConfig, log: RunLog) {
  const entries = await readCorpus(cfg.corpusDir);
  const t0 = Date.now();
  const cache = await loadFeatureCache(cacheDirOf(cfg), cfg.corpusDir, entries, cfg.cacheFrames, (d, n) =>
    process.stderr.write(`\r[cache] log-mel ${d}/${n}`),
  );
  log.write(
    `feature cache ready: ${entries.length} recordings in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  return { entries, cache };
}

/** Noise beds for the noise augmentation (none when cfg.augNoise is 0). */
export function noiseSources(
  cfg: TrainConfig,
  train: { id: string }[],
  cache: FeatureCache,
): NoiseSources | undefined {
  if (!(cfg.augNoise > 0)) return undefined;
  return {
    bank: synthNoiseBank(32, cfg.cacheFrames, cfg.seed + 99),
    other: (rand) => cache.get(train[Math.floor(rand() * train.length)].id),
  };
}

const LOSS_PARTS = new Set(['heads', 'cola', 'events', 'source', 'sourceAcc', 'margin']);

/** Loop shared by both stages: step, log, checkpoint on a timer, validate every evalEvery, final save. */
export async function loop(
  stage: Stage,
  cfg: TrainConfig,
  st: StageState,
  total: number,
  log: RunLog,
  curves: Curves,
  step: () => Record<string, number>,
  validate: () => Record<string, number>,
  save: (m?: Record<string, number>) => Promise<void>,
): Promise<Record<string, number>> {
  const progress = new Progress(stage, total, st.step);
  let lastSave = Date.now();
  let last: Record<string, number> = {};
  let t = Date.now();
  let acc = { loss: 0, n: 0, examples: 0, tokens: 0 };
  // Parts a step reports besides the total (pretrain: heads, cola, events, the source head's loss and accuracy; DPO:
  // margin), averaged per log line.
  let parts: Record<string, number> = {};
  while (st.step < total) {
    const m = step();
    acc = {
      loss: acc.loss + m.loss,
      n: acc.n + 1,
      examples: acc.examples + m.examples,
      tokens: acc.tokens + (m.tokens ?? 0),
    };
    for (const [k, x] of Object.entries(m)) if (LOSS_PARTS.has(k)) parts[k] = (parts[k] ?? 0) + x;
    const isEval = st.step % cfg.evalEvery === 0 || st.step === total;
    if (st.step % cfg.logEvery === 0 || isEval) {
      const dt = (Date.now() - t) / 1000;
      const row: Record<string, number> = {
        step: st.step,
        loss: acc.loss / acc.n,
        lr: m.lr,
        examplesPerS: acc.examples / dt,
      };
      if (acc.tokens) row.tokensPerS = acc.tokens / dt;
      for (const [k, x] of Object.entries(parts)) row[k] = x / acc.n;
      if (isEval) Object.assign(row, validate());
      curves.add(row);
      const { step: _s, ...shown } = row;
      log.write(progress.update(st.step, shown));
      last = row;
      acc = { loss: 0, n: 0, examples: 0, tokens: 0 };
      parts = {};
      t = Date.now();
    }
    if (cfg.checkpointEveryS > 0 && Date.now() - lastSave > cfg.checkpointEveryS * 1000 && st.step < total) {
      await save(last);
      lastSave = Date.now();
      log.write(`checkpoint at step ${st.step}`);
    }
  }
  await save(last);
  return last;
}

export async function runPretrain(cfg: TrainConfig): Promise<StageResult> {
  const log = new RunLog(cfg.outDir, 'pretrain');
  const backend = await initBackend();
  log.write(`pretrain start; backend ${backend.name} (${backend.reason}); config ${JSON.stringify(cfg)}`);
  const { entries, cache } = await corpusCache(cfg, log);
  const arch = architectureFor(cfg, cfg.vocabSize, HEAD_LABELS);
  const dir = pretrainDir(cfg);
  const resumed = await tryResume(dir, 'pretrain', cfg);
  const st = resumed ?? initPretrain(cfg, arch);
  log.write(resumed ? `resumed from ${dir} at step ${st.step}` : 'fresh start');
  const data = pretrainData(entries, cfg.sourceWeights, cfg.balance, cfg.excludeSources);
  data.noise = noiseSources(cfg, data.train, cache);
  const val = withoutSources(entries, cfg.excludeSources).filter((e) => e.split === 'val');
  const curves = new Curves(path.join(cfg.outDir, 'pretrain.curves.csv'), [
    'step',
    'loss',
    'lr',
    'examplesPerS',
    'valMurmurBacc',
    'valLungBacc',
    'valMurmurAuc',
    'valLungAuc',
  ]);
  const validate = (): Record<string, number> => {
    if (!val.length) return {};
    const k = keyHeadMetrics(headProbs(st.vars, arch, cache, val), val);
    return {
      valMurmurBacc: k.murmurBacc,
      valLungBacc: k.lungBacc,
      valMurmurAuc: k.murmurAuc,
      valLungAuc: k.lungAuc,
    };
  };
  const metrics = await loop(
    'pretrain',
    cfg,
    st,
    cfg.pretrainSteps,
    log,
    curves,
    () => pretrainStep(st, arch, cfg, data, cache),
    validate,
    (m) => savePretrain(dir, cfg, arch, st, m),
  );
  const docs = publishCurves(cfg, 'pretrain', curves.file, CURVE_COLUMNS.pretrain);
  log.write(
    `pretrain done at step ${st.step}: ${JSON.stringify(metrics)}${docs.length ? `; curves ${docs.join(', ')}` : ''}`,
  );
  disposeVars(st.vars);
  st.opt.dispose();
  return { dir, step: st.step, metrics };
}

async function sftTokenizer(
  cfg: TrainConfig,
  dir: string,
  train: Parameters<typeof benchTokenizer>[0],
): Promise<Tokenizer> {
  if (existsSync(path.join(dir, 'checkpoint.json'))) {
    const c = await readCheckpoint(dir);
    if (c.meta.stage === 'sft') {
      const { readFile } = await import('node:fs/promises');
      return Tokenizer.fromJSON(await readFile(path.join(dir, 'tokenizer.json'), 'utf8'));
    }
  }
  return benchTokenizer(train, cfg.vocabSize);
}

export async function runSft(cfg: TrainConfig): Promise<StageResult> {
  const log = new RunLog(cfg.outDir, 'sft');
  const backend = await initBackend();
  log.write(`sft start; backend ${backend.name} (${backend.reason}); config ${JSON.stringify(cfg)}`);
  const [train, val] = [
    itemsWithoutSources(await readBench(cfg.benchDir, 'train'), cfg.excludeSources),
    itemsWithoutSources(await readBench(cfg.benchDir, 'val'), cfg.excludeSources),
  ];
  const { entries, cache } = await corpusCache(cfg, log);
  const dir = sftDir(cfg);
  const tok = await sftTokenizer(cfg, dir, train);
  const arch = architectureFor(cfg, tok.vocabSize, HEAD_LABELS);
  const resumed = await tryResume(dir, 'sft', cfg);
  const init = resumed
    ? { st: resumed, from: `resumed from ${dir} at step ${resumed.step}` }
    : await initSft(cfg, arch, pretrainDir(cfg));
  const st: StageState = init.st;
  log.write(resumed ? init.from : `init from ${init.from}`);
  const data = new SftData(cfg, arch, tok, cache);
  data.noise = noiseSources(
    cfg,
    withoutSources(entries, cfg.excludeSources).filter((e) => e.split === 'train'),
    cache,
  );
  const draw = sftSampler(cfg, train, entries);
  const names = sftTrainable(cfg, st);
  const valSample = validationSample(val);
  const curves = new Curves(path.join(cfg.outDir, 'sft.curves.csv'), [
    'step',
    'loss',
    'lr',
    'examplesPerS',
    'tokensPerS',
    'valLoss',
    'valAccuracy',
  ]);
  const validate = () => {
    const valLoss = validationLoss(st, data, valSample.slice(0, cfg.valItems));
    const { accuracy, sample } = validationAccuracy(st, data, valSample.slice(0, cfg.valGenerate));
    log.write(`sample: ${sample}`);
    return { valLoss, valAccuracy: accuracy };
  };
  const metrics = await loop(
    'sft',
    cfg,
    st,
    cfg.sftSteps,
    log,
    curves,
    () => sftStep(st, names, data, draw),
    validate,
    (m) => saveStage(dir, 'sft', cfg, arch, st, tok.toJSON(), m),
  );
  const docs = publishCurves(cfg, 'sft', curves.file, CURVE_COLUMNS.sft);
  log.write(
    `sft done at step ${st.step}: ${JSON.stringify(metrics)}${docs.length ? `; curves ${docs.join(', ')}` : ''}`,
  );
  disposeVars(st.vars);
  st.opt.dispose();
  return { dir, step: st.step, metrics };
}

/** Starts a stage over: removes its checkpoint, curves and log. */
export function resetStage(cfg: TrainConfig, stage: Stage): void {
  for (const p of [path.join(cfg.outDir, stage), path.join(cfg.outDir, `${stage}.curves.csv`)])
    rmSync(p, { recursive: true, force: true });
}
