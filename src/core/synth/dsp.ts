// Small signal-building blocks for the synthesizer: biquad filters (RBJ cookbook), band-limited noise and
// windowed chirps rendered straight into a sample buffer.
import type { RandomStream } from './prng';

interface BiquadCoefs {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

export type BiquadKind = 'lowpass' | 'highpass' | 'bandpass';

/** Biquad coefficients after R. Bristow-Johnson's "Audio EQ Cookbook"; bandpass has 0 dB peak gain. */
export function biquad(kind: BiquadKind, freqHz: number, q: number, sampleRateHz: number): BiquadCoefs {
  const f = Math.min(Math.max(freqHz, 1), sampleRateHz * 0.49);
  const w = (2 * Math.PI * f) / sampleRateHz;
  const alpha = Math.sin(w) / (2 * q);
  const c = Math.cos(w);
  const a0 = 1 + alpha;
  let b0: number, b1: number, b2: number;
  if (kind === 'lowpass') [b0, b1, b2] = [(1 - c) / 2, 1 - c, (1 - c) / 2];
  else if (kind === 'highpass') [b0, b1, b2] = [(1 + c) / 2, -(1 + c), (1 + c) / 2];
  else [b0, b1, b2] = [alpha, 0, -alpha];
  return { b0: b0 / a0, b1: b1 / a0, b2: b2 / a0, a1: (-2 * c) / a0, a2: (1 - alpha) / a0 };
}

/** Runs a biquad over x in place (direct form I). */
export function filterInPlace(x: Float32Array, k: BiquadCoefs): void {
  let x1 = 0,
    x2 = 0,
    y1 = 0,
    y2 = 0;
  for (let i = 0; i < x.length; i++) {
    const x0 = x[i];
    const y0 = k.b0 * x0 + k.b1 * x1 + k.b2 * x2 - k.a1 * y1 - k.a2 * y2;
    x2 = x1;
    x1 = x0;
    y2 = y1;
    y1 = y0;
    x[i] = y0;
  }
}

/** Band-pass between loHz and hiHz as a highpass+lowpass cascade, `order` biquads each (12 dB/oct per biquad). */
export function bandFilter(
  x: Float32Array,
  loHz: number,
  hiHz: number,
  sampleRateHz: number,
  order = 2,
): void {
  const q = Math.SQRT1_2;
  for (let i = 0; i < order; i++) {
    if (loHz > 0) filterInPlace(x, biquad('highpass', loHz, q, sampleRateHz));
    if (hiHz < sampleRateHz / 2) filterInPlace(x, biquad('lowpass', hiHz, q, sampleRateHz));
  }
}

export function rms(x: Float32Array, from = 0, to = x.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += x[i] * x[i];
  return Math.sqrt(s / Math.max(1, to - from));
}

/** White Gaussian noise filtered to [loHz, hiHz] and scaled to unit RMS. */
export function bandNoise(
  rng: RandomStream,
  n: number,
  loHz: number,
  hiHz: number,
  sampleRateHz: number,
  order = 2,
): Float32Array {
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = rng.noise();
  bandFilter(x, loHz, hiHz, sampleRateHz, order);
  const r = rms(x) || 1;
  for (let i = 0; i < n; i++) x[i] /= r;
  return x;
}

export interface ChirpSpec {
  startS: number;
  durationS: number;
  /** Instantaneous frequency at the start and at the end (linear sweep). */
  f0Hz: number;
  f1Hz: number;
  /** Peak amplitude of the window. */
  amp: number;
  phase?: number;
}

/** Adds a Hann-windowed linear chirp: the model used for heart-sound components (S1, S2, S3, S4, clicks). */
export function addChirp(out: Float32Array, sampleRateHz: number, c: ChirpSpec): void {
  const i0 = Math.max(0, Math.ceil(c.startS * sampleRateHz));
  const i1 = Math.min(out.length, Math.floor((c.startS + c.durationS) * sampleRateHz));
  const k = (c.f1Hz - c.f0Hz) / c.durationS;
  const ph = c.phase ?? 0;
  for (let i = i0; i < i1; i++) {
    const t = i / sampleRateHz - c.startS;
    const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * t) / c.durationS);
    out[i] += c.amp * w * Math.sin(ph + 2 * Math.PI * (c.f0Hz * t + 0.5 * k * t * t));
  }
}

/** Envelopes are evaluated every ENVELOPE_STEP samples and linearly interpolated (they are smooth; this is faster). */
const ENVELOPE_STEP = 8;

/** Adds `noise[i] * gain(t)` over [startS, endS), with gain given as a function of time from startS. */
export function addShapedNoise(
  out: Float32Array,
  noise: Float32Array,
  sampleRateHz: number,
  startS: number,
  endS: number,
  gain: (t: number) => number,
): void {
  const i0 = Math.max(0, Math.ceil(startS * sampleRateHz));
  const i1 = Math.min(out.length, Math.floor(endS * sampleRateHz));
  for (let a = i0; a < i1; a += ENVELOPE_STEP) {
    const b = Math.min(i1, a + ENVELOPE_STEP);
    const ga = gain(a / sampleRateHz - startS),
      gb = gain(b / sampleRateHz - startS);
    for (let i = a; i < b; i++) out[i] += noise[i] * (ga + ((gb - ga) * (i - a)) / (b - a));
  }
}

/** Multiplies x by env(t), evaluated every ENVELOPE_STEP samples and interpolated. */
export function applyEnvelope(x: Float32Array, sampleRateHz: number, env: (t: number) => number): void {
  for (let a = 0; a < x.length; a += ENVELOPE_STEP) {
    const b = Math.min(x.length, a + ENVELOPE_STEP);
    const ga = env(a / sampleRateHz),
      gb = env(b / sampleRateHz);
    for (let i = a; i < b; i++) x[i] *= ga + ((gb - ga) * (i - a)) / (b - a);
  }
}

export function dbToGain(db: number): number {
  return Math.pow(10, db / 20);
}

/** Adds band-limited noise of the given RMS to the whole buffer (body and sensor noise floor). */
export function addNoiseFloor(
  out: Float32Array,
  rng: RandomStream,
  loHz: number,
  hiHz: number,
  sampleRateHz: number,
  rmsLevel: number,
): void {
  const floor = bandNoise(rng, out.length, loHz, hiHz, sampleRateHz, 1);
  for (let i = 0; i < out.length; i++) out[i] += rmsLevel * floor[i];
}
