// Level helpers on known signals.
import { describe, expect, it } from 'vitest';
import { clippingFraction, dbfs, durationS, mean, rms } from './units';

describe('units', () => {
  it('measures a full-scale sine: rms 1/√2 (−3.01 dBFS), no DC', () => {
    const x = Float32Array.from({ length: 4000 }, (_, i) => Math.sin((2 * Math.PI * 50 * i) / 4000));
    expect(rms(x)).toBeCloseTo(Math.SQRT1_2, 4);
    expect(dbfs(rms(x))).toBeCloseTo(-3.01, 2);
    expect(mean(x)).toBeCloseTo(0, 6);
  });

  it('handles empty and silent input without NaN', () => {
    const empty = new Float32Array(0);
    expect([rms(empty), mean(empty), clippingFraction(empty)]).toEqual([0, 0, 0]);
    expect(dbfs(0)).toBe(-160);
  });

  it('counts clipped samples and converts durations', () => {
    expect(clippingFraction(Float32Array.from([1, -1, 0.5, 0.9995]))).toBe(0.75);
    expect(durationS(44100 * 3, 44100)).toBe(3);
  });
});
