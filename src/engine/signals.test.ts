// The signal measures: the share of assessed seconds a wheeze-like tone fills, measured on built signals whose
// tonal seconds are known; a steady hum and broadband noise are not wheeze.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../core/random';
import { MAX_WHEEZE_TRACK_S, recordingSignals } from './signals';

const RATE = 4000;
const WINDOW_S = 10;

/** Low broadband noise with tones of `hz` over [start, end) seconds (a wheeze-like line 25 dB above the noise). */
function built(durationS: number, tones: [number, number][], hz = 400, seed = 1): Float32Array {
  const x = new Float32Array(durationS * RATE);
  const rand = mulberry32(seed);
  for (let i = 0; i < x.length; i++) x[i] = 0.01 * (rand() - 0.5);
  for (const [a, b] of tones)
    for (let i = Math.round(a * RATE); i < Math.round(b * RATE); i++)
      x[i] += 0.2 * Math.sin((2 * Math.PI * hz * i) / RATE);
  return x;
}

describe('recordingSignals', () => {
  it('measures the share of the assessed seconds inside tonal tracks, and places them in recording time', () => {
    // three 0.5 s tones per 10 s window, two windows: 3 s of 20 s
    const tones: [number, number][] = [
      [1, 1.5],
      [4, 4.5],
      [7, 7.5],
      [11, 11.5],
      [14, 14.5],
      [17, 17.5],
    ];
    const r = recordingSignals({ samples: built(20, tones), sampleRateHz: RATE }, [0, 1], WINDOW_S);
    expect(r.measures['tonal-wheeze']).toBeGreaterThan(0.13);
    expect(r.measures['tonal-wheeze']).toBeLessThan(0.17);
    expect(r.spans['tonal-wheeze']).toHaveLength(6);
    r.spans['tonal-wheeze'].forEach((s, i) => {
      expect(Math.abs(s.startS - tones[i][0])).toBeLessThan(0.05);
      expect(Math.abs(s.endS - tones[i][1])).toBeLessThan(0.05);
    });
  });

  it('counts only the windows it is given', () => {
    const x = built(20, [[12, 13]]);
    expect(recordingSignals({ samples: x, sampleRateHz: RATE }, [0], WINDOW_S).measures['tonal-wheeze']).toBe(
      0,
    );
    const second = recordingSignals({ samples: x, sampleRateHz: RATE }, [1], WINDOW_S);
    expect(second.measures['tonal-wheeze']).toBeCloseTo(0.1, 1);
    expect(second.spans['tonal-wheeze'][0].startS).toBeCloseTo(12, 1);
  });

  it('leaves out a steady tone longer than a breath phase (a hum), and hears nothing in noise', () => {
    const hum = built(10, [[0, 10]], 150);
    expect(MAX_WHEEZE_TRACK_S).toBeLessThan(10);
    expect(
      recordingSignals({ samples: hum, sampleRateHz: RATE }, [0], WINDOW_S).measures['tonal-wheeze'],
    ).toBe(0);
    const noise = built(10, []);
    expect(
      recordingSignals({ samples: noise, sampleRateHz: RATE }, [0], WINDOW_S).measures['tonal-wheeze'],
    ).toBe(0);
  });

  it('gives the same share at another sample rate', () => {
    const tones: [number, number][] = [[2, 3]];
    const at4k = recordingSignals({ samples: built(10, tones), sampleRateHz: RATE }, [0], WINDOW_S);
    const x = built(10, tones);
    const up = new Float32Array(x.length * 2); // 8 kHz by linear interpolation
    for (let i = 0; i < up.length; i++) {
      const j = i / 2;
      const a = Math.floor(j);
      up[i] = x[a] + (j - a) * ((x[a + 1] ?? x[a]) - x[a]);
    }
    const at8k = recordingSignals({ samples: up, sampleRateHz: 2 * RATE }, [0], WINDOW_S);
    expect(Math.abs(at8k.measures['tonal-wheeze'] - at4k.measures['tonal-wheeze'])).toBeLessThan(0.01);
  });
});
