// Property tests of the lung synthesizer, measured on the rendered signal: crackle IDW/2CD and timing,
// wheeze/rhonchi/stridor frequency and duration, vesicular vs bronchial, respiratory rate, determinism.
import { describe, expect, it } from 'vitest';
import { synthesizeLung, type LungOptions } from './lung';
import {
  dominantFrequencyHz,
  crackleWidthsMs,
  lungResidual,
  dominantPeriodS,
  envelope,
  meanPower,
  powerSpectrum,
} from './measure';

const mean = (a: number[]): number => a.reduce((s, v) => s + v, 0) / Math.max(1, a.length);

describe('crackles measured on the output', () => {
  for (const kind of ['fine', 'coarse'] as const) {
    it(`${kind} crackles: initial deflection width, two-cycle duration and timing in inspiration`, () => {
      const { r, idwMs: idw, tcdMs: tcd } = crackleWidthsMs(kind);
      const inInsp = r.crackles.flatMap((c) => {
        const cy = r.cycles.find((y) => c.startS >= y.inspStartS && c.startS < y.inspEndS);
        return cy ? [(c.startS - cy.inspStartS) / (cy.inspEndS - cy.inspStartS)] : [];
      });
      console.log(
        `${kind} crackles (n=${idw.length} isolated): IDW ${Math.min(...idw).toFixed(2)}–${Math.max(...idw).toFixed(2)} ms (mean ${mean(idw).toFixed(2)}), 2CD ${Math.min(...tcd).toFixed(2)}–${Math.max(...tcd).toFixed(2)} ms (mean ${mean(tcd).toFixed(2)}), mean position in inspiration ${mean(inInsp).toFixed(2)}`,
      );
      expect(idw.length).toBeGreaterThan(5);
      if (kind === 'fine') {
        expect(Math.min(...idw)).toBeGreaterThan(0.4);
        expect(Math.max(...idw)).toBeLessThan(1.0);
        expect(Math.max(...tcd)).toBeLessThan(10);
        expect(mean(inInsp)).toBeGreaterThan(0.55);
      } else {
        expect(Math.min(...idw)).toBeGreaterThan(0.9);
        expect(Math.max(...idw)).toBeLessThan(1.6);
        expect(Math.min(...tcd)).toBeGreaterThan(10);
        expect(mean(inInsp)).toBeLessThan(0.45);
      }
      // every crackle lies inside a crackle event
      const type = kind === 'fine' ? 'fine-crackles' : 'coarse-crackles';
      for (const c of r.crackles.filter((k) => k.startS > 0 && k.endS < 12))
        expect(r.events.some((e) => e.type === type && e.startS <= c.startS && e.endS >= c.endS)).toBe(true);
    });
  }
});

describe('continuous sounds measured on the output', () => {
  it('monophonic wheeze: dominant frequency and duration ≥ 100 ms, in expiration', () => {
    const rate = 4000;
    const { x, r } = lungResidual({
      seed: 6,
      durationS: 12,
      sampleRateHz: rate,
      wheeze: { frequenciesHz: [420], phase: 'expiratory' },
    });
    const env = envelope(x, rate, 20);
    for (const t of r.tones.filter((w) => w.startS > 0 && w.endS < 12)) {
      const f = dominantFrequencyHz(x, [[t.startS, t.endS]], rate, 60);
      const i0 = Math.round(t.startS * rate),
        i1 = Math.round(t.endS * rate);
      const peak = Math.max(...env.subarray(i0, i1));
      let above = 0;
      for (let i = i0 - rate; i < i1 + rate; i++) if (env[i] > peak / 2) above++;
      console.log(
        `wheeze: set 420 Hz, measured ${f.toFixed(1)} Hz; duration ${((t.endS - t.startS) * 1000).toFixed(0)} ms labeled, ${((above / rate) * 1000).toFixed(0)} ms above half envelope`,
      );
      expect(Math.abs(f - 420) / 420).toBeLessThan(0.03);
      expect(above / rate).toBeGreaterThan(0.1);
      expect(Math.abs(above / rate - (t.endS - t.startS))).toBeLessThan(0.03);
      expect(r.cycles.some((c) => t.startS >= c.inspEndS && t.endS <= c.expEndS)).toBe(true);
    }
  });

  it('polyphonic wheeze has each of its frequencies; rhonchi are low-pitched; stridor is high and inspiratory', () => {
    const rate = 4000;
    const poly = lungResidual({
      seed: 7,
      durationS: 10,
      sampleRateHz: rate,
      wheeze: { frequenciesHz: [300, 650], phase: 'expiratory' },
    });
    const seg = poly.r.tones
      .filter((t) => t.startS > 0 && t.endS < 10)
      .map((t): [number, number] => [t.startS, t.endS]);
    const { power, binHz } = powerSpectrum(poly.x, seg, rate);
    const at = (f: number): number =>
      Math.max(...power.subarray(Math.round((f * 0.97) / binHz), Math.round((f * 1.03) / binHz)));
    const between = Math.max(...power.subarray(Math.round(400 / binHz), Math.round(550 / binHz)));
    console.log(
      `polyphonic wheeze: peaks at 300 and 650 Hz are ${(10 * Math.log10(at(300) / between)).toFixed(1)} and ${(10 * Math.log10(at(650) / between)).toFixed(1)} dB above the 400–550 Hz gap`,
    );
    expect(at(300)).toBeGreaterThan(100 * between);
    expect(at(650)).toBeGreaterThan(100 * between);
    const tonesOnly = (tones: Pick<LungOptions, 'rhonchi' | 'stridor'>) =>
      lungResidual({ seed: 7, durationS: 10, sampleRateHz: rate, ...tones });
    const dominant = ({ x, r }: ReturnType<typeof tonesOnly>): number =>
      dominantFrequencyHz(
        x,
        r.tones.map((t) => [t.startS, t.endS]),
        rate,
        40,
      );
    const st = tonesOnly({ stridor: { frequenciesHz: [800], phase: 'inspiratory' } });
    const fr = dominant(tonesOnly({ rhonchi: { frequenciesHz: [150], phase: 'expiratory' } })),
      fs = dominant(st);
    console.log(`rhonchi dominant ${fr.toFixed(1)} Hz; stridor dominant ${fs.toFixed(1)} Hz`);
    expect(fr).toBeLessThan(200);
    expect(fs).toBeGreaterThan(500);
    for (const t of st.r.tones)
      expect(st.r.cycles.some((c) => t.startS >= c.inspStartS && t.endS <= c.inspEndS)).toBe(true);
  });
});

describe('breath sounds', () => {
  it('bronchial breathing has a louder expiration and higher pitch than vesicular', () => {
    const stats = (breath: 'vesicular' | 'bronchial') => {
      const r = synthesizeLung({ seed: 12, durationS: 20, sampleRateHz: 4000, breath });
      const insp = r.events
        .filter((e) => e.type === 'inspiration')
        .map((e): [number, number] => [e.startS, e.endS]);
      const exp = r.events
        .filter((e) => e.type === 'expiration')
        .map((e): [number, number] => [e.startS, e.endS]);
      const ratioDb = 10 * Math.log10(meanPower(r.samples, exp, 4000) / meanPower(r.samples, insp, 4000));
      const { power, binHz } = powerSpectrum(r.samples, insp, 4000);
      let m = 0,
        s = 0;
      power.forEach((p, k) => {
        m += p * k * binHz;
        s += p;
      });
      return { ratioDb, centroid: m / s };
    };
    const v = stats('vesicular'),
      b = stats('bronchial');
    console.log(
      `expiration/inspiration power: vesicular ${v.ratioDb.toFixed(1)} dB, bronchial ${b.ratioDb.toFixed(1)} dB; spectral centroid ${v.centroid.toFixed(0)} vs ${b.centroid.toFixed(0)} Hz`,
    );
    expect(v.ratioDb).toBeLessThan(-8);
    expect(b.ratioDb).toBeGreaterThan(-4);
    expect(b.centroid).toBeGreaterThan(1.5 * v.centroid);
  });

  it('respiratory rate measured from the envelope matches the setting', () => {
    for (const bpm of [12, 30]) {
      const r = synthesizeLung({ seed: 13, durationS: 40, sampleRateHz: 4000, respiratoryRateBpm: bpm });
      const measured = 60 / dominantPeriodS(envelope(r.samples, 4000, 200), 4000, 1, 8);
      console.log(`respiratory rate set ${bpm}/min, measured ${measured.toFixed(1)}/min`);
      expect(Math.abs(measured - bpm) / bpm).toBeLessThan(0.08);
    }
  });

  it('is deterministic for a seed', () => {
    const o: LungOptions = {
      seed: 21,
      durationS: 4,
      sampleRateHz: 4000,
      crackles: { kind: 'coarse' },
      wheeze: { frequenciesHz: [500], phase: 'expiratory' },
      pleuralRub: true,
    };
    expect(synthesizeLung(o).samples).toEqual(synthesizeLung(o).samples);
    expect(synthesizeLung({ ...o, seed: 22 }).samples).not.toEqual(synthesizeLung(o).samples);
  });

  it('rejects a wheeze above the Nyquist frequency', () => {
    expect(() =>
      synthesizeLung({
        seed: 1,
        durationS: 2,
        sampleRateHz: 2000,
        wheeze: { frequenciesHz: [1500], phase: 'expiratory' },
      }),
    ).toThrow(/Nyquist/);
  });
});
