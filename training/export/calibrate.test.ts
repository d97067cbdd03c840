// Temperature fitting recovers a known over-confidence and lowers the expected calibration error.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../model/params';
import type { RecordingLabels } from '../../src/core/clinical/schema';
import { expectedCalibrationError, fitTemperatures, labelTargets, type ScoredRecording } from './calibrate';

/** Recordings whose true probability is sigmoid(z / 3) while the head outputs logit z (over-confident by 3×). */
function overconfident(n: number): ScoredRecording[] {
  const r = mulberry32(11);
  return Array.from({ length: n }, () => {
    const z = 8 * (r() - 0.5);
    const present = r() < 1 / (1 + Math.exp(-z / 3));
    return { logits: Float32Array.of(z, 0), windows: 1, scored: [true, false], present: [present, false] };
  });
}

describe('findings calibration', () => {
  it('fits T ≈ 3 for a head that is 3× over-confident and reduces ECE', () => {
    const recs = overconfident(4000);
    const t = fitTemperatures(recs, 2);
    const before = expectedCalibrationError(recs, 2, [1, 1]);
    const after = expectedCalibrationError(recs, 2, t);
    console.log(
      `calibration: fitted T = ${t[0].toFixed(2)} (true 3), ECE ${before.toFixed(3)} → ${after.toFixed(3)}`,
    );
    expect(t[0]).toBeGreaterThan(2.5);
    expect(t[0]).toBeLessThan(3.5);
    expect(t[1]).toBe(1); // never scored: left alone
    expect(after).toBeLessThan(before / 2);
  });
});

describe('labelTargets', () => {
  it('scores each head only where training says the labels tell', () => {
    const rec = {
      domain: 'heart',
      site: 'MV',
      findings: ['systolic-murmur'],
      normal: false,
    } as unknown as RecordingLabels;
    const t = labelTargets(['abnormal', 'murmur', 'crackles', 'lung'], rec);
    expect(t.scored).toEqual([true, true, false, true]);
    expect(t.present).toEqual([true, true, false, false]);
    expect(() => labelTargets(['no-such-head'], rec)).toThrow(/not one of training's heads/);
  });
});
