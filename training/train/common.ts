// Pieces both stages share: the architecture from a config, deterministic per-step randomness, checkpoint
// save/resume with optimizer state, and the curves → docs/ copy.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { FEATURE_CONFIG, featureConfigHash } from '../../src/core/features/config';
import {
  ENCODER_NORMS,
  type EncoderNorm,
  type ModelArchitecture,
} from '../../src/core/manifest/architecture';
import { PROMPT_TEMPLATE_VERSION } from '../../src/core/tasks/prompt';
import { isCheckpoint, readCheckpoint, writeCheckpoint, type WeightMap } from '../checkpoint/index';
import { AdamW } from '../model/adam';
import { mulberry32 } from '../model/params';
import { fromVars, toVars, type Vars } from '../model/vars';
import { chartFromCsv } from './png';
import { svgChartFromCsv } from './svg';
import type { Stage, TrainConfig } from './config';

export function architectureFor(cfg: TrainConfig, vocabSize: number, labels: string[]): ModelArchitecture {
  if (!(ENCODER_NORMS as readonly string[]).includes(cfg.encNorm))
    throw new Error(`config encNorm: '${cfg.encNorm}' is not one of ${ENCODER_NORMS.join(', ')}`);
  return {
    encoder: {
      nMels: FEATURE_CONFIG.nMels,
      windowFrames: FEATURE_CONFIG.windowFrames,
      kernel: cfg.encKernel,
      channels: [...cfg.encChannels],
      ...(cfg.encNorm === 'window'
        ? {}
        : { norm: cfg.encNorm as EncoderNorm, floorNepers: cfg.encFloorNepers }),
    },
    projector: { framesPerToken: cfg.framesPerToken, hidden: cfg.projHidden },
    heads: { labels: [...labels] },
    decoder: {
      vocabSize,
      hiddenSize: cfg.hidden,
      numLayers: cfg.layers,
      numHeads: cfg.heads,
      numKvHeads: cfg.kvHeads,
      headDim: cfg.headDim,
      intermediateSize: cfg.intermediate,
      maxPositions: cfg.maxSeqLen,
      ropeTheta: cfg.ropeTheta,
      rmsNormEps: 1e-5,
      tieEmbeddings: true,
    },
  };
}

/** Randomness for step `step` only, so a resumed run draws exactly the batches an uninterrupted one would. */
export function stepRand(seed: number, step: number, salt = 0): () => number {
  return mulberry32((seed * 1_000_003 + step * 7919 + salt * 104_729) >>> 0);
}

export interface StageState {
  vars: Vars;
  opt: AdamW;
  step: number;
}

export function newAdam(cfg: TrainConfig): AdamW {
  return new AdamW({
    beta1: 0.9,
    beta2: 0.98,
    eps: 1e-8,
    weightDecay: cfg.weightDecay,
    clipNorm: cfg.clipNorm,
  });
}

/** Resumes `<outDir>/<stage>` when it holds a checkpoint of this stage; returns undefined otherwise. */
export async function tryResume(
  dir: string,
  stage: Stage,
  cfg: TrainConfig,
): Promise<StageState | undefined> {
  if (!(await isCheckpoint(dir))) return undefined;
  const c = await readCheckpoint(dir);
  if (c.meta.stage !== stage || !c.optimizer || !c.meta.optimizer) return undefined;
  const opt = newAdam(cfg);
  opt.load(c.meta.optimizer.step, c.optimizer);
  return { vars: toVars(c.weights), opt, step: c.meta.step };
}

export async function saveStage(
  dir: string,
  stage: Stage,
  cfg: TrainConfig,
  arch: ModelArchitecture,
  st: StageState,
  tokenizerJson: string,
  metrics?: Record<string, number>,
  extra?: WeightMap,
): Promise<void> {
  const weights = fromVars(st.vars);
  for (const [k, w] of extra ?? []) weights.set(k, w);
  await writeCheckpoint(
    dir,
    {
      format: 1,
      stage,
      step: st.step,
      config: { ...cfg },
      architecture: arch,
      featureConfigHash: featureConfigHash(FEATURE_CONFIG),
      promptTemplateVersion: PROMPT_TEMPLATE_VERSION,
      metrics,
    },
    weights,
    { tokenizerJson, optimizer: { step: st.opt.step, hyper: { ...st.opt.hyper }, weights: st.opt.state() } },
  );
}

/** Copies `<outDir>/<stage>.curves.csv` into docsDir and renders the chosen columns to a PNG and a labelled SVG. */
export function publishCurves(
  cfg: Pick<TrainConfig, 'docsDir'>,
  stage: Stage,
  csvFile: string,
  columns: string[],
): string[] {
  if (!cfg.docsDir || !existsSync(csvFile)) return [];
  mkdirSync(cfg.docsDir, { recursive: true });
  const csv = readFileSync(csvFile, 'utf8');
  const out = (ext: string) => path.join(cfg.docsDir, `training-${stage}.${ext}`);
  writeFileSync(out('csv'), csv);
  writeFileSync(out('png'), chartFromCsv(csv, columns));
  writeFileSync(out('svg'), svgChartFromCsv(csv, columns, `${stage}: ${columns.join(', ')} by step`));
  return [out('csv'), out('png'), out('svg')];
}

/** The columns each stage publishes (loss first). */
export const CURVE_COLUMNS: Record<string, string[]> = {
  pretrain: ['loss', 'valMurmurBacc', 'valLungBacc'],
  sft: ['loss', 'valLoss', 'valAccuracy'],
  dpo: ['loss', 'valPrefAccuracy', 'valAccuracy'],
  qat: ['loss', 'valLoss', 'valAccuracy'],
};

/** Resolves grads for the listed variables and frees them after `apply`. */
export function trainStep(
  st: StageState,
  names: string[],
  lossFn: () => tf.Scalar,
  lr: number,
): { loss: number; gradNorm: number } {
  const list = names.map((n) => st.vars.get(n)!);
  const { value, grads } = tf.variableGrads(lossFn, list);
  const byName = new Map<string, tf.Tensor>();
  names.forEach((n, i) => byName.set(n, grads[list[i].name]));
  const gradNorm = st.opt.apply(st.vars, byName, lr);
  const loss = value.dataSync()[0];
  value.dispose();
  Object.values(grads).forEach((g) => g.dispose());
  st.step++;
  return { loss, gradNorm };
}
