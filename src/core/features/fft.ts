// In-place iterative radix-2 complex FFT with cached bit-reversal and twiddle tables (used by the log-mel front end).

export interface FftPlan {
  readonly size: number;
  readonly reversed: Uint32Array;
  readonly cos: Float64Array;
  readonly sin: Float64Array;
}

const plans = new Map<number, FftPlan>();

/** Tables for an FFT of `size` points (a power of two ≥ 2), built once per size. */
export function fftPlan(size: number): FftPlan {
  const cached = plans.get(size);
  if (cached) return cached;
  if (!Number.isInteger(size) || size < 2 || (size & (size - 1)) !== 0)
    throw new RangeError(`FFT size must be a power of two ≥ 2, got ${size}`);
  const bits = Math.log2(size);
  const reversed = new Uint32Array(size);
  for (let i = 0; i < size; i++) {
    let r = 0;
    for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
    reversed[i] = r;
  }
  const cos = new Float64Array(size / 2);
  const sin = new Float64Array(size / 2);
  for (let k = 0; k < size / 2; k++) {
    cos[k] = Math.cos((2 * Math.PI * k) / size);
    sin[k] = -Math.sin((2 * Math.PI * k) / size);
  }
  const plan = { size, reversed, cos, sin };
  plans.set(size, plan);
  return plan;
}

/** Forward DFT X[k] = Σ x[n]·e^(−2πikn/N), in place on (re, im). */
export function fft(re: Float64Array, im: Float64Array, plan: FftPlan): void {
  const n = plan.size;
  for (let i = 0; i < n; i++) {
    const j = plan.reversed[i];
    if (j > i) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1;
    const step = n / len;
    for (let start = 0; start < n; start += len) {
      for (let k = 0; k < half; k++) {
        const wr = plan.cos[k * step];
        const wi = plan.sin[k * step];
        const a = start + k;
        const b = a + half;
        const tr = re[b] * wr - im[b] * wi;
        const ti = re[b] * wi + im[b] * wr;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
      }
    }
  }
}
