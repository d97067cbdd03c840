// Stage 1, encoder pretraining: COLA-style contrastive loss (two augmented crops of one recording are
// positives, the batch's other recordings negatives) plus masked, class-balanced BCE on the findings heads.
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { concatChunks } from '../../src/core/audio/pcm';
import type { CorpusEntry } from '../../src/core/clinical/corpus';
import { encoderFrames, type ModelArchitecture } from '../../src/core/manifest/architecture';
import { learningRate } from '../model/adam';
import { encode, headLogits, pool } from '../model/encoder';
import { initWeights, mulberry32, gaussian } from '../model/params';
import { toVars, type Vars } from '../model/vars';
import { trainTokenizer } from '../tokenizer/tokenizer';
import {
  ADV_CLASSES,
  adversaryMode,
  reversalScale,
  sourceLoss,
  sourceMasks,
  sourceTargets,
} from './adversary';
import { augmentedCrop, type NoiseSources, type Rand } from './augment';
import type { FeatureCache } from './cache';
import { newAdam, saveStage, stepRand, trainStep, type StageState } from './common';
import type { TrainConfig } from './config';
import { HEAD_LABELS, headTargets } from './data';
import { FRAME_CHANNELS, frameTargets } from './frames';
import { balancedSampler, labelClass, withoutSources } from './sampling';

export interface PretrainData {
  train: CorpusEntry[];
  targets: Map<string, (0 | 1 | null)[]>;
  /** Per head: weight of positives (neg/pos, capped) so rare findings are not ignored. */
  posWeight: number[];
  /** Cumulative sampling weights over `train` when sources are weighted (cfg.sourceWeights), else undefined (uniform). */
  cumulative?: Float64Array;
  /** Source- and label-balanced draws (cfg.balance 'source-label'), replacing `cumulative` when present. */
  balanced?: (rand: Rand) => CorpusEntry;
  /** Noise beds for augmentation: synthesized nuisances and other training recordings (set by the stage). */
  noise?: NoiseSources;
  /** Per domain, which sources the gradient-reversed source head chooses among (train/adversary.ts). */
  sourceMasks: ReturnType<typeof sourceMasks>;
}

/** "sprsound=2,synth=0.5" → per-source sampling weights (unlisted sources weigh 1). */
export function parseSourceWeights(spec: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [src, w] = part.split('=');
    const n = Number(w);
    if (!src || !(n >= 0) || !Number.isFinite(n))
      throw new Error(`sourceWeights: bad entry "${part}" (expected source=weight)`);
    out.set(src, n);
  }
  return out;
}

function cumulativeWeights(train: CorpusEntry[], spec: string): Float64Array | undefined {
  const w = parseSourceWeights(spec);
  if (!w.size) return undefined;
  const cum = new Float64Array(train.length);
  let acc = 0;
  train.forEach((e, i) => (cum[i] = acc += w.get(e.source) ?? 1));
  if (!(acc > 0)) throw new Error('sourceWeights: every training recording has weight 0');
  return cum;
}

/** One training recording: uniform, or by source weight (binary search over the cumulative weights). */
export function pick(data: PretrainData, r: number): CorpusEntry {
  const cum = data.cumulative;
  if (!cum) return data.train[Math.floor(r * data.train.length)];
  const x = r * cum[cum.length - 1];
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return data.train[lo];
}

export function pretrainData(
  entries: CorpusEntry[],
  sourceWeights = '',
  balance = '',
  excludeSources = '',
): PretrainData {
  const train = withoutSources(entries, excludeSources).filter((e) => e.split === 'train');
  const targets = new Map(entries.map((e) => [e.id, headTargets(e)]));
  const posWeight = HEAD_LABELS.map((_, j) => {
    let pos = 0;
    let neg = 0;
    for (const e of train) {
      const t = targets.get(e.id)![j];
      if (t === 1) pos++;
      else if (t === 0) neg++;
    }
    return Math.min(10, Math.max(1, neg / Math.max(1, pos)));
  });
  if (balance !== '' && balance !== 'source-label')
    throw new Error(`config balance: '${balance}' is not '' or 'source-label'`);
  const weights = parseSourceWeights(sourceWeights);
  const balanced = balance
    ? balancedSampler(
        train,
        (e) => e.source,
        labelClass,
        (s) => weights.get(s) ?? 1,
      )
    : undefined;
  return {
    train,
    targets,
    posWeight,
    sourceMasks: sourceMasks(train),
    ...(balanced ? { balanced } : { cumulative: cumulativeWeights(train, sourceWeights) }),
  };
}

type Weight = [string, { shape: number[]; data: Float32Array }];

/** Extra pretrain-only weights (the contrastive projection), prefixed aux. and dropped by SFT. */
function auxWeights(arch: ModelArchitecture, cfg: TrainConfig, seed: number): Vars {
  const c2 = 2 * arch.encoder.channels[arch.encoder.channels.length - 1];
  const g = gaussian(mulberry32(seed + 17));
  const mk = (shape: number[], std: number) => ({
    shape,
    data: Float32Array.from({ length: shape[0] * (shape[1] ?? 1) }, () => g() * std),
  });
  const c = c2 / 2;
  const k = FRAME_CHANNELS.length;
  return toVars(
    new Map([
      ['aux.cola.proj', mk([c2, cfg.colaDim], 1 / Math.sqrt(c2))],
      ['aux.cola.bias', { shape: [cfg.colaDim], data: new Float32Array(cfg.colaDim) }],
      ['aux.cola.bilinear', mk([cfg.colaDim, cfg.colaDim], 1 / Math.sqrt(cfg.colaDim))],
      // The frame-level event head (used when frameWeight > 0).
      ...(cfg.frameWeight > 0
        ? [
            ['aux.frame.weight', mk([c, k], 1 / Math.sqrt(c))] as Weight,
            ['aux.frame.bias', { shape: [k], data: new Float32Array(k) }] as Weight,
          ]
        : []),
      // The gradient-reversed source head (used when sourceAdv > 0).
      ...(cfg.sourceAdv > 0
        ? [
            ['aux.source.weight', mk([c2, ADV_CLASSES.length], 1 / Math.sqrt(c2))] as Weight,
            [
              'aux.source.bias',
              { shape: [ADV_CLASSES.length], data: new Float32Array(ADV_CLASSES.length) },
            ] as Weight,
          ]
        : []),
    ]),
  );
}

export function initPretrain(cfg: TrainConfig, arch: ModelArchitecture): StageState {
  const all = initWeights(arch, cfg.seed);
  const enc = new Map([...all].filter(([k]) => k.startsWith('enc.') || k.startsWith('heads.')));
  const vars = toVars(enc);
  for (const [k, v] of auxWeights(arch, cfg, cfg.seed)) vars.set(k, v);
  return { vars, opt: newAdam(cfg), step: 0 };
}

/** Two augmented crops per recording: [2B, nMels, crop] (first B = view 1), plus targets/mask for both views. */
export function pretrainBatch(
  cfg: TrainConfig,
  arch: ModelArchitecture,
  data: PretrainData,
  cache: FeatureCache,
  step: number,
) {
  const rand = stepRand(cfg.seed, step);
  const B = cfg.pretrainBatch;
  const picks = Array.from({ length: B }, () => (data.balanced ? data.balanced(rand) : pick(data, rand())));
  const views: Float32Array[] = [];
  const encFrames = encoderFrames({ ...arch.encoder, windowFrames: cfg.cropFrames });
  const fy: Float32Array[] = [];
  const fw: Float32Array[] = [];
  for (const view of [0, 1])
    for (const e of picks) {
      const m = cache.get(e.id);
      const { x, start, rate } = augmentedCrop(
        m,
        cfg.cropFrames,
        rand,
        cfg,
        data.noise,
        !(view === 0 && rand() > cfg.augment),
      );
      views.push(x);
      if (cfg.frameWeight > 0) {
        const t = frameTargets(e, start, cfg.cropFrames, m.nFrames, encFrames, rate);
        fy.push(t.y);
        fw.push(t.w);
      }
    }
  const L = HEAD_LABELS.length;
  const y = new Float32Array(2 * B * L);
  const w = new Float32Array(2 * B * L);
  for (let v = 0; v < 2; v++)
    picks.forEach((e, b) =>
      data.targets.get(e.id)!.forEach((t, j) => {
        const i = (v * B + b) * L + j;
        y[i] = t ?? 0;
        w[i] = t === null ? 0 : t === 1 ? data.posWeight[j] : 1;
      }),
    );
  const mels = new Float32Array(views.length * views[0].length);
  views.forEach((x, i) => mels.set(x, i * x.length));
  const frames = fy.length ? { y: concatChunks(fy), w: concatChunks(fw), T: encFrames } : undefined;
  const source =
    cfg.sourceAdv > 0
      ? {
          ...sourceTargets(picks, data.sourceMasks),
          scale: reversalScale(step, cfg.pretrainSteps),
          mode: adversaryMode(cfg.sourceAdvMode),
        }
      : undefined;
  return {
    mels,
    shape: [2 * B, cache.nMels, cfg.cropFrames] as [number, number, number],
    y,
    w,
    B,
    L,
    frames,
    source,
  };
}

/** Loss terms for one batch (scalar tensors; the caller sums them). */
export function pretrainLosses(v: Vars, arch: ModelArchitecture, batch: ReturnType<typeof pretrainBatch>) {
  const frames = encode(v, arch, tf.tensor3d(batch.mels, batch.shape));
  const logits = headLogits(v, frames);
  const y = tf.tensor2d(batch.y, [2 * batch.B, batch.L]);
  const w = tf.tensor2d(batch.w, [2 * batch.B, batch.L]);
  // Numerically stable BCE with logits: max(x,0) - x·y + log(1 + e^-|x|).
  const bce = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, y)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
  const heads = tf.div(tf.sum(tf.mul(bce, w)), tf.maximum(tf.sum(w), 1)) as tf.Scalar;
  const pooled = pool(frames);
  const z = tf.tanh(
    tf.add(tf.matMul(pooled, v.get('aux.cola.proj')! as tf.Tensor2D), v.get('aux.cola.bias')!),
  );
  const [z1, z2] = tf.split(z, 2, 0) as tf.Tensor2D[];
  const sim = tf.matMul(tf.matMul(z1, v.get('aux.cola.bilinear')! as tf.Tensor2D), z2, false, true);
  const labels = tf.oneHot(tf.range(0, batch.B, 1, 'int32'), batch.B).toFloat();
  const cola = tf.div(
    tf.add(
      tf.losses.softmaxCrossEntropy(labels, sim),
      tf.losses.softmaxCrossEntropy(labels, tf.transpose(sim)),
    ),
    2,
  ) as tf.Scalar;
  const events = batch.frames ? frameLoss(v, frames, batch.frames) : undefined;
  let source: ReturnType<typeof sourceLoss> | undefined;
  if (batch.source) {
    const [w0, b0] = [v.get('aux.source.weight'), v.get('aux.source.bias')];
    if (!w0 || !b0)
      throw new Error(
        '--sourceAdv > 0 but the pretrain checkpoint has no source head (it was started without it); start the stage over in a new outDir',
      );
    source = sourceLoss(pooled, w0, b0, batch.source, batch.source.scale, batch.source.mode);
  }
  return { heads, cola, events, source };
}

/** Masked BCE of the frame-level event head over encoder frames (positives weighted ×3: events are the minority). */
function frameLoss(
  v: Vars,
  frames: tf.Tensor3D,
  t: { y: Float32Array; w: Float32Array; T: number },
): tf.Scalar {
  const [B, T, C] = frames.shape;
  if (T !== t.T) throw new Error(`frame targets for ${t.T} encoder frames, encoder gave ${T}`);
  const k = FRAME_CHANNELS.length;
  const [w0, b0] = [v.get('aux.frame.weight'), v.get('aux.frame.bias')];
  if (!w0 || !b0)
    throw new Error(
      '--frameWeight > 0 but the pretrain checkpoint has no frame-event head (it was started without it); start the stage over in a new outDir',
    );
  const logits = tf.add(tf.matMul(tf.reshape(frames, [B * T, C]) as tf.Tensor2D, w0 as tf.Tensor2D), b0);
  const y = tf.tensor2d(t.y, [B * T, k]);
  const w = tf.mul(tf.tensor2d(t.w, [B * T, k]), tf.add(1, tf.mul(y, 2)));
  const bce = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, y)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
  return tf.div(tf.sum(tf.mul(bce, w)), tf.maximum(tf.sum(w), 1)) as tf.Scalar;
}

/** One optimisation step; returns the metrics logged for it. */
export function pretrainStep(
  st: StageState,
  arch: ModelArchitecture,
  cfg: TrainConfig,
  data: PretrainData,
  cache: FeatureCache,
) {
  const batch = pretrainBatch(cfg, arch, data, cache, st.step);
  const lr = learningRate(st.step, cfg.pretrainLr, cfg.warmupSteps, cfg.pretrainSteps);
  let parts = { heads: 0, cola: 0, events: 0, source: 0, sourceAcc: 0 };
  const names = [...st.vars.keys()];
  const r = trainStep(
    st,
    names,
    () => {
      const l = pretrainLosses(st.vars, arch, batch);
      parts = {
        heads: l.heads.dataSync()[0],
        cola: l.cola.dataSync()[0],
        events: l.events?.dataSync()[0] ?? 0,
        source: l.source?.loss.dataSync()[0] ?? 0,
        sourceAcc: l.source?.accuracy ?? 0,
      };
      let total: tf.Tensor = tf.add(l.heads, tf.mul(l.cola, cfg.colaWeight));
      if (l.events) total = tf.add(total, tf.mul(l.events, cfg.frameWeight));
      if (l.source) total = tf.add(total, tf.mul(l.source.loss, cfg.sourceAdv));
      return total as tf.Scalar;
    },
    lr,
  );
  return {
    loss: r.loss,
    heads: parts.heads,
    cola: parts.cola,
    ...(batch.frames ? { events: parts.events } : {}),
    ...(batch.source ? { source: parts.source, sourceAcc: parts.sourceAcc } : {}),
    lr,
    gradNorm: r.gradNorm,
    examples: 2 * batch.B,
  };
}

/** Writes the pretrain checkpoint (the tokenizer is a byte-level placeholder; SFT trains the real one). */
export async function savePretrain(
  dir: string,
  cfg: TrainConfig,
  arch: ModelArchitecture,
  st: StageState,
  metrics?: Record<string, number>,
) {
  await saveStage(dir, 'pretrain', cfg, arch, st, trainTokenizer([], 0).toJSON(), metrics);
}

export const pretrainDir = (cfg: TrainConfig) => path.join(cfg.outDir, 'pretrain');
