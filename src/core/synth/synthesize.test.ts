// Tests of synthesizeCondition over every condition: valid, consistent labels, determinism, nuisances
// measured on the output, and speed (10 s at 4 kHz).
import { describe, expect, it } from 'vitest';
import {
  FINDINGS,
  isFinding,
  isHeartSite,
  isLungSite,
  NORMAL_FINDINGS,
  type Finding,
} from '../clinical/schema';
import { SYNTH_CONDITIONS, isSynthCondition } from './conditions';
import { bandEnergyFraction, meanPower } from './measure';
import { synthesizeCondition } from './synthesize';

const OPTS = { seed: 1, durationS: 10, sampleRateHz: 4000 };
/** Findings that are timed in the events whenever the condition has them: all but the normal sounds and the findings of a
 * whole recording (rhythm, bronchial breathing, quality). */
const UNTIMED: readonly Finding[] = [...NORMAL_FINDINGS, 'irregular-rhythm', 'bronchial', 'poor-quality'];
const TIMED: readonly string[] = FINDINGS.filter((f) => !UNTIMED.includes(f));

/** The parts of [0, durationS] not covered by any event. */
function complement(ev: { startS: number; endS: number }[], durationS: number): [number, number][] {
  const out: [number, number][] = [];
  let t = 0;
  for (const e of [...ev].sort((a, b) => a.startS - b.startS)) {
    if (e.startS > t) out.push([t, e.startS]);
    t = Math.max(t, e.endS);
  }
  if (t < durationS) out.push([t, durationS]);
  return out;
}

describe('synthesizeCondition', () => {
  it('lists the conditions the corpus builder and CLI expect', () => {
    for (const c of [
      'normal-heart',
      'aortic-stenosis',
      'mitral-stenosis',
      'atrial-fibrillation',
      'normal-lung',
      'fine-crackles',
      'wheeze',
      'stridor',
      'asthma',
      'pneumonia',
    ])
      expect(isSynthCondition(c)).toBe(true);
    expect(isSynthCondition('nope')).toBe(false);
  });

  it.each(SYNTH_CONDITIONS)('%s: labels valid and consistent with the signal', (condition) => {
    const r = synthesizeCondition(condition, OPTS);
    const { labels } = r;
    expect(r.samples.length).toBe(40000);
    expect(r.samples.every((v) => Number.isFinite(v) && Math.abs(v) <= 0.5 + 1e-6)).toBe(true);
    expect(labels.domain === 'heart' ? isHeartSite(labels.site) : isLungSite(labels.site)).toBe(true);
    expect(labels.findings.length).toBeGreaterThan(0);
    for (const f of labels.findings) expect(isFinding(f)).toBe(true);
    expect(labels.normal).toBe(labels.findings.every((f) => NORMAL_FINDINGS.includes(f)));
    for (const e of labels.events) {
      expect(e.startS).toBeGreaterThanOrEqual(0);
      expect(e.endS).toBeLessThanOrEqual(10);
      expect(e.endS).toBeGreaterThan(e.startS);
    }
    for (const f of labels.findings.filter((x) => TIMED.includes(x)))
      expect(labels.events.some((e) => e.type === f)).toBe(true);
    for (const e of labels.events) if (TIMED.includes(e.type)) expect(labels.findings).toContain(e.type);
    expect(labels.murmur !== undefined).toBe(labels.findings.some((f) => f.endsWith('-murmur')));
    // Timed findings carry energy: their events are louder than the rest of the recording outside sounds and findings.
    const loud = labels.events.filter((e) => TIMED.includes(e.type) || e.type === 'S1' || e.type === 'S2');
    const quiet = complement(loud, 10);
    const pQuiet = meanPower(r.samples, quiet, 4000);
    for (const f of labels.findings.filter((x) => TIMED.includes(x))) {
      const p = meanPower(
        r.samples,
        labels.events.filter((e) => e.type === f).map((e) => [e.startS, e.endS]),
        4000,
      );
      console.log(`${condition}: ${f} events ${(10 * Math.log10(p / pQuiet)).toFixed(1)} dB above the rest`);
      expect(p).toBeGreaterThan(pQuiet);
    }
  });

  it('is deterministic for a seed, varies with the seed, and honours an explicit site', () => {
    const a = synthesizeCondition('aortic-stenosis', OPTS),
      b = synthesizeCondition('aortic-stenosis', OPTS);
    expect(a.samples).toEqual(b.samples);
    expect(a.labels).toEqual(b.labels);
    expect(synthesizeCondition('aortic-stenosis', { ...OPTS, seed: 2 }).samples).not.toEqual(a.samples);
    expect(a.labels.site).toBe('AV');
    expect(a.labels.murmur?.mostAudible).toBe('AV');
    expect(synthesizeCondition('aortic-stenosis', { ...OPTS, site: 'MV' }).labels.site).toBe('MV');
    expect(() => synthesizeCondition('aortic-stenosis', { ...OPTS, site: 'trachea' })).toThrow(
      /not a heart site/,
    );
    expect(() => synthesizeCondition('wheeze', { ...OPTS, site: 'AV' })).toThrow(/not a lung site/);
    expect(() => synthesizeCondition('normal-heart', { ...OPTS, durationS: 0 })).toThrow(
      /durationS must be in/,
    );
    expect(() => synthesizeCondition('normal-lung', { ...OPTS, sampleRateHz: 100 })).toThrow(
      /sampleRateHz must be in/,
    );
  });
});

describe('nuisances', () => {
  it('ambient noise at the requested SNR, clipping, artifacts and device are applied and labeled', () => {
    const clean = synthesizeCondition('normal-lung', OPTS);
    const noisy = synthesizeCondition('normal-lung', { ...OPTS, nuisances: { ambientSnrDb: 10 } });
    // Both are peak-normalized: compare shapes after matching the clean part by least squares.
    const k =
      clean.samples.reduce((s, v, i) => s + v * noisy.samples[i], 0) /
      clean.samples.reduce((s, v) => s + v * v, 0);
    const noise = noisy.samples.map((v, i) => v - k * clean.samples[i]);
    const all: [number, number][] = [[0, 10]];
    const snr = 10 * Math.log10((k * k * meanPower(clean.samples, all, 4000)) / meanPower(noise, all, 4000));
    console.log(`ambient noise: requested SNR 10 dB, measured ${snr.toFixed(2)} dB`);
    expect(Math.abs(snr - 10)).toBeLessThan(1);

    const clipped = synthesizeCondition('normal-heart', { ...OPTS, nuisances: { clipLevel: 0.6 } });
    console.log(
      `clip at 0.6 of the peak: ${(100 * clipped.nuisances.clippedFraction).toFixed(2)} % of samples clipped`,
    );
    expect(clipped.nuisances.clippedFraction).toBeGreaterThan(0.005);
    expect(clipped.labels.findings).toContain('poor-quality');

    const rough = synthesizeCondition('normal-heart', {
      ...OPTS,
      nuisances: { frictionPerS: 0.5, handlingBumps: 2 },
    });
    expect(rough.labels.events.filter((e) => e.type === 'poor-quality').length).toBe(7);
    expect(rough.labels.normal).toBe(true);
    expect(clean.labels.device).toBe('ideal');
  });

  it('device responses shape the spectrum: the bell keeps lows, the diaphragm removes them', () => {
    const lowFraction = (device: 'acoustic-bell' | 'acoustic-diaphragm'): number => {
      const r = synthesizeCondition('normal-heart', { ...OPTS, nuisances: { device } });
      expect(r.labels.device).toBe(device);
      return bandEnergyFraction(r.samples, [[0, 10]], 4000, 0, 100);
    };
    const bell = lowFraction('acoustic-bell'),
      diaphragm = lowFraction('acoustic-diaphragm');
    console.log(
      `normal-heart energy below 100 Hz: bell ${(100 * bell).toFixed(1)} %, diaphragm ${(100 * diaphragm).toFixed(1)} %`,
    );
    expect(bell).toBeGreaterThan(2 * diaphragm);
  });

  it('heart sounds under lung sounds are added at their labeled times', () => {
    const r = synthesizeCondition('normal-lung', { ...OPTS, nuisances: { heartUnderLungDb: 0 } });
    const clean = synthesizeCondition('normal-lung', OPTS);
    const k =
      clean.samples.reduce((s, v, i) => s + v * r.samples[i], 0) /
      clean.samples.reduce((s, v) => s + v * v, 0);
    const added = r.samples.map((v, i) => v - k * clean.samples[i]);
    const at = r.nuisances.heartEvents.map((e): [number, number] => [e.startS, e.endS]);
    const ratioDb =
      10 *
      Math.log10(
        meanPower(added, at, 4000) / meanPower(added, complement(r.nuisances.heartEvents, 10), 4000),
      );
    console.log(
      `heart under lung: added signal ${ratioDb.toFixed(1)} dB louder inside its S1/S2 events than outside`,
    );
    expect(at.length).toBeGreaterThan(10);
    expect(ratioDb).toBeGreaterThan(10);
    expect(r.labels.events.some((e) => e.type === 'S1')).toBe(false);
  });
});

describe('speed', () => {
  it('renders 10 s at 4 kHz well under 50 ms per condition (CPU time, best of 3)', () => {
    for (const c of SYNTH_CONDITIONS) synthesizeCondition(c, OPTS); // warm up the JIT
    // CPU time rather than wall time: the test machine is shared, wall time measures the neighbours.
    const cpuMs = (c: (typeof SYNTH_CONDITIONS)[number], seed: number): number => {
      const u = process.cpuUsage();
      synthesizeCondition(c, { ...OPTS, seed });
      const d = process.cpuUsage(u);
      return (d.user + d.system) / 1000;
    };
    const times = SYNTH_CONDITIONS.map((c) => [c, Math.min(cpuMs(c, 7), cpuMs(c, 8), cpuMs(c, 9))] as const);
    const worst = times.reduce((a, b) => (b[1] > a[1] ? b : a));
    const median = [...times.map((t) => t[1])].sort((a, b) => a - b)[times.length >> 1];
    console.log(
      `synthesizeCondition 10 s @ 4 kHz, CPU time: median ${median.toFixed(1)} ms, slowest ${worst[0]} ${worst[1].toFixed(1)} ms`,
    );
    expect(median).toBeLessThan(15);
    expect(worst[1]).toBeLessThan(50);
  });
});
