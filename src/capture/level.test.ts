// Peak metering and clipping detection.
import { describe, expect, it } from 'vitest';
import { measureBlock, meterFraction, toDbfs } from './level';

describe('level meter', () => {
  it('finds the peak and flags full-scale samples as clipped', () => {
    expect(measureBlock(Float32Array.of(0.1, -0.5, 0.2))).toEqual({ peak: 0.5, clipped: false });
    expect(measureBlock(Float32Array.of(0, -1)).clipped).toBe(true);
  });
  it('converts to dBFS and meter fraction', () => {
    expect(toDbfs(1)).toBeCloseTo(0, 6);
    expect(toDbfs(0.5)).toBeCloseTo(-6.0206, 3);
    expect(toDbfs(0)).toBe(-90);
    expect(meterFraction(0)).toBe(1);
    expect(meterFraction(-30)).toBeCloseTo(0.5, 6);
    expect(meterFraction(-90)).toBe(0);
  });
});
