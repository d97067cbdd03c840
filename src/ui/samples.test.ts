import { describe, expect, it } from 'vitest';
import { decodeWav } from '../core/audio/wav';
import { SAMPLE_CONDITIONS, SAMPLE_DURATION_S, SYNTHETIC_ATTRIBUTION, makeSample } from './samples';

describe('makeSample', () => {
  it('makes heart and lung samples of several conditions, marked synthetic, with their ground truth', () => {
    const made = SAMPLE_CONDITIONS.map((c) => makeSample(c, 1000));
    const domains = new Set(made.map((m) => m.meta.truth?.domain));
    expect(domains).toEqual(new Set(['heart', 'lung']));
    expect(made.filter((m) => m.meta.truth?.normal).length).toBeGreaterThanOrEqual(2);
    expect(made.filter((m) => m.meta.truth?.normal === false).length).toBeGreaterThanOrEqual(2);
    for (const { meta, wav } of made) {
      expect(meta.name).toMatch(/\(synthetic\)$/);
      expect(meta.truth?.attribution).toBe(SYNTHETIC_ATTRIBUTION);
      expect(meta.site).not.toBe('unknown');
      const d = decodeWav(wav);
      expect(d.samples.length / d.sampleRateHz).toBeCloseTo(SAMPLE_DURATION_S, 1);
      expect(meta.durationSec).toBeCloseTo(SAMPLE_DURATION_S, 1);
    }
  });

  it('gives an abnormal sample its abnormal findings, and a normal one none', () => {
    const as = makeSample('aortic-stenosis', 0).meta.truth;
    expect(as?.normal).toBe(false);
    expect(as?.findings).toContain('systolic-murmur');
    const normal = makeSample('normal-lung', 0).meta.truth;
    expect(normal).toMatchObject({ domain: 'lung', normal: true, findings: [] });
  });
});
