// Property tests of the heart synthesizer, measured on the rendered signal: S2 split vs respiration,
// heart rate, murmur band/phase/grade/site, rhythm irregularity, determinism.
import { describe, expect, it } from 'vitest';
import type { HeartSite, TimedEvent } from '../clinical/schema';
import { synthesizeHeart, type HeartOptions } from './heart';
import {
  bandEnergyFraction,
  dominantFrequencyHz,
  dominantPeriodS,
  envelope,
  meanPower,
  s2SplitsMs,
  stenosisSystoleReS1Db,
} from './measure';
import { MURMUR_PRESETS, type Grade, type MurmurLesion } from './murmur';

const RATE = 4000;
const spans = (ev: TimedEvent[], type: string): [number, number][] =>
  ev.filter((e) => e.type === type).map((e) => [e.startS, e.endS]);
const db = (p: number, q: number): number => 10 * Math.log10(p / q);
const mean = (a: number[]): number => a.reduce((s, v) => s + v, 0) / Math.max(1, a.length);

describe('S2 split measured on the envelope', () => {
  it('normal split widens on inspiration, fixed split does not, paradoxical split narrows', () => {
    const normal = s2SplitsMs('normal'),
      fixed = s2SplitsMs('fixed'),
      para = s2SplitsMs('paradoxical');
    const row = (n: string, s: ReturnType<typeof s2SplitsMs>) =>
      console.log(
        `S2 split ${n}: inspiration ${mean(s.inspirationMs).toFixed(1)} ms (n=${s.inspirationMs.length}), expiration ${mean(s.expirationMs).toFixed(1)} ms (n=${s.expirationMs.length})`,
      );
    row('normal', normal);
    row('fixed', fixed);
    row('paradoxical', para);
    expect(normal.inspirationMs.length).toBeGreaterThan(3);
    expect(mean(normal.inspirationMs)).toBeGreaterThanOrEqual(35);
    expect(mean(normal.expirationMs)).toBeLessThan(20);
    expect(Math.abs(mean(fixed.inspirationMs) - mean(fixed.expirationMs))).toBeLessThan(5);
    expect(mean(fixed.expirationMs)).toBeGreaterThan(40);
    expect(mean(para.expirationMs)).toBeGreaterThan(mean(para.inspirationMs) + 15);
  });
});

describe('heart rate and rhythm', () => {
  it('heart rate measured from the envelope matches the setting', () => {
    for (const bpm of [60, 110]) {
      const h = synthesizeHeart({
        seed: 5,
        durationS: 20,
        sampleRateHz: RATE,
        heartRateBpm: bpm,
        hrvFraction: 0.01,
      });
      const measured = 60 / dominantPeriodS(envelope(h.samples, RATE, 20), RATE, 0.3, 1.5);
      console.log(`heart rate set ${bpm} bpm, measured ${measured.toFixed(1)} bpm`);
      expect(Math.abs(measured - bpm) / bpm).toBeLessThan(0.04);
    }
  });

  it('atrial fibrillation is irregular, sinus rhythm is not; extrasystoles are labeled and premature', () => {
    const cv = (o: Partial<HeartOptions>): number => {
      const s1 = synthesizeHeart({ seed: 8, durationS: 30, sampleRateHz: RATE, ...o })
        .events.filter((e) => e.type === 'S1')
        .map((e) => e.startS);
      const rr = s1.slice(1).map((t, i) => t - s1[i]);
      const m = mean(rr);
      return Math.sqrt(mean(rr.map((r) => (r - m) ** 2))) / m;
    };
    const sinus = cv({}),
      af = cv({ rhythm: 'atrial-fibrillation' });
    console.log(
      `RR coefficient of variation: sinus ${sinus.toFixed(3)}, atrial fibrillation ${af.toFixed(3)}`,
    );
    expect(sinus).toBeLessThan(0.06);
    expect(af).toBeGreaterThan(0.12);
    const x = synthesizeHeart({ seed: 8, durationS: 30, sampleRateHz: RATE, extrasystoleProbability: 0.2 });
    const prem = x.beats.filter((b) => b.premature);
    expect(prem.length).toBeGreaterThan(0);
    expect(x.events.filter((e) => e.type === 'irregular-rhythm').length).toBe(
      prem.filter((b) => b.s1S < 30).length,
    );
    for (const b of prem) expect(b.rrS).toBeLessThan(0.75 * (60 / 72) * 1.1);
  });
});

function murmurCase(lesion: MurmurLesion, grade: Grade, site: HeartSite) {
  const h = synthesizeHeart({ seed: 11, durationS: 12, sampleRateHz: RATE, site, murmur: { lesion, grade } });
  const p = MURMUR_PRESETS[lesion];
  const phase = p.attributes.phase === 'diastolic' ? 'diastole' : 'systole';
  const other = phase === 'systole' ? 'diastole' : 'systole';
  const inPhase = spans(h.events, phase),
    outPhase = spans(h.events, other);
  return { h, p, inPhase, outPhase };
}

describe('murmurs measured on the output', () => {
  const cases: [MurmurLesion, HeartSite][] = [
    ['aortic-stenosis', 'AV'],
    ['mitral-regurgitation', 'MV'],
    ['ventricular-septal-defect', 'TV'],
    ['aortic-regurgitation', 'AV'],
    ['mitral-stenosis', 'MV'],
    ['mitral-valve-prolapse', 'MV'],
  ];
  it.each(cases)('%s: energy inside its band and in its phase', (lesion, site) => {
    const { h, p, inPhase, outPhase } = murmurCase(lesion, 3, site);
    const frac = bandEnergyFraction(h.samples, inPhase, RATE, p.loHz * 0.7, p.hiHz * 1.4);
    const bandIn =
      bandEnergyFraction(h.samples, inPhase, RATE, p.loHz, p.hiHz) * meanPower(h.samples, inPhase, RATE);
    const bandOut =
      bandEnergyFraction(h.samples, outPhase, RATE, p.loHz, p.hiHz) * meanPower(h.samples, outPhase, RATE);
    console.log(
      `${lesion} at ${site}: ${(100 * frac).toFixed(1)} % of ${p.attributes.phase} energy in band, in-phase/out-of-phase band power ${db(bandIn, bandOut).toFixed(1)} dB`,
    );
    expect(frac).toBeGreaterThan(0.75);
    expect(db(bandIn, bandOut)).toBeGreaterThan(10);
  });

  it('grade 4 is louder than grade 2 relative to S1 (6 dB per grade)', () => {
    const g2 = stenosisSystoleReS1Db(2),
      g4 = stenosisSystoleReS1Db(4);
    console.log(`AS systole vs S1 power: grade 2 ${g2.toFixed(1)} dB, grade 4 ${g4.toFixed(1)} dB`);
    expect(g4 - g2).toBeGreaterThan(8);
  });

  it('quality: a harsh murmur is rougher than a blowing one, a musical murmur is tonal', () => {
    const roughness = (lesion: MurmurLesion): number => {
      const c = murmurCase(lesion, 3, lesion === 'mitral-regurgitation' ? 'MV' : 'TV');
      const env = envelope(c.h.samples, RATE, 5);
      const cv: number[] = c.inPhase.map(([a, b]) => {
        const v = Array.from(
          env.subarray(Math.round((a + 0.2 * (b - a)) * RATE), Math.round((b - 0.2 * (b - a)) * RATE)),
        );
        const m = mean(v);
        return Math.sqrt(mean(v.map((x) => (x - m) ** 2))) / m;
      });
      return mean(cv);
    };
    const harsh = roughness('ventricular-septal-defect'),
      blowing = roughness('mitral-regurgitation');
    const inn = murmurCase('innocent', 2, 'PV');
    const f = dominantFrequencyHz(inn.h.samples, inn.inPhase, RATE, 60);
    console.log(
      `envelope variation in mid-systole: harsh (VSD) ${harsh.toFixed(2)}, blowing (MR) ${blowing.toFixed(2)}; musical (innocent) dominant ${f.toFixed(0)} Hz`,
    );
    expect(harsh).toBeGreaterThan(1.3 * blowing);
    expect(Math.abs(f - Math.sqrt(MURMUR_PRESETS.innocent.loHz * MURMUR_PRESETS.innocent.hiHz))).toBeLessThan(
      5,
    );
  });

  it('a murmur is loudest at its own site', () => {
    for (const [lesion, best] of [
      ['aortic-stenosis', 'AV'],
      ['mitral-regurgitation', 'MV'],
      ['tricuspid-regurgitation', 'TV'],
      ['pulmonic-stenosis', 'PV'],
    ] as const) {
      const power = (['AV', 'PV', 'TV', 'MV'] as const).map((site) => {
        const c = murmurCase(lesion, 3, site);
        return {
          site,
          p:
            bandEnergyFraction(c.h.samples, c.inPhase, RATE, c.p.loHz, c.p.hiHz) *
            meanPower(c.h.samples, c.inPhase, RATE),
        };
      });
      console.log(
        `${lesion} murmur power by site (dB re loudest): ${power.map((x) => `${x.site} ${db(x.p, Math.max(...power.map((y) => y.p))).toFixed(1)}`).join(', ')}`,
      );
      expect(power.reduce((a, b) => (b.p > a.p ? b : a)).site).toBe(best);
    }
  });
});

describe('events and determinism', () => {
  it('S1 and S2 events hold the energy; the cycle events tile in order', () => {
    const h = synthesizeHeart({ seed: 2, durationS: 10, sampleRateHz: RATE });
    const sounds = meanPower(h.samples, [...spans(h.events, 'S1'), ...spans(h.events, 'S2')], RATE);
    const rest = meanPower(h.samples, [...spans(h.events, 'systole'), ...spans(h.events, 'diastole')], RATE);
    console.log(`normal heart: S1+S2 power over systole+diastole power ${db(sounds, rest).toFixed(1)} dB`);
    expect(db(sounds, rest)).toBeGreaterThan(20);
    const cycle = h.events.filter((e) => ['S1', 'systole', 'S2', 'diastole'].includes(e.type));
    const order = ['S1', 'systole', 'S2', 'diastole'];
    cycle.forEach((e, i) => {
      expect(e.endS).toBeGreaterThan(e.startS);
      if (i > 0) {
        expect(order.indexOf(e.type)).toBe((order.indexOf(cycle[i - 1].type) + 1) % 4);
        expect(e.startS).toBeCloseTo(cycle[i - 1].endS, 6);
      }
    });
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const o: HeartOptions = {
      seed: 9,
      durationS: 5,
      sampleRateHz: RATE,
      murmur: { lesion: 'mitral-regurgitation', grade: 3 },
      extra: { s3: true },
    };
    expect(synthesizeHeart(o).samples).toEqual(synthesizeHeart(o).samples);
    expect(synthesizeHeart({ ...o, seed: 10 }).samples).not.toEqual(synthesizeHeart(o).samples);
  });

  it('rejects out-of-range parameters with the option name', () => {
    expect(() => synthesizeHeart({ seed: 1, durationS: 5, sampleRateHz: RATE, heartRateBpm: 400 })).toThrow(
      /heartRateBpm must be in \[30, 220\]/,
    );
    expect(() =>
      synthesizeHeart({
        seed: 1,
        durationS: 5,
        sampleRateHz: RATE,
        murmur: { lesion: 'aortic-stenosis', grade: 7 as Grade },
      }),
    ).toThrow(/grade/);
  });
});
