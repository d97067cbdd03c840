// Shared signal-analysis building blocks: band-limited energy envelopes at a low rate, autocorrelation and peak picking.
import { bandPass } from '../audio/filters';

export interface Envelope {
  /** Non-negative amplitude envelope, one value per 1 / rateHz seconds. */
  values: Float32Array;
  rateHz: number;
}

/**
 * Amplitude envelope of the lowHz..highHz band: band-pass, mean power per block of 1 / rateHz s, moving average over
 * smoothS, square root. Block averaging makes it cheap for hour-long recordings at any input rate.
 */
export function bandEnvelope(
  samples: Float32Array,
  sampleRateHz: number,
  band: { lowHz: number; highHz: number },
  rateHz: number,
  smoothS: number,
): Envelope {
  const x = bandPass(samples, sampleRateHz, band.lowHz, band.highHz);
  const block = sampleRateHz / rateHz;
  const n = Math.floor(x.length / block);
  const power = new Float64Array(n);
  for (let b = 0; b < n; b++) {
    const [from, to] = [Math.round(b * block), Math.round((b + 1) * block)];
    let s = 0;
    for (let i = from; i < to; i++) s += x[i] * x[i];
    power[b] = s / Math.max(1, to - from);
  }
  const smooth = movingAverage(power, Math.max(1, Math.round(smoothS * rateHz)));
  return { values: Float32Array.from(smooth, Math.sqrt), rateHz };
}

/** Centred moving average with a window of `width` points (shrinking at the ends). */
export function movingAverage(x: ArrayLike<number>, width: number): Float64Array {
  const out = new Float64Array(x.length);
  const prefix = new Float64Array(x.length + 1);
  for (let i = 0; i < x.length; i++) prefix[i + 1] = prefix[i] + x[i];
  const half = Math.floor(width / 2);
  for (let i = 0; i < x.length; i++) {
    const [a, b] = [Math.max(0, i - half), Math.min(x.length, i - half + width)];
    out[i] = (prefix[b] - prefix[a]) / (b - a);
  }
  return out;
}

/**
 * Normalised, unbiased autocorrelation of x with its mean removed, for lags 0..maxLag: r[k] = c[k] / c[0] where
 * c[k] = Σ (x[i] − μ)(x[i+k] − μ) / (n − k). r[0] = 1; all zeros for a constant signal.
 */
export function autocorrelation(x: ArrayLike<number>, maxLag: number): Float64Array {
  const n = x.length;
  let mu = 0;
  for (let i = 0; i < n; i++) mu += x[i];
  mu /= Math.max(1, n);
  const d = Float64Array.from({ length: n }, (_, i) => x[i] - mu);
  const lags = Math.min(maxLag, n - 1);
  const r = new Float64Array(Math.max(0, lags + 1));
  for (let k = 0; k <= lags; k++) {
    let s = 0;
    for (let i = 0; i + k < n; i++) s += d[i] * d[i + k];
    r[k] = s / (n - k);
  }
  const c0 = r[0];
  for (let k = 0; k < r.length; k++) r[k] = c0 > 0 ? r[k] / c0 : 0;
  return r;
}

/** Indices of local maxima of x (strictly above the left neighbour, at least the right one) that exceed minValue. */
export function localMaxima(x: ArrayLike<number>, minValue = -Infinity): number[] {
  const out: number[] = [];
  for (let i = 1; i + 1 < x.length; i++)
    if (x[i] > x[i - 1] && x[i] >= x[i + 1] && x[i] > minValue) out.push(i);
  return out;
}

/** Value at quantile q ∈ [0, 1] (nearest rank) of x; NaN when empty. */
export function quantile(x: ArrayLike<number>, q: number): number {
  if (x.length === 0) return NaN;
  const sorted = Float64Array.from(x).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
}

/** Refines a peak index to sub-sample precision by fitting a parabola through it and its neighbours. */
export function parabolicPeak(x: ArrayLike<number>, i: number): number {
  if (i <= 0 || i >= x.length - 1) return i;
  const [a, b, c] = [x[i - 1], x[i], x[i + 1]];
  const den = a - 2 * b + c;
  return den === 0 ? i : i + (0.5 * (a - c)) / den;
}

/**
 * Lag of the fundamental period in an autocorrelation r: the highest local maximum in [minLag, maxLag], then moved to a
 * half, third, fifth or seventh of that lag while a peak there reaches `ratio` of its height (several periods align
 * about as well as one, so the highest peak is often a multiple). Returns the integer lag, or null when there is no peak.
 */
export function fundamentalLag(
  r: Float64Array,
  minLag: number,
  maxLag: number,
  ratio: number,
): number | null {
  const peaks = localMaxima(r).filter((k) => k >= minLag && k <= maxLag);
  if (peaks.length === 0) return null;
  const highest = (ks: number[]) => ks.reduce((a, b) => (r[b] > r[a] ? b : a));
  let best = highest(peaks);
  for (let moved = true; moved;) {
    moved = false;
    for (const divisor of [2, 3, 5, 7]) {
      const target = best / divisor;
      const near = peaks.filter((k) => Math.abs(k - target) <= 0.1 * target && r[k] >= ratio * r[best]);
      if (near.length === 0) continue;
      best = highest(near);
      moved = true;
      break;
    }
  }
  return best;
}
