// Window-by-window features: each window equals the same window of the whole-file computation (featureWindows of
// logMel of the whole recording resampled at once), for every sample rate and length kind, with a printed max |Δ|.
import { describe, expect, it } from 'vitest';
import { featureWindows, logMel, toModelRate } from '../core/features/logmel';
import { recordingWindows, windowAt, windowCount } from './audio';
import type { RecordingInput } from './types';

// A deterministic heart-like test signal: 1.1 Hz bursts of 60 Hz tone plus a little broadband texture.
function signal(seconds: number, rateHz: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * rateHz));
  for (let i = 0; i < out.length; i++) {
    const t = i / rateHz;
    const burst = (t * 1.1) % 1 < 0.12 ? 1 : 0.05;
    out[i] =
      0.4 * burst * Math.sin(2 * Math.PI * 60 * t) +
      0.01 * Math.sin(2 * Math.PI * 731 * t * (1 + 0.1 * Math.sin(t)));
  }
  return out;
}

const recording = (seconds: number, sampleRateHz: number): RecordingInput => ({
  samples: signal(seconds, sampleRateHz),
  sampleRateHz,
  domain: 'heart',
  site: 'MV',
});

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

describe('windowAt', () => {
  // rates: the model rate, 2:1, a two-stage decimation (44.1 kHz), upsampling (2 kHz) and an awkward ratio (11025 Hz);
  // lengths: shorter than a window (tiled), a partial last window, an exact number of windows
  const cases: [number, number][] = [
    [4000, 25],
    [8000, 3],
    [44_100, 23],
    [2000, 30.72],
    [11_025, 12],
    [48_000, 10.24 * 2],
  ];
  for (const [rateHz, seconds] of cases)
    it(`${seconds} s at ${rateHz} Hz: every window equals the whole-file computation`, () => {
      const rec = recording(seconds, rateHz);
      const whole = featureWindows(logMel(toModelRate(rec.samples, rateHz)));
      expect(windowCount(rec)).toBe(whole.length);
      let maxDiff = 0;
      for (let w = 0; w < whole.length; w++)
        maxDiff = Math.max(maxDiff, maxAbsDiff(windowAt(rec, w), whole[w]));
      console.log(
        `${seconds} s at ${rateHz} Hz, ${whole.length} window(s): max |Δ log-mel| = ${maxDiff.toExponential(2)}`,
      );
      expect(maxDiff).toBeLessThanOrEqual(1e-6);
    });

  it('reads a long recording window by window: a middle window is exact and costs a small share of the whole file', () => {
    const rec = recording(300, 22_050); // 5 minutes: 30 windows
    const w = 14;
    const t0 = performance.now();
    const win = windowAt(rec, w);
    const windowMs = performance.now() - t0;
    const t1 = performance.now();
    const whole = featureWindows(logMel(toModelRate(rec.samples, rec.sampleRateHz)));
    const wholeMs = performance.now() - t1;
    console.log(
      `window ${w} of ${whole.length} (5 min at 22.05 kHz): ${windowMs.toFixed(1)} ms; whole file ${wholeMs.toFixed(0)} ms; max |Δ| = ${maxAbsDiff(win, whole[w]).toExponential(2)}`,
    );
    expect(windowCount(rec)).toBe(whole.length);
    expect(maxAbsDiff(win, whole[w])).toBeLessThanOrEqual(1e-6);
    expect(windowMs).toBeLessThan(wholeMs / 5); // about 1/30 of the work; a generous bound for a busy machine
  });

  it('refuses a window outside the recording', () => {
    const rec = recording(12, 8000);
    expect(() => windowAt(rec, 2)).toThrow(RangeError);
    expect(() => windowAt(rec, -1)).toThrow(RangeError);
  });
});

describe('recordingWindows', () => {
  it('gives the first windows, capped, each as the whole-file computation', () => {
    const rec = recording(75, 44_100);
    const two = recordingWindows(rec, 0, 2);
    expect(recordingWindows(rec).length).toBe(windowCount(rec));
    expect(two).toHaveLength(2);
    expect(two[1]).toEqual(windowAt(rec, 1));
  });

  it('names the recording in bad-audio errors', () => {
    const nan = { ...recording(1, 8000), samples: new Float32Array(100).fill(NaN) };
    expect(() => recordingWindows(nan, 1)).toThrow(/recording 2 contains NaN/);
  });
});
