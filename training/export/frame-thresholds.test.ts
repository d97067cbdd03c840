// Frame-event threshold fitting: frame targets per window as training labels them (frames past the recording's end
// left out), and the per-channel threshold of highest frame F1.
import { describe, expect, it } from 'vitest';
import { FEATURE_CONFIG } from '../../src/core/features/config';
import { frameEventsFixture } from '../../src/core/manifest/fixtures';
import { mulberry32 } from '../model/params';
import { fitFrameThresholds, frameFit, frameSamples, type FrameSamples } from './frame-thresholds';

const logit = (p: number) => Math.log(p / (1 - p));
const fe = frameEventsFixture({
  channels: [
    { name: 'discontinuous', findings: ['fine-crackles'], threshold: 0.5 },
    { name: 'continuous', findings: ['wheeze'], threshold: 0.5 },
  ],
});

describe('frameSamples', () => {
  it("labels a window's frames by training's targets and masks frames past the recording's end", () => {
    const e = {
      events: [
        { type: 'inspiration', startS: 0, endS: 6 },
        { type: 'fine-crackles', startS: 1, endS: 2 },
      ],
    } as never;
    const seconds = 6; // one window of 10.24 s, its frames from 6 s on tiled from the start
    const s = frameSamples(e, new Float32Array(32 * 2), 1, 32, 2, {
      samples: seconds * FEATURE_CONFIG.sampleRateHz,
      sampleRateHz: FEATURE_CONFIG.sampleRateHz,
    })!;
    const at = (f: number, c: number) => [s.y[f * 2 + c], s.w[f * 2 + c]];
    expect(at(4, 0)).toEqual([1, 1]); // 1.28–1.6 s: crackles
    expect(at(4, 1)).toEqual([0, 1]); // no wheeze there, breathing annotated
    expect(at(12, 0)).toEqual([0, 1]);
    expect(at(25, 0)).toEqual([0, 0]); // 8 s: past the 6 s recording
    expect(
      frameSamples({ events: [] } as never, new Float32Array(64), 1, 32, 2, {
        samples: 4000,
        sampleRateHz: 4000,
      }),
    ).toBeNull();
  });
});

describe('fitFrameThresholds', () => {
  it('finds the threshold of highest F1 per channel and records the frame numbers there', () => {
    // channel 0: positives score ~0.7, negatives ~0.4 → any threshold in (0.45, 0.65) separates them
    // channel 1: positives ~0.9, negatives ~0.75 → 0.5 marks everything, the fit moves above 0.8
    const r = mulberry32(3);
    const n = 400;
    const y = new Float32Array(n * 2);
    const logits = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      const pos = r() < 0.3;
      y[i * 2] = y[i * 2 + 1] = pos ? 1 : 0;
      logits[i * 2] = logit((pos ? 0.7 : 0.4) + 0.04 * (r() - 0.5));
      logits[i * 2 + 1] = logit((pos ? 0.9 : 0.75) + 0.04 * (r() - 0.5));
    }
    const recs: FrameSamples[] = [{ logits, y, w: new Float32Array(n * 2).fill(1) }];
    const before = frameFit(recs, 1, 2, 0.5);
    const fitted = fitFrameThresholds(fe, recs, 'val');
    const [t0, t1] = fitted.channels.map((c) => c.threshold);
    console.log(`frame thresholds fitted: ${t0}, ${t1}; channel 1 F1 at 0.5 ${before.f1.toFixed(3)}`);
    expect(t0).toBeGreaterThan(0.45);
    expect(t0).toBeLessThan(0.65);
    expect(t1).toBeGreaterThanOrEqual(0.76); // above every negative (≤ 0.77), the lowest such: nearest 0.5
    expect(t1).toBeLessThan(0.88);
    expect(fitted.thresholdFit.method).toBe('max-f1');
    if (fitted.thresholdFit.method !== 'max-f1') return;
    expect(fitted.thresholdFit.channels.map((c) => c.f1)).toEqual([1, 1]);
    expect(before.f1).toBeLessThan(0.7);
    expect(fitted.thresholdFit.channels[0].frames).toBe(n);
  });
});
