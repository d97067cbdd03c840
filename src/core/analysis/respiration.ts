// Respiratory rate from the periodicity of the breath-sound envelope (the band above most heart-sound energy).
import { autocorrelation, bandEnvelope, fundamentalLag, parabolicPeak, quantile } from './envelope';

/**
 * Breath sounds are broadband noise; starting at 150 Hz keeps most of S1/S2 out. The envelope is the per-frame median of
 * three sub-band envelopes (each scaled to its own median), so a narrowband wheeze or hum cannot take it over.
 */
export const BREATH_BANDS = [
  { lowHz: 150, highHz: 300 },
  { lowHz: 300, highHz: 600 },
  { lowHz: 600, highHz: 1000 },
] as const;
const ENVELOPE_RATE_HZ = 10;
/** 6–60 breaths/min covers adults at rest and infants. */
const RATE_RANGE = { min: 6, max: 60 } as const;
const MIN_CONFIDENCE = 0.15;

export interface RespiratoryRate {
  breathsPerMin: number | null;
  /** Normalised autocorrelation of the breath envelope at one breath cycle, clipped to [0, 1]. */
  confidence: number;
}

function breathEnvelope(samples: Float32Array, sampleRateHz: number): Float32Array {
  const bands = BREATH_BANDS.map((band) => {
    const { values } = bandEnvelope(samples, sampleRateHz, band, ENVELOPE_RATE_HZ, 0.4);
    const level = quantile(values, 0.5) || 1;
    return values.map((v) => v / level);
  });
  return bands[0].map((_, t) => {
    const [a, b, c] = [bands[0][t], bands[1][t], bands[2][t]];
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c)); // median of three
  });
}

/**
 * Breaths per minute, or null when no breathing rhythm is visible or the recording holds fewer than two breaths at the
 * rate found. The envelope is smoothed over 0.4 s, which removes most heartbeat modulation, and clipped at its 90th
 * percentile against artefacts. The period is the envelope autocorrelation's fundamental lag (see fundamentalLag).
 */
export function estimateRespiratoryRate(samples: Float32Array, sampleRateHz: number): RespiratoryRate {
  const env = breathEnvelope(samples, sampleRateHz);
  const ceiling = quantile(env, 0.9);
  const clipped = Float32Array.from(env, (v) => Math.min(v, ceiling));
  const [minLag, maxLag] = [
    (60 / RATE_RANGE.max) * ENVELOPE_RATE_HZ,
    (60 / RATE_RANGE.min) * ENVELOPE_RATE_HZ,
  ];
  const r = autocorrelation(clipped, Math.min(maxLag, Math.floor(clipped.length / 2)));
  const best = fundamentalLag(r, minLag, maxLag, 0.5);
  if (best === null) return { breathsPerMin: null, confidence: 0 };
  const confidence = Math.max(0, Math.min(1, r[best]));
  if (confidence < MIN_CONFIDENCE) return { breathsPerMin: null, confidence };
  return { breathsPerMin: (60 * ENVELOPE_RATE_HZ) / parabolicPeak(r, best), confidence };
}
