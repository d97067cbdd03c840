// Frame-level event targets: positives where an adventitious event overlaps an encoder frame, negatives only where
// breathing is annotated, the crop's wrap-around followed, and recordings without events left out entirely.
import { describe, expect, it } from 'vitest';
import { FEATURE_CONFIG } from '../../src/core/features/config';
import { FRAME_CHANNELS, frameTargets, hasFrameEvents } from './frames';

const hopS = FEATURE_CONFIG.hopSamples / FEATURE_CONFIG.sampleRateHz; // 20 ms
const C = FRAME_CHANNELS.length;

describe('frameTargets', () => {
  it('labels encoder frames from event times: crackles, wheeze, breathing negatives, unannotated masked', () => {
    // 64 feature frames (1.28 s) → 4 encoder frames of 16 feature frames (0.32 s) each.
    const events = [
      { type: 'vesicular' as const, startS: 0, endS: 0.64 },
      { type: 'fine-crackles' as const, startS: 0.4, endS: 0.45 },
      { type: 'wheeze' as const, startS: 0.7, endS: 0.9 },
    ];
    const { y, w } = frameTargets({ events }, 0, 64, 200, 4);
    const at = (t: number, c: number) => [y[t * C + c], w[t * C + c]];
    expect(at(0, 0)).toEqual([0, 1]); // breathing, no crackle
    expect(at(1, 0)).toEqual([1, 1]); // crackle at 0.40–0.45 s lies in 0.32–0.64 s
    expect(at(1, 1)).toEqual([0, 1]);
    expect(at(2, 1)).toEqual([1, 1]); // wheeze in 0.64–0.96 s
    expect(at(2, 0)).toEqual([0, 0]); // no breathing annotation there: not a negative
    expect(at(3, 0)).toEqual([0, 0]);
    expect(at(3, 1)).toEqual([0, 0]);
  });

  it('follows the crop start and its wrap-around', () => {
    const events = [
      { type: 'vesicular' as const, startS: 0, endS: 10 },
      { type: 'wheeze' as const, startS: 0, endS: 0.1 },
    ];
    const nFrames = 100; // a 2-second recording, tiled by crop()
    const start = 84; // feature frames 84..99 then 0..47: the wheeze returns at the wrap
    const { y, w } = frameTargets({ events }, start, 64, nFrames, 4);
    expect([y[0 * C + 1], y[1 * C + 1], y[2 * C + 1]]).toEqual([0, 1, 0]);
    expect(w.every((x) => x === 1)).toBe(true);
    expect(16 * hopS).toBeCloseTo(0.32);
  });

  it('leaves recordings without breathing or adventitious events out', () => {
    const heart = { events: [{ type: 'S1' as const, startS: 0, endS: 0.1 }] };
    expect(hasFrameEvents(heart)).toBe(false);
    const { w } = frameTargets(heart, 0, 64, 200, 4);
    expect(w.every((x) => x === 0)).toBe(true);
  });
});
