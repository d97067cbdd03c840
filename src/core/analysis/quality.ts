// Recording quality: a 0–1 score and the named problems a clinician can fix (re-record longer, louder, without clipping).
import { CLIPPED_LEVEL, dbfs, durationS } from '../audio/units';
import { fft, fftPlan } from '../features/fft';

export type QualityIssue = 'silence' | 'clipping' | 'dc-offset' | 'too-short' | 'noisy';

export interface SignalQuality {
  /** 1 = no problem found; each problem lowers it, silence to 0. */
  score: number;
  issues: QualityIssue[];
}

/**
 * Thresholds, set from the dataset fixtures: quiet but valid SPRSound recordings reach −60 dBFS; clean heart recordings
 * have median spectral flatness ≤ 0.3 while PASCAL's "artifact" recordings and white noise (0.56) lie above 0.4.
 */
export const QUALITY_LIMITS = {
  minDurationS: 3,
  silenceDbfs: -70,
  clippedFraction: 0.001,
  dcOffset: 0.01,
  noisyFlatness: 0.4,
} as const;

const FLATNESS_BAND = { lowHz: 25, highHz: 1800 } as const;
const MAX_FRAMES = 400;

/** The frames spectral flatness looks at: `count` frames of `size` samples, the f-th starting at f · step. */
interface FlatnessFrames {
  size: number;
  count: number;
  step: number;
}

/** Frames of ~64 ms, at most 400 of them spread over the recording, so the cost does not grow with its length. */
function flatnessFrames(sampleCount: number, sampleRateHz: number): FlatnessFrames {
  const size = 2 ** Math.round(Math.log2(0.064 * sampleRateHz));
  if (sampleCount < size) return { size, count: 0, step: 0 };
  const count = Math.min(MAX_FRAMES, Math.floor(sampleCount / size));
  return { size, count, step: Math.floor((sampleCount - size) / Math.max(1, count - 1)) };
}

/** Copies the samples of `chunk` (starting at sample `at`) that fall in the frames into `into`, frame after frame. */
function gatherFrames(fr: FlatnessFrames, chunk: Float32Array, at: number, into: Float32Array): void {
  for (let f = 0; f < fr.count; f++) {
    const start = f * fr.step;
    const from = Math.max(start, at);
    const to = Math.min(start + fr.size, at + chunk.length);
    if (from < to) into.set(chunk.subarray(from - at, to - at), f * fr.size + from - start);
  }
}

/** Median flatness of gathered frames (`frames` holds them one after another). */
function flatnessOf(fr: FlatnessFrames, frames: Float32Array, sampleRateHz: number): number {
  const { size, count } = fr;
  if (count === 0) return 0;
  const plan = fftPlan(size);
  const [re, im] = [new Float64Array(size), new Float64Array(size)];
  const [lo, hi] = [
    Math.ceil((FLATNESS_BAND.lowHz * size) / sampleRateHz),
    Math.floor((FLATNESS_BAND.highHz * size) / sampleRateHz),
  ];
  const values: number[] = [];
  for (let f = 0; f < count; f++) {
    for (let i = 0; i < size; i++)
      re[i] = frames[f * size + i] * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size));
    im.fill(0);
    fft(re, im, plan);
    let logSum = 0;
    let sum = 0;
    for (let k = lo; k <= hi; k++) {
      const p = re[k] * re[k] + im[k] * im[k] + 1e-20;
      logSum += Math.log(p);
      sum += p;
    }
    const n = hi - lo + 1;
    values.push(Math.exp(logSum / n) / (sum / n));
  }
  values.sort((a, b) => a - b);
  return values[values.length >> 1];
}

/**
 * Median over frames of the spectral flatness (geometric / arithmetic mean of the power spectrum) in 25–1800 Hz: near 1
 * for white noise, near 0 for the low, peaky spectra of heart and most lung sounds.
 */
export function spectralFlatness(samples: Float32Array, sampleRateHz: number): number {
  const fr = flatnessFrames(samples.length, sampleRateHz);
  const frames = new Float32Array(fr.count * fr.size);
  gatherFrames(fr, samples, 0, frames);
  return flatnessOf(fr, frames, sampleRateHz);
}

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

/**
 * signalQuality of a recording read one chunk at a time, in two passes over its samples in order (a long one is never
 * held whole): `addLevels` (mean, clipping, the flatness frames), then `addDeviations` (the level around the mean).
 * The result equals signalQuality over all the samples, exactly.
 */
export class QualityScan {
  private sum = 0;
  private clipped = 0;
  private squares = 0;
  private readonly fr: FlatnessFrames;
  private readonly frames: Float32Array;

  constructor(
    readonly sampleCount: number,
    readonly sampleRateHz: number,
  ) {
    this.fr = flatnessFrames(sampleCount, sampleRateHz);
    this.frames = new Float32Array(this.fr.count * this.fr.size);
  }

  /** First pass: `chunk` holds the samples from `at` (chunks come in order). */
  addLevels(chunk: Float32Array, at: number): void {
    for (let i = 0; i < chunk.length; i++) {
      this.sum += chunk[i];
      if (Math.abs(chunk[i]) >= CLIPPED_LEVEL) this.clipped++;
    }
    gatherFrames(this.fr, chunk, at, this.frames);
  }

  /** The DC offset (mean sample), known once the first pass has seen every sample. */
  get offset(): number {
    return this.sampleCount === 0 ? 0 : this.sum / this.sampleCount;
  }

  /** Second pass, chunks in order: the samples' deviations from the mean (as float32, as a mapped array holds them). */
  addDeviations(chunk: Float32Array): void {
    const offset = this.offset;
    for (let i = 0; i < chunk.length; i++) {
      const d = Math.fround(chunk[i] - offset);
      this.squares += d * d;
    }
  }

  result(): SignalQuality {
    const L = QUALITY_LIMITS;
    const n = this.sampleCount;
    const issues: QualityIssue[] = [];
    const seconds = durationS(n, this.sampleRateHz);
    const offset = this.offset;
    const level = dbfs(n === 0 ? 0 : Math.sqrt(this.squares / n));
    const clipped = n === 0 ? 0 : this.clipped / n;
    const silent = level < L.silenceDbfs;
    const flatness = silent ? 0 : flatnessOf(this.fr, this.frames, this.sampleRateHz);
    if (seconds < L.minDurationS) issues.push('too-short');
    if (silent) issues.push('silence');
    if (clipped > L.clippedFraction) issues.push('clipping');
    if (Math.abs(offset) > L.dcOffset) issues.push('dc-offset');
    if (flatness > L.noisyFlatness) issues.push('noisy');
    const score =
      clamp01(seconds / L.minDurationS) *
      clamp01((level - (L.silenceDbfs - 10)) / 10) *
      clamp01(1 - clipped / 0.02) *
      (1 - Math.min(0.5, 5 * Math.abs(offset))) *
      clamp01(1 - (flatness - 0.2) / 0.4);
    return { score, issues };
  }
}

/** Quality of a recording: which problems it has and an overall score (product of one factor per check). */
export function signalQuality(samples: Float32Array, sampleRateHz: number): SignalQuality {
  const scan = new QualityScan(samples.length, sampleRateHz);
  scan.addLevels(samples, 0);
  scan.addDeviations(samples);
  return scan.result();
}
