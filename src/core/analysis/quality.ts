// Recording quality: a 0–1 score and the named problems a clinician can fix (re-record longer, louder, without clipping).
import { clippingFraction, dbfs, durationS, mean, rms } from '../audio/units';
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

/**
 * Median over frames of the spectral flatness (geometric / arithmetic mean of the power spectrum) in 25–1800 Hz: near 1
 * for white noise, near 0 for the low, peaky spectra of heart and most lung sounds. Frames of ~64 ms, at most 400 of them
 * spread over the recording, so the cost does not grow with its length.
 */
export function spectralFlatness(samples: Float32Array, sampleRateHz: number): number {
  const size = 2 ** Math.round(Math.log2(0.064 * sampleRateHz));
  if (samples.length < size) return 0;
  const plan = fftPlan(size);
  const [re, im] = [new Float64Array(size), new Float64Array(size)];
  const [lo, hi] = [
    Math.ceil((FLATNESS_BAND.lowHz * size) / sampleRateHz),
    Math.floor((FLATNESS_BAND.highHz * size) / sampleRateHz),
  ];
  const frames = Math.min(MAX_FRAMES, Math.floor(samples.length / size));
  const step = Math.floor((samples.length - size) / Math.max(1, frames - 1));
  const values: number[] = [];
  for (let f = 0; f < frames; f++) {
    for (let i = 0; i < size; i++)
      re[i] = samples[f * step + i] * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size));
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

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

/** Quality of a recording: which problems it has and an overall score (product of one factor per check). */
export function signalQuality(samples: Float32Array, sampleRateHz: number): SignalQuality {
  const L = QUALITY_LIMITS;
  const issues: QualityIssue[] = [];
  const seconds = durationS(samples.length, sampleRateHz);
  const offset = mean(samples);
  const level = dbfs(rms(samples.map((x) => x - offset)));
  const clipped = clippingFraction(samples);
  const silent = level < L.silenceDbfs;
  const flatness = silent ? 0 : spectralFlatness(samples, sampleRateHz);
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
