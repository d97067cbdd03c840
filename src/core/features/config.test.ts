// The feature config hash is canonical (key order does not matter) and sensitive to every field.
import { describe, expect, it } from 'vitest';
import { canonicalJson, FEATURE_CONFIG, featureConfigHash, type FeatureConfig } from './config';
import { sha256Hex } from './sha256';

describe('featureConfigHash', () => {
  it('is sha256 of sorted-key JSON, independent of key order', () => {
    const reversed = Object.fromEntries(Object.entries(FEATURE_CONFIG).reverse()) as unknown as FeatureConfig;
    expect(featureConfigHash(reversed)).toBe(featureConfigHash(FEATURE_CONFIG));
    expect(featureConfigHash(FEATURE_CONFIG)).toMatch(/^[0-9a-f]{64}$/);
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: null }] })).toBe('{"a":[{"c":null,"d":2}],"b":1}');
    expect(featureConfigHash(FEATURE_CONFIG)).toBe(sha256Hex(canonicalJson(FEATURE_CONFIG)));
    console.log(`feature config hash: ${featureConfigHash(FEATURE_CONFIG)}`);
  });

  it('changes when any field changes', () => {
    const base = featureConfigHash(FEATURE_CONFIG);
    for (const key of Object.keys(FEATURE_CONFIG) as (keyof FeatureConfig)[]) {
      const v = FEATURE_CONFIG[key];
      const changed = { ...FEATURE_CONFIG, [key]: typeof v === 'number' ? v + 1 : `${String(v)}x` };
      expect(featureConfigHash(changed), key).not.toBe(base);
    }
  });

  it('describes a 10.24 s model window at 20 ms hop', () => {
    const { windowFrames, hopSamples, sampleRateHz, fftSize, windowSamples, fMaxHz } = FEATURE_CONFIG;
    expect((windowFrames * hopSamples) / sampleRateHz).toBeCloseTo(10.24, 10);
    expect(Math.log2(fftSize) % 1).toBe(0);
    expect(windowSamples).toBeLessThanOrEqual(fftSize);
    expect(fMaxHz).toBeLessThanOrEqual(sampleRateHz / 2);
    expect(Object.isFrozen(FEATURE_CONFIG)).toBe(true);
  });
});
