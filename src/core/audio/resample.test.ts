// Measures the resampler's frequency response with pure tones: pass-band ripple, stop-band/alias/image rejection, speed.
import { describe, expect, it } from 'vitest';
import { resample, resampledLength, RESAMPLER_DESIGN } from './resample';

function tone(hz: number, rateHz: number, n: number, amp: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / rateHz + 0.3));
}

/** Least-squares amplitude of a sinusoid at hz in y[from..to) and the RMS of what is left over. */
function fitTone(
  y: Float32Array,
  hz: number,
  rateHz: number,
  from: number,
  to: number,
): { amp: number; residualRms: number } {
  let ss = 0,
    cc = 0,
    sc = 0,
    ys = 0,
    yc = 0;
  for (let i = from; i < to; i++) {
    const w = (2 * Math.PI * hz * i) / rateHz;
    const s = Math.sin(w),
      c = Math.cos(w);
    ss += s * s;
    cc += c * c;
    sc += s * c;
    ys += y[i] * s;
    yc += y[i] * c;
  }
  const det = ss * cc - sc * sc;
  const a = (ys * cc - yc * sc) / det;
  const b = (yc * ss - ys * sc) / det;
  let res = 0;
  for (let i = from; i < to; i++) {
    const w = (2 * Math.PI * hz * i) / rateHz;
    res += (y[i] - a * Math.sin(w) - b * Math.cos(w)) ** 2;
  }
  return { amp: Math.hypot(a, b), residualRms: Math.sqrt(res / (to - from)) };
}

function rms(y: Float32Array, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += y[i] * y[i];
  return Math.sqrt(s / (to - from));
}

/** Worst pass-band deviation (dB) and worst rejection (dB) of everything that is not the wanted tone. */
function measure(fromHz: number, toHz: number): { rippleDb: number; rejectionDb: number } {
  const nyquist = Math.min(fromHz, toHz) / 2;
  const passHz = RESAMPLER_DESIGN.passFraction * nyquist;
  const stopHz = RESAMPLER_DESIGN.stopFraction * nyquist;
  const n = Math.round(fromHz * 0.25);
  let rippleDb = 0;
  let rejectionDb = Infinity;
  const probes = [
    ...Array.from({ length: 16 }, (_, k) => passHz * ((k + 0.37) / 16)),
    ...(fromHz > toHz
      ? Array.from({ length: 32 }, (_, k) => stopHz + (fromHz / 2 - stopHz) * ((k + 0.13) / 32))
      : []),
  ];
  for (const hz of probes) {
    const y = resample(tone(hz, fromHz, n, 0.5), fromHz, toHz);
    const [a, b] = [Math.floor(y.length * 0.1), Math.floor(y.length * 0.9)];
    let leftoverRms: number;
    if (hz <= passHz) {
      const fit = fitTone(y, hz, toHz, a, b);
      rippleDb = Math.max(rippleDb, Math.abs(20 * Math.log10(fit.amp / 0.5)));
      leftoverRms = fit.residualRms;
    } else {
      leftoverRms = rms(y, a, b); // a stop-band tone: all output is alias
    }
    rejectionDb = Math.min(rejectionDb, -20 * Math.log10((leftoverRms * Math.SQRT2) / 0.5));
  }
  return { rippleDb, rejectionDb };
}

describe('resample', () => {
  const ratios: [number, number][] = [
    [44100, 4000],
    [48000, 4000],
    [22050, 4000],
    [8000, 4000],
    [4000, 2000],
    [2000, 4000],
    [4000, 44100],
    [44100, 48000],
    [44100, 44099],
  ];
  for (const [fromHz, toHz] of ratios) {
    it(`${fromHz} → ${toHz} Hz: ripple ≤ 0.1 dB, rejection ≥ 60 dB`, () => {
      const { rippleDb, rejectionDb } = measure(fromHz, toHz);
      console.log(
        `resample ${fromHz}→${toHz}: pass-band ripple ${rippleDb.toFixed(4)} dB, stop-band/alias rejection ${rejectionDb.toFixed(1)} dB`,
      );
      expect(rippleDb).toBeLessThanOrEqual(0.1);
      expect(rejectionDb).toBeGreaterThanOrEqual(60);
    });
  }

  it('keeps timing and length: output j is at j / toHz', () => {
    const x = tone(100, 44100, 44100, 0.8);
    const y = resample(x, 44100, 4000);
    expect(y.length).toBe(4000);
    expect(resample(new Float32Array(10), 44100, 4000).length).toBe(1);
    const ref = tone(100, 4000, 4000, 0.8); // the same tone sampled directly at 4 kHz: zero delay, unit gain
    let maxDiff = 0;
    for (let i = 400; i < 3600; i++) maxDiff = Math.max(maxDiff, Math.abs(y[i] - ref[i]));
    expect(maxDiff).toBeLessThan(1e-3);
  });

  it('copies at equal rates and rejects bad rates', () => {
    const x = Float32Array.from([1, 2, 3]);
    const y = resample(x, 4000, 4000);
    expect(Array.from(y)).toEqual([1, 2, 3]);
    expect(y).not.toBe(x);
    expect(() => resample(x, 0, 4000)).toThrow(RangeError);
    expect(() => resample(x, 4000, 44100.5)).toThrow(/positive integer/);
  });

  it('is fast: 60 s at 44.1 kHz → 4 kHz', () => {
    const x = Float32Array.from({ length: 44100 * 60 }, (_, i) => Math.sin(i * 0.01));
    const t0 = performance.now();
    resample(x, 44100, 4000);
    const ms = performance.now() - t0;
    console.log(
      `resample 60 s 44.1k→4k: ${ms.toFixed(0)} ms (≈ ${((ms * 60) / 1000).toFixed(1)} s per hour of audio)`,
    );
    expect(ms).toBeLessThan(3000); // a generous bound: CI machines are shared (the measured time is printed above)
  });
});

describe('resampledLength', () => {
  it('is the length resample returns, for one-stage, two-stage and equal rates', () => {
    const rates = [
      [44_100, 4000],
      [8000, 4000],
      [2000, 4000],
      [11_025, 4000],
      [48_000, 4000],
      [4000, 4000],
      [16_000, 4000],
    ];
    for (const [from, to] of rates)
      for (const n of [1, 255, 4001, 44_101])
        expect([from, to, n, resampledLength(n, from, to)]).toEqual([
          from,
          to,
          n,
          resample(new Float32Array(n), from, to).length,
        ]);
  });
});
