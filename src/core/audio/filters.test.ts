// Measures each stethoscope mode's frequency response with steady-state tones and prints it.
import { describe, expect, it } from 'vitest';
import { applyFilter, FILTER_MODES, filterBiquads, type FilterMode } from './filters';

/** Gain in dB of applyFilter at hz: tone amplitude over the second half of a signal long enough to settle. */
function gainDb(mode: FilterMode, hz: number, rateHz: number): number {
  const n = Math.max(rateHz, Math.ceil((40 * rateHz) / hz));
  const x = Float32Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * hz * i) / rateHz));
  const y = applyFilter(x, rateHz, mode);
  let s = 0,
    c = 0;
  const from = Math.floor(n / 2);
  for (let i = from; i < n; i++) {
    s += y[i] * Math.sin((2 * Math.PI * hz * i) / rateHz);
    c += y[i] * Math.cos((2 * Math.PI * hz * i) / rateHz);
  }
  const amp = (2 * Math.hypot(s, c)) / (n - from);
  return 20 * Math.log10(amp);
}

describe('applyFilter', () => {
  const cases: [FilterMode, number][] = [
    ['bell', 4000],
    ['diaphragm', 4000],
    ['diaphragm', 44100],
    ['wide', 4000],
    ['wide', 44100],
  ];
  for (const [mode, rateHz] of cases) {
    it(`${mode} @ ${rateHz} Hz: ±3 dB at centre, ≥ 20 dB down an octave outside`, () => {
      const { lowHz, highHz } = FILTER_MODES[mode];
      const centreHz = Math.sqrt(lowHz * highHz);
      const centre = gainDb(mode, centreHz, rateHz);
      const below = gainDb(mode, lowHz / 2, rateHz);
      const hasHigh = 2 * highHz < rateHz / 2; // an octave above the band is still below Nyquist
      const above = hasHigh ? gainDb(mode, highHz * 2, rateHz) : NaN;
      const lowPassed = highHz < 0.45 * rateHz;
      const edges = [gainDb(mode, lowHz, rateHz), lowPassed ? gainDb(mode, highHz, rateHz) : NaN];
      console.log(
        `filter ${mode} @ ${rateHz} Hz: centre ${centreHz.toFixed(0)} Hz ${centre.toFixed(2)} dB, ` +
          `edges ${edges.map((g) => g.toFixed(2)).join(' / ')} dB, ` +
          `${lowHz / 2} Hz ${below.toFixed(1)} dB, ${hasHigh ? `${highHz * 2} Hz ${above.toFixed(1)} dB` : `${highHz * 2} Hz is above Nyquist`}`,
      );
      expect(Math.abs(centre)).toBeLessThanOrEqual(3);
      expect(below).toBeLessThanOrEqual(-20);
      if (hasHigh) expect(above).toBeLessThanOrEqual(-20);
      expect(Math.abs(edges[0] + 3)).toBeLessThan(1); // Butterworth: −3 dB at the band edges
      if (lowPassed) expect(Math.abs(edges[1] + 3)).toBeLessThan(1);
    });
  }

  it('describes the same cascade for Web Audio, with Q in dB', () => {
    const b = filterBiquads('diaphragm');
    expect(b.map((s) => [s.type, s.frequencyHz])).toEqual([
      ['highpass', 100],
      ['highpass', 100],
      ['lowpass', 1000],
      ['lowpass', 1000],
    ]);
    expect(b[0].qLinear * b[1].qLinear).toBeCloseTo(Math.SQRT1_2, 10); // Butterworth-4 section Qs multiply to 1/√2
    for (const s of b) expect(10 ** (s.Q / 20)).toBeCloseTo(s.qLinear, 12);
  });

  it('does not modify its input', () => {
    const x = Float32Array.from([1, 0, 0, 0]);
    applyFilter(x, 4000, 'bell');
    expect(Array.from(x)).toEqual([1, 0, 0, 0]);
  });
});
