// Golden test of the log-mel front end against a straightforward O(N²) DFT with explicit triangular filters, plus framing,
// tiling into model windows and speed.
import { describe, expect, it } from 'vitest';
import { FEATURE_CONFIG, type FeatureConfig } from './config';
import { featureWindows, frameCount, logMel, toModelRate } from './logmel';

/** Deterministic test signal: two tones, a click train and pseudo-random noise. */
function testSignal(n: number, rateHz: number): Float32Array {
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5;
  return Float32Array.from({ length: n }, (_, i) => {
    const t = i / rateHz;
    return (
      0.4 * Math.sin(2 * Math.PI * 60 * t) +
      0.2 * Math.sin(2 * Math.PI * 730 * t) +
      (i % 400 < 3 ? 0.5 : 0) +
      0.05 * rand()
    );
  });
}

/** The definition in config.ts written out the slow, obvious way. */
function referenceLogMel(x: Float32Array, cfg: FeatureConfig): number[][] {
  const N = cfg.fftSize;
  const mel = (f: number) => 1127 * Math.log(1 + f / 700); // = 2595·log10(1 + f/700)
  const inv = (m: number) => 700 * (Math.exp(m / 1127) - 1);
  const pts = Array.from({ length: cfg.nMels + 2 }, (_, i) =>
    inv(mel(cfg.fMinHz) + (i * (mel(cfg.fMaxHz) - mel(cfg.fMinHz))) / (cfg.nMels + 1)),
  );
  const tri = (m: number, f: number) => {
    const [l, c, r] = [pts[m], pts[m + 1], pts[m + 2]];
    if (f <= l || f >= r) return 0;
    return f <= c ? (f - l) / (c - l) : (r - f) / (r - c);
  };
  const frames = Math.max(1, 1 + Math.floor((x.length - cfg.windowSamples) / cfg.hopSamples));
  const out: number[][] = Array.from({ length: cfg.nMels }, () => []);
  for (let t = 0; t < frames; t++) {
    const frame = Array.from({ length: N }, (_, n) => {
      const s = n < cfg.windowSamples ? (x[t * cfg.hopSamples + n] ?? 0) : 0;
      return s * Math.sin((Math.PI * n) / cfg.windowSamples) ** 2; // periodic Hann = sin²(πn/N)
    });
    const power = Array.from({ length: N / 2 + 1 }, (_, k) => {
      let re = 0,
        im = 0;
      for (let n = 0; n < N; n++) {
        re += frame[n] * Math.cos((2 * Math.PI * k * n) / N);
        im -= frame[n] * Math.sin((2 * Math.PI * k * n) / N);
      }
      return re * re + im * im;
    });
    for (let m = 0; m < cfg.nMels; m++) {
      const e = power.reduce((acc, p, k) => acc + p * tri(m, (k * cfg.sampleRateHz) / N), 0);
      out[m].push(Math.log(Math.max(e, cfg.logFloor)));
    }
  }
  return out;
}

function maxDiff(got: ReturnType<typeof logMel>, want: number[][]): number {
  let d = 0;
  for (let m = 0; m < got.nMels; m++)
    for (let t = 0; t < got.nFrames; t++)
      d = Math.max(d, Math.abs(got.data[m * got.nFrames + t] - want[m][t]));
  return d;
}

describe('logMel', () => {
  const cfg = FEATURE_CONFIG;

  it('matches the O(N²) DFT reference within 1e-4', () => {
    const x = testSignal(cfg.windowSamples + 7 * cfg.hopSamples + 33, cfg.sampleRateHz);
    const got = logMel(x);
    const want = referenceLogMel(x, cfg);
    expect([got.nMels, got.nFrames]).toEqual([64, 8]);
    const d = maxDiff(got, want);
    console.log(
      `logMel vs DFT reference: max |diff| = ${d.toExponential(2)} over ${got.nMels}×${got.nFrames}`,
    );
    expect(d).toBeLessThanOrEqual(1e-4);
  });

  it('zero-pads a recording shorter than one window to one frame, also matching the reference', () => {
    const x = testSignal(100, cfg.sampleRateHz);
    const got = logMel(x);
    expect(got.nFrames).toBe(1);
    const d = maxDiff(got, referenceLogMel(x, cfg));
    console.log(`logMel short input vs reference: max |diff| = ${d.toExponential(2)}`);
    expect(d).toBeLessThanOrEqual(1e-4);
    expect(logMel(new Float32Array(0)).data.every((v) => v === Math.fround(Math.log(cfg.logFloor)))).toBe(
      true,
    );
  });

  it('gives every mel band some energy for white noise (no empty filters)', () => {
    const m = logMel(testSignal(4000, cfg.sampleRateHz));
    for (let b = 0; b < m.nMels; b++)
      expect(m.data[b * m.nFrames]).toBeGreaterThan(Math.log(cfg.logFloor) + 5);
  });

  it('frames centre=false: 1 + floor((N − window) / hop)', () => {
    expect(frameCount(256)).toBe(1);
    expect(frameCount(335)).toBe(1);
    expect(frameCount(336)).toBe(2);
    expect(frameCount(4000 * 10)).toBe(1 + Math.floor((40000 - 256) / 80));
  });

  it('is fast: 60 s at 4 kHz', () => {
    const x = testSignal(4000 * 60, cfg.sampleRateHz);
    const t0 = performance.now();
    const m = logMel(x);
    const ms = performance.now() - t0;
    console.log(`logMel 60 s: ${m.nFrames} frames in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(2000);
  });
});

describe('featureWindows', () => {
  const small: FeatureConfig = { ...FEATURE_CONFIG, windowFrames: 4 };
  const fake = (nMels: number, nFrames: number) => ({
    nMels,
    nFrames,
    data: Float32Array.from(
      { length: nMels * nFrames },
      (_, i) => 100 * Math.floor(i / nFrames) + (i % nFrames),
    ),
  });

  it('tiles the recording itself into a short or partial last window, never zeros', () => {
    const windows = featureWindows(fake(2, 6), small);
    expect(windows.map((w) => Array.from(w))).toEqual([
      [0, 1, 2, 3, 100, 101, 102, 103],
      [4, 5, 0, 1, 104, 105, 100, 101],
    ]);
    expect(Array.from(featureWindows(fake(2, 3), small)[0])).toEqual([0, 1, 2, 0, 100, 101, 102, 100]);
    expect(featureWindows(fake(1, 1), small)).toHaveLength(1);
    expect(featureWindows(fake(1, 8), small)).toHaveLength(2);
  });

  it('gives [nMels][windowFrames] windows for a real-length recording', () => {
    const x = toModelRate(testSignal(8000 * 12, 8000), 8000);
    expect(x.length).toBe(48000);
    const ws = featureWindows(logMel(x));
    expect(ws).toHaveLength(2);
    expect(ws[0].length).toBe(FEATURE_CONFIG.nMels * FEATURE_CONFIG.windowFrames);
    expect(ws.every((w) => w.every(Number.isFinite))).toBe(true);
  });
});
