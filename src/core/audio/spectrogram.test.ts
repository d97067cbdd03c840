// The window spectrogram on built signals: a 500 Hz tone peaks in the row of 500 Hz at its level in dB re full scale,
// the frames divide exactly the stretch given (a burst shows where it was, at its seconds), and silence is all zeros.
import { describe, expect, it } from 'vitest';
import { SPECTROGRAM_DEFAULTS, spectrogramOf, type Spectrogram } from './spectrogram';

const OPTS = { ...SPECTROGRAM_DEFAULTS, maxHz: 2000 };

/** `seconds` of a sine at `hz` and amplitude `amp`, on only where `on(t)` holds. */
function tone(seconds: number, rateHz: number, hz: number, amp: number, on = (_t: number) => true) {
  return Float32Array.from({ length: Math.round(seconds * rateHz) }, (_, i) =>
    on(i / rateHz) ? amp * Math.sin((2 * Math.PI * hz * i) / rateHz) : 0,
  );
}

/** Row of the largest value in frame f. */
function peakRow(s: Spectrogram, f: number): number {
  let best = 0;
  for (let b = 1; b < s.bins; b++) if (s.values[f * s.bins + b] > s.values[f * s.bins + best]) best = b;
  return best;
}

describe('spectrogramOf', () => {
  for (const rateHz of [4000, 8000, 44_100]) {
    it(`puts a 500 Hz tone in the 500 Hz row of every frame at ${rateHz} Hz, at its level`, () => {
      const s = spectrogramOf(tone(10, rateHz, 500, 0.5), rateHz, 0, OPTS);
      const rows = new Set(Array.from({ length: s.frames }, (_, f) => peakRow(s, f)));
      const hz = [...rows].map((r) => r * s.binHz);
      console.log(
        `${rateHz} Hz: ${s.frames} frames × ${s.bins} bins of ${s.binHz.toFixed(2)} Hz to ${s.maxHz.toFixed(0)} Hz; ` +
          `peak rows at ${hz.map((h) => h.toFixed(1)).join(', ')} Hz; top ${s.topDb.toFixed(2)} dB (sine of 0.5: −6.02)`,
      );
      expect(rows.size).toBe(1);
      expect(Math.abs(hz[0] - 500)).toBeLessThanOrEqual(s.binHz / 2);
      expect(s.maxHz).toBeLessThanOrEqual(2000);
      expect(s.maxHz).toBeGreaterThan(Math.min(2000, rateHz / 2) - s.binHz);
      expect(s.values).toHaveLength(s.frames * s.bins);
      expect(Math.abs(s.topDb - 20 * Math.log10(0.5))).toBeLessThan(1.5); // Hann scalloping between bins
    });
  }

  it('divides exactly the stretch it is given: a burst at 34–36 s of a 30–40 s window shows at those seconds', () => {
    const rateHz = 8000;
    const samples = tone(10, rateHz, 500, 0.5, (t) => t >= 4 && t < 6);
    const s = spectrogramOf(samples, rateHz, 30, OPTS);
    expect(s.fromS).toBe(30);
    expect(s.toS).toBe(40);
    const frameS = (s.toS - s.fromS) / s.frames;
    const row = Math.round(500 / s.binHz);
    const loud = Array.from({ length: s.frames }, (_, f) => f).filter(
      (f) => s.values[f * s.bins + row] > 128,
    );
    const onsetS = s.fromS + loud[0] * frameS;
    const offsetS = s.fromS + (loud[loud.length - 1] + 1) * frameS;
    console.log(
      `burst 34–36 s seen ${onsetS.toFixed(3)}–${offsetS.toFixed(3)} s (${s.frames} frames of ${(frameS * 1000).toFixed(2)} ms)`,
    );
    // a frame hears the burst once its 64 ms window reaches it: within half a window and a frame of the edges
    const slackS = OPTS.windowMs / 2000 + frameS;
    expect(Math.abs(onsetS - 34)).toBeLessThanOrEqual(slackS);
    expect(Math.abs(offsetS - 36)).toBeLessThanOrEqual(slackS);
    expect(loud.length).toBe(loud[loud.length - 1] - loud[0] + 1); // one run
    expect(Math.abs(frameS * 1000 - OPTS.hopMs)).toBeLessThan(0.1);
  });

  it('draws silence as zeros without failing', () => {
    const s = spectrogramOf(new Float32Array(8000), 8000, 5, OPTS);
    expect(s.toS).toBe(6);
    expect(s.values.every((v) => v === 0)).toBe(true);
    const empty = spectrogramOf(new Float32Array(0), 8000, 7, OPTS);
    expect(empty.frames).toBe(1);
    expect(empty.toS).toBe(7);
  });
});
