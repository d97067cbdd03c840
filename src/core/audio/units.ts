// Small level and duration measurements on mono recordings in [-1, 1] (used by signal quality).

/** Root-mean-square level; 0 for an empty recording. */
export function rms(samples: Float32Array): number {
  let s = 0;
  for (let i = 0; i < samples.length; i++) s += samples[i] * samples[i];
  return samples.length === 0 ? 0 : Math.sqrt(s / samples.length);
}

/** Level in dB relative to full scale (1.0), floored at −160 dBFS so silence stays finite. */
export function dbfs(level: number): number {
  return Math.max(-160, 20 * Math.log10(Math.max(level, 1e-8)));
}

/** The level at and beyond which a sample counts as clipped: the top of a 16-bit range after rounding. */
export const CLIPPED_LEVEL = 0.999;

/** Fraction of samples at or beyond ±threshold (default CLIPPED_LEVEL). */
export function clippingFraction(samples: Float32Array, threshold = CLIPPED_LEVEL): number {
  let n = 0;
  for (let i = 0; i < samples.length; i++) if (Math.abs(samples[i]) >= threshold) n++;
  return samples.length === 0 ? 0 : n / samples.length;
}

/** Mean sample value (DC offset). */
export function mean(samples: Float32Array): number {
  let s = 0;
  for (let i = 0; i < samples.length; i++) s += samples[i];
  return samples.length === 0 ? 0 : s / samples.length;
}

/** Duration in seconds of n samples at sampleRateHz. */
export function durationS(sampleCount: number, sampleRateHz: number): number {
  return sampleCount / sampleRateHz;
}
