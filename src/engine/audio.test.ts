import { describe, expect, it } from 'vitest';
import { FEATURE_CONFIG } from '../core/features/config';
import { recordingWindows } from './audio';

// A deterministic heart-like test signal: 1.1 Hz bursts of 60 Hz tone plus a little broadband texture.
function signal(seconds: number, rateHz: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * rateHz));
  for (let i = 0; i < out.length; i++) {
    const t = i / rateHz;
    const burst = (t * 1.1) % 1 < 0.12 ? 1 : 0.05;
    out[i] = 0.4 * burst * Math.sin(2 * Math.PI * 60 * t) + 0.01 * Math.sin(2 * Math.PI * 731 * t * (1 + 0.1 * Math.sin(t)));
  }
  return out;
}

describe('recordingWindows', () => {
  it('computes only the windows asked for, identical to the full computation', () => {
    const rec = { samples: signal(75, 44_100), sampleRateHz: 44_100, domain: 'heart' as const, site: 'MV' as const };
    const all = recordingWindows(rec);
    const first = recordingWindows(rec, 0, 1);
    const two = recordingWindows(rec, 0, 2);
    expect(all.length).toBeGreaterThan(6);
    expect(first).toHaveLength(1);
    expect(two).toHaveLength(2);
    let maxDiff = 0;
    for (const [w, win] of two.entries())
      for (let i = 0; i < win.length; i++) maxDiff = Math.max(maxDiff, Math.abs(win[i] - all[w][i]));
    console.log(`trimmed vs full windows: max |Δ log-mel| = ${maxDiff.toExponential(2)}`);
    expect(maxDiff).toBeLessThanOrEqual(1e-5);
    expect(first[0].length).toBe(FEATURE_CONFIG.nMels * FEATURE_CONFIG.windowFrames);
  });

  it('tiles a recording shorter than one window the same way with or without a cap', () => {
    const rec = { samples: signal(3, 8000), sampleRateHz: 8000, domain: 'heart' as const, site: 'AV' as const };
    expect(recordingWindows(rec, 0, 1)[0]).toEqual(recordingWindows(rec)[0]);
  });
});
