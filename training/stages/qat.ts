// `npm run train -- qat`: the driver of quantization-aware fine-tuning of a finished SFT (or DPO) model. The
// decoder's linear weights are trained through a straight-through fake-quantizer on the export's 4-bit grid
// (`--qatScheme`), so the model learns to answer well with the weights it will be stored with. The resumable latent
// checkpoint is <outDir>/qat.latent; the finished one, <outDir>/qat, has those weights moved onto the grid, so its fp32
// export and its q4 export (same scheme, plain rounding) hold the same numbers. The grid itself is qat/fakequant.ts.
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { BenchItem } from '../../src/core/tasks/types';
import { initBackend } from '../backend/index';
import { loadInit, type Init } from '../dpo/stage';
import { parseScheme } from '../export/onnx/scheme';
import { learningRate } from '../model/adam';
import { lmLoss } from '../model/lm';
import { disposeVars, type Vars } from '../model/vars';
import {
  CURVE_COLUMNS,
  newAdam,
  publishCurves,
  saveStage,
  stepRand,
  trainStep,
  tryResume,
  type StageState,
} from '../train/common';
import type { TrainConfig } from '../train/config';
import { readBench } from '../train/data';
import { Curves, RunLog } from '../train/progress';
import { itemsWithoutSources, withoutSources } from '../train/sampling';
import {
  SftData,
  sftSampler,
  sftTrainable,
  validationAccuracy,
  validationLoss,
  validationSample,
} from '../train/sft';
import { projectToGrid, qatTargets, quantizedView, type GridMode } from '../qat/fakequant';
import { corpusCache, loop, noiseSources, type StageResult } from './loop';

export const qatDir = (cfg: TrainConfig) => path.join(cfg.outDir, 'qat');
export const qatLatentDir = (cfg: TrainConfig) => path.join(cfg.outDir, 'qat.latent');

const CURVES = ['step', 'loss', 'lr', 'examplesPerS', 'tokensPerS', 'valLoss', 'valAccuracy'];

export interface QatSetup {
  init: Init;
  st: StageState;
  data: SftData;
  targets: Map<string, GridMode>;
  train: BenchItem[];
  /** How steps draw their items (sftSampler: uniform or balanced by source and label). */
  draw: (rand: () => number) => BenchItem;
  val: BenchItem[];
}

/** The model to fine-tune (resumed latent weights, or the init checkpoint), its data and the weights to quantize. */
export async function setupQat(cfg: TrainConfig, log: RunLog): Promise<QatSetup> {
  const [train, val] = [
    itemsWithoutSources(await readBench(cfg.benchDir, 'train'), cfg.excludeSources),
    itemsWithoutSources(await readBench(cfg.benchDir, 'val'), cfg.excludeSources),
  ];
  const { entries, cache } = await corpusCache(cfg, log);
  const init = await loadInit(cfg.qatInit || path.join(cfg.outDir, 'sft'));
  const targets = qatTargets(parseScheme(cfg.qatScheme, init.arch.decoder), init.arch.decoder);
  const resumed = await tryResume(qatLatentDir(cfg), 'qat', cfg);
  let st: StageState;
  if (resumed) {
    disposeVars(init.base);
    st = resumed;
    log.write(`resumed latent weights at step ${st.step}`);
  } else {
    st = { vars: init.base, opt: newAdam(cfg), step: 0 };
    log.write(
      `start: ${init.dir} (${init.ckpt.meta.stage} step ${init.ckpt.meta.step}); ${targets.size} weights on the grid of ${cfg.qatScheme}`,
    );
  }
  const data = new SftData({ ...cfg, maxSeqLen: init.arch.decoder.maxPositions }, init.arch, init.tok, cache);
  data.noise = noiseSources(
    cfg,
    withoutSources(entries, cfg.excludeSources).filter((e) => e.split === 'train'),
    cache,
  );
  return { init, st, data, targets, train, draw: sftSampler(cfg, train, entries), val };
}

/** One SFT step whose forward pass sees the fake-quantized decoder (gradients reach the latent weights). */
export function qatStep(s: QatSetup, cfg: TrainConfig, names: string[]) {
  const rand = stepRand(cfg.seed, s.st.step, 6);
  const items = Array.from({ length: cfg.sftBatch }, () => s.draw(rand));
  const b = s.data.batch(items, rand);
  const lr = learningRate(s.st.step, cfg.qatLr, cfg.warmupSteps, cfg.qatSteps);
  const r = trainStep(
    s.st,
    names,
    () => lmLoss(quantizedView(s.st.vars, s.targets), s.init.arch, b.seq, tf.tensor3d(b.mels, b.melShape)),
    lr,
  );
  return { loss: r.loss, lr, gradNorm: r.gradNorm, examples: items.length, tokens: b.seq.B * b.seq.S };
}

/** Runs `fn` on the quantized model (the fake-quantized view), freeing the view afterwards. */
export function withQuantized<T>(st: StageState, targets: Map<string, GridMode>, fn: (v: Vars) => T): T {
  const view = quantizedView(st.vars, targets);
  try {
    return fn(view);
  } finally {
    for (const name of targets.keys()) view.get(name)!.dispose();
  }
}

/** The finished checkpoint: latent weights moved onto the grid, the init's findings calibration carried over. */
async function saveFinal(cfg: TrainConfig, s: QatSetup, metrics: Record<string, number>): Promise<void> {
  projectToGrid(s.st.vars, s.targets);
  const calibration = Object.fromEntries(
    Object.entries(s.init.ckpt.meta.metrics ?? {}).filter(([k]) => k.startsWith('temperature.')),
  );
  await saveStage(qatDir(cfg), 'qat', cfg, s.init.arch, s.st, s.init.tok.toJSON(), {
    ...calibration,
    ...metrics,
  });
}

export async function runQat(cfg: TrainConfig): Promise<StageResult> {
  const log = new RunLog(cfg.outDir, 'qat');
  const backend = await initBackend();
  log.write(`qat start; backend ${backend.name} (${backend.reason}); config ${JSON.stringify(cfg)}`);
  const s = await setupQat(cfg, log);
  const names = sftTrainable(cfg, s.st);
  // The SFT stage's validation sample, so the curves compare.
  const valSample = validationSample(s.val);
  const valItems = valSample.slice(0, cfg.valItems);
  const genItems = valSample.slice(0, cfg.valGenerate);
  const validate = () =>
    withQuantized(s.st, s.targets, (vars) => {
      const q = { ...s.st, vars };
      const { accuracy, sample } = validationAccuracy(q, s.data, genItems);
      log.write(`sample (quantized): ${sample}`);
      return { valLoss: validationLoss(q, s.data, valItems), valAccuracy: accuracy };
    });
  const curves = new Curves(path.join(cfg.outDir, 'qat.curves.csv'), CURVES);
  const save = (m?: Record<string, number>) =>
    saveStage(qatLatentDir(cfg), 'qat', cfg, s.init.arch, s.st, s.init.tok.toJSON(), m);
  const metrics = await loop({
    stage: 'qat',
    cfg,
    st: s.st,
    total: cfg.qatSteps,
    log,
    curves,
    step: () => qatStep(s, cfg, names),
    validate,
    save,
  });
  await saveFinal(cfg, s, metrics);
  const docs = publishCurves(cfg, 'qat', curves.file, CURVE_COLUMNS.qat);
  log.write(
    `qat done at step ${s.st.step}: ${JSON.stringify(metrics)}; grid checkpoint ${qatDir(cfg)}${docs.length ? `; curves ${docs.join(', ')}` : ''}`,
  );
  disposeVars(s.st.vars);
  s.st.opt.dispose();
  return { dir: qatDir(cfg), step: s.st.step, metrics };
}
