// The frame-level event head (pretraining's `aux.frame.*`, training/train/pretrain.ts) for the export: SFT drops aux
// weights, so it is taken from the run's pretrain checkpoint, valid only while the exported encoder is that one.
import { access } from 'node:fs/promises';
import path from 'node:path';
import { encoderFrames, type ModelArchitecture } from '../../src/core/manifest/architecture';
import type { FrameEventsInfo } from '../../src/core/manifest/frameEvents';
import { FEATURE_CONFIG } from '../../src/core/features/config';
import { readCheckpoint, type WeightMap } from '../checkpoint';
import { mulberry32, gaussian } from '../model/params';
import { FRAME_CHANNELS, FRAME_CHANNEL_FINDINGS } from '../train/frames';

export const FRAME_WEIGHTS = ['aux.frame.weight', 'aux.frame.bias'] as const;
/** The findings head's extra output: per encoder frame, one logit per channel. */
export const FRAME_OUTPUT = 'frame_logits';
/** Until `--calibrate` fits them on val: every channel at 0.5. */
export const DEFAULT_FRAME_THRESHOLD = 0.5;
/** One encoder frame (0.32 s) is the shortest span; a gap of one frame between events of a channel is bridged. */
const MIN_SPAN_FRAMES = 1;
const MERGE_GAP_FRAMES = 1;

export interface FrameHead {
  weights: WeightMap;
  /** Where it came from, for the manifest. */
  source: string;
}

/** Whether two weight maps hold bitwise-equal encoder weights (`enc.*`). */
function sameEncoder(a: WeightMap, b: WeightMap): boolean {
  const names = [...a.keys()].filter((k) => k.startsWith('enc.'));
  if (names.length === 0 || names.length !== [...b.keys()].filter((k) => k.startsWith('enc.')).length)
    return false;
  return names.every((k) => {
    const [x, y] = [a.get(k)!.data, b.get(k)?.data];
    return y !== undefined && x.length === y.length && x.every((v, i) => Object.is(v, y[i]));
  });
}

const pick = (w: WeightMap): WeightMap => new Map(FRAME_WEIGHTS.map((k) => [k, w.get(k)!]));
const hasHead = (w: WeightMap): boolean => FRAME_WEIGHTS.every((k) => w.has(k));

/**
 * The frame head for a checkpoint: its own `aux.frame.*` (a pretrain checkpoint), else those of the run's
 * `pretrain` checkpoint beside it when that one's encoder is bitwise the exported one (SFT with a frozen encoder);
 * null, with the reason, otherwise (the export then has no frame events).
 */
export async function findFrameHead(
  checkpointDir: string,
  weights: WeightMap,
  stage: string,
  step: number,
): Promise<FrameHead | { reason: string }> {
  if (hasHead(weights)) return { weights: pick(weights), source: `${stage} checkpoint, step ${step}` };
  const dir = path.join(path.dirname(path.resolve(checkpointDir)), 'pretrain');
  if (
    dir === path.resolve(checkpointDir) ||
    !(await access(path.join(dir, 'checkpoint.json')).then(
      () => true,
      () => false,
    ))
  )
    return { reason: `no pretrain checkpoint at ${dir}` };
  const pre = await readCheckpoint(dir);
  if (!hasHead(pre.weights)) return { reason: `${dir} has no frame-event head (trained with frameWeight 0)` };
  if (!sameEncoder(pre.weights, weights))
    return { reason: `the encoder of ${dir} differs from the exported one (trained after pretraining)` };
  return {
    weights: pick(pre.weights),
    source: `pretrain checkpoint ${path.basename(path.dirname(dir))}/pretrain, step ${pre.meta.step} (encoder identical)`,
  };
}

/** A seeded random frame head (random models), drawn from its own stream so the other weights do not change. */
export function randomFrameHead(arch: ModelArchitecture, seed: number): FrameHead {
  const c = arch.encoder.channels[arch.encoder.channels.length - 1];
  const k = FRAME_CHANNELS.length;
  const g = gaussian(mulberry32(seed + 29));
  const data = (n: number, std: number) => Float32Array.from({ length: n }, () => g() * std);
  return {
    weights: new Map([
      ['aux.frame.weight', { shape: [c, k], data: data(c * k, 1 / Math.sqrt(c)) }],
      ['aux.frame.bias', { shape: [k], data: data(k, 0.1) }],
    ]),
    source: `random (seed ${seed})`,
  };
}

/** Seconds between encoder frames: feature hop × feature frames per encoder frame. */
export function frameHopS(arch: ModelArchitecture): number {
  const stride = arch.encoder.windowFrames / encoderFrames(arch.encoder);
  return (stride * FEATURE_CONFIG.hopSamples) / FEATURE_CONFIG.sampleRateHz;
}

/** The manifest block of an exported frame head, every threshold at the default until `--calibrate` fits them. */
export function frameEventsBlock(arch: ModelArchitecture, source: string): FrameEventsInfo {
  const hopS = frameHopS(arch);
  return {
    output: FRAME_OUTPUT,
    channels: FRAME_CHANNELS.map((name) => ({
      name,
      findings: [...FRAME_CHANNEL_FINDINGS[name]],
      threshold: DEFAULT_FRAME_THRESHOLD,
    })),
    framesPerWindow: encoderFrames(arch.encoder),
    hopS,
    minSpanS: MIN_SPAN_FRAMES * hopS,
    mergeGapS: MERGE_GAP_FRAMES * hopS,
    thresholdFit: { method: 'default' },
    source,
  };
}
