// Findings-head calibration: per-label temperatures fitted on a corpus split (val) by minimizing binary cross-entropy,
// and the expected calibration error before and after, computed with the engine's own probability formula. Targets
// (and which recordings a label is scored on) come from training's head definitions (training/train/data.ts). The same
// pass keeps the frame-level event logits, whose thresholds ./frame-thresholds.ts fits.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { decodeWav } from '../../src/core/audio/wav';
import type { CorpusEntry } from '../../src/core/clinical/corpus';
import type { RecordingLabels } from '../../src/core/clinical/schema';
import { FEATURE_CONFIG } from '../../src/core/features/config';
import type { FindingsCalibration, ModelManifest } from '../../src/core/manifest/manifest';
import { batchWindows, recordingWindows } from '../../src/engine/audio';
import { readCorpus } from '../data/build';
import { HEAD_LABELS, headTargets } from '../train/data';
import { withoutSources } from '../train/sampling';
import { frameSamples, type FrameSamples } from './frame-thresholds';

/** One recording's window logits [windows × labels] and which labels are scored (its domain's) and present. */
export interface ScoredRecording {
  logits: Float32Array;
  windows: number;
  scored: boolean[];
  present: boolean[];
  /** The frame-level event logits with training's frame targets, when the model has a frame head and the recording event annotations. */
  frames?: FrameSamples;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Mean over windows of sigmoid(logit / T): the probability the engine shows (src/engine/findings.ts). */
export function recordingProbability(r: ScoredRecording, label: number, labels: number, t: number): number {
  let s = 0;
  for (let w = 0; w < r.windows; w++) s += sigmoid(r.logits[w * labels + label] / t);
  return s / r.windows;
}

function labelNll(recs: ScoredRecording[], label: number, labels: number, t: number): number {
  let nll = 0;
  for (const r of recs) {
    if (!r.scored[label]) continue;
    const p = Math.min(1 - 1e-7, Math.max(1e-7, recordingProbability(r, label, labels, t)));
    nll -= r.present[label] ? Math.log(p) : Math.log(1 - p);
  }
  return nll;
}

/** Golden-section search of log T in [-3, 3] per label; labels never scored keep T = 1. */
export function fitTemperatures(recs: ScoredRecording[], labels: number): number[] {
  return Array.from({ length: labels }, (_, j) => {
    if (!recs.some((r) => r.scored[j])) return 1;
    const f = (logT: number): number => labelNll(recs, j, labels, Math.exp(logT));
    const g = (Math.sqrt(5) - 1) / 2;
    let [a, b] = [-3, 3];
    for (let i = 0; i < 60; i++) {
      const c = b - g * (b - a);
      const d = a + g * (b - a);
      if (f(c) < f(d)) b = d;
      else a = c;
    }
    return Math.exp((a + b) / 2);
  });
}

/** Expected calibration error over every scored (recording, label) probability, equal-width bins. */
export function expectedCalibrationError(
  recs: ScoredRecording[],
  labels: number,
  temperature: number[],
  bins = 15,
): number {
  const count = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const hits = new Array<number>(bins).fill(0);
  let n = 0;
  for (const r of recs)
    for (let j = 0; j < labels; j++) {
      if (!r.scored[j]) continue;
      const p = recordingProbability(r, j, labels, temperature[j]);
      const b = Math.min(bins - 1, Math.floor(p * bins));
      count[b] += 1;
      conf[b] += p;
      hits[b] += r.present[j] ? 1 : 0;
      n += 1;
    }
  return n === 0
    ? 0
    : count.reduce((e, c, b) => (c === 0 ? e : e + (c / n) * Math.abs(hits[b] / c - conf[b] / c)), 0);
}

/** Targets per manifest label from training's head definitions (null = the labels do not tell: not scored). */
export function labelTargets(
  labels: string[],
  e: RecordingLabels,
): { scored: boolean[]; present: boolean[] } {
  const all = headTargets(e);
  const t = labels.map((l) => {
    const i = HEAD_LABELS.indexOf(l);
    if (i < 0)
      throw new Error(`findings label '${l}' is not one of training's heads (${HEAD_LABELS.join(', ')})`);
    return all[i];
  });
  return { scored: t.map((x) => x !== null), present: t.map((x) => x === 1) };
}

/** Runs the exported findings head over a corpus split. */
export async function scoreSplit(
  modelDir: string,
  m: ModelManifest,
  corpusDir: string,
  split: string,
  limit = Infinity,
): Promise<ScoredRecording[]> {
  const session = await ort.InferenceSession.create(
    await readFile(path.join(modelDir, m.parts.findings_head.fp32 as string)),
  );
  // A model trained without some sources (leave-one-source-out) is calibrated without them too.
  const excluded = String(m.training.config.excludeSources ?? '');
  const entries = withoutSources(readCorpus(corpusDir).entries, excluded)
    .filter((e: CorpusEntry) => e.split === split)
    .slice(0, limit);
  const out: ScoredRecording[] = [];
  for (const e of entries) {
    const audio = decodeWav(new Uint8Array(await readFile(path.join(corpusDir, e.audio))));
    const windows = recordingWindows({
      samples: audio.samples,
      sampleRateHz: audio.sampleRateHz || FEATURE_CONFIG.sampleRateHz,
      domain: e.domain,
      site: e.site,
    });
    const batch = batchWindows(windows);
    const res = await session.run({ audio_values: new ort.Tensor('float32', batch.data, batch.dims) });
    const fe = m.frameEvents;
    const frames = fe
      ? frameSamples(
          e,
          res[fe.output].data as Float32Array,
          windows.length,
          fe.framesPerWindow,
          fe.channels.length,
          {
            samples: audio.samples.length,
            sampleRateHz: audio.sampleRateHz || FEATURE_CONFIG.sampleRateHz,
          },
        )
      : null;
    out.push({
      logits: res.finding_logits.data as Float32Array,
      windows: windows.length,
      ...labelTargets(m.findings.labels, e),
      ...(frames ? { frames } : {}),
    });
  }
  await session.release();
  return out;
}

/**
 * Measures ECE on `split` before (T = 1) and after calibration. With `temperature` given (training already fitted it,
 * training/train/calibrate.ts) it is only measured; otherwise temperatures are fitted here first.
 */
export async function calibrateFindings(
  modelDir: string,
  m: ModelManifest,
  corpusDir: string,
  split = 'val',
  temperature?: number[],
  scored?: ScoredRecording[],
): Promise<FindingsCalibration & { eceUncalibrated: number; recordings: number }> {
  const recs = scored ?? (await scoreSplit(modelDir, m, corpusDir, split));
  const L = m.findings.labels.length;
  temperature ??= fitTemperatures(recs, L);
  return {
    labels: m.findings.labels,
    temperature,
    method: 'temperature',
    split,
    ece: expectedCalibrationError(recs, L, temperature),
    eceUncalibrated: expectedCalibrationError(recs, L, new Array<number>(L).fill(1)),
    recordings: recs.length,
  };
}
