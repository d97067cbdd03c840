// Heart rate from the periodicity of the heart-sound envelope (autocorrelation, with a guard against octave errors).
import {
  autocorrelation,
  bandEnvelope,
  fundamentalLag,
  parabolicPeak,
  quantile,
  type Envelope,
} from './envelope';

/** S1 and S2 carry most of their energy here; murmurs and breath noise mostly lie above. */
export const HEART_BAND = { lowHz: 25, highHz: 200 } as const;
const ENVELOPE_RATE_HZ = 100;
const BPM_RANGE = { min: 30, max: 200 } as const;
/** Below this autocorrelation at the chosen lag the recording shows no usable periodicity. */
const MIN_CONFIDENCE = 0.1;

export interface HeartRate {
  bpm: number | null;
  /** Normalised autocorrelation of the envelope at one cardiac cycle, clipped to [0, 1]. */
  confidence: number;
}

/** The heart-band envelope at 100 Hz, smoothed over 50 ms (shared with segmentation). */
export function heartEnvelope(samples: Float32Array, sampleRateHz: number): Envelope {
  return bandEnvelope(samples, sampleRateHz, HEART_BAND, ENVELOPE_RATE_HZ, 0.05);
}

/** Cycle length in envelope samples (30–200 bpm), refined between samples, with its autocorrelation; null if none. */
export function cycleLag(r: Float64Array, rateHz: number): { lag: number; value: number } | null {
  const minLag = Math.floor((60 / BPM_RANGE.max) * rateHz);
  const maxLag = Math.ceil((60 / BPM_RANGE.min) * rateHz);
  const best = fundamentalLag(r, minLag, maxLag, 0.5);
  return best === null ? null : { lag: parabolicPeak(r, best), value: r[best] };
}

/**
 * Autocorrelation (lags up to 2 s) of the heart envelope clipped at its 90th percentile, so that a few loud artefacts
 * (handling, crying) do not dominate the periodicity, and the cycle found in it.
 */
export function heartPeriodicity(env: Envelope): {
  r: Float64Array;
  cycle: { lag: number; value: number } | null;
} {
  const ceiling = quantile(env.values, 0.9);
  const clipped = Float32Array.from(env.values, (v) => Math.min(v, ceiling));
  const r = autocorrelation(clipped, Math.ceil((60 / BPM_RANGE.min) * env.rateHz) + 1);
  return { r, cycle: cycleLag(r, env.rateHz) };
}

/** Heart rate in beats per minute, or null (with its low confidence) when the recording has no clear rhythm. */
export function estimateHeartRate(samples: Float32Array, sampleRateHz: number): HeartRate {
  const env = heartEnvelope(samples, sampleRateHz);
  const { cycle } = heartPeriodicity(env);
  if (!cycle) return { bpm: null, confidence: 0 };
  const confidence = Math.max(0, Math.min(1, cycle.value));
  if (confidence < MIN_CONFIDENCE) return { bpm: null, confidence };
  return { bpm: (60 * env.rateHz) / cycle.lag, confidence };
}
