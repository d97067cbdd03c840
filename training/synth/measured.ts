// Properties measured on rendered synthesizer output for docs/synth.md (the same measures the tests assert).
import { synthesizeHeart } from '../../src/core/synth/heart';
import { s2EndS, s2StartS } from '../../src/core/synth/heartSounds';
import { synthesizeLung } from '../../src/core/synth/lung';
import { envelope, meanPower, measureSplitMs, zeroCrossingsS } from '../../src/core/synth/measure';
import type { Grade } from '../../src/core/synth/murmur';
import type { S2SplitMode } from '../../src/core/synth/heartTiming';

const RATE = 4000;
const avg = (a: number[]): number => a.reduce((s, v) => s + v, 0) / Math.max(1, a.length);

function splitRow(mode: S2SplitMode): [string, string] {
  const h = synthesizeHeart({
    seed: 3,
    durationS: 40,
    sampleRateHz: RATE,
    site: 'PV',
    s2Split: mode,
    hrvFraction: 0,
  });
  const env = envelope(h.samples, RATE, 8);
  const at = (pred: (x: number) => boolean): number[] =>
    h.beats
      .filter((b) => pred(b.inspiration) && s2EndS(b) < 39.9)
      .map((b) => measureSplitMs(env, RATE, s2StartS(b) - 0.01, s2EndS(b) + 0.01));
  return [
    `S2 split, ${mode} (PV, envelope peaks; 0 = unresolved < 15 ms)`,
    `expiration ${avg(at((x) => x === 0)).toFixed(1)} ms, inspiration ${avg(at((x) => x > 0.8)).toFixed(1)} ms`,
  ];
}

function gradeRow(): [string, string] {
  const rel = (g: Grade): string => {
    const h = synthesizeHeart({
      seed: 11,
      durationS: 12,
      sampleRateHz: RATE,
      site: 'AV',
      murmur: { lesion: 'aortic-stenosis', grade: g },
    });
    const seg = (t: string): [number, number][] =>
      h.events.filter((e) => e.type === t).map((e) => [e.startS, e.endS]);
    return (
      10 * Math.log10(meanPower(h.samples, seg('systole'), RATE) / meanPower(h.samples, seg('S1'), RATE))
    ).toFixed(1);
  };
  return [
    'aortic stenosis at AV, systole power re S1 power by grade 1–6 (dB)',
    ([1, 2, 3, 4, 5, 6] as Grade[]).map(rel).join(', '),
  ];
}

function crackleRow(kind: 'fine' | 'coarse'): [string, string] {
  const o = { seed: 4, durationS: 12, sampleRateHz: 16000, respiratoryRateBpm: 15 };
  const r = synthesizeLung({ ...o, crackles: { kind, perBreath: 5 } });
  const plain = synthesizeLung(o);
  const x = r.samples.map((v, i) => v - plain.samples[i]);
  const iso = r.crackles.filter(
    (c, i, a) =>
      c.startS > 0 &&
      c.endS < 12 &&
      (i === 0 || a[i - 1].endS < c.startS) &&
      (i === a.length - 1 || a[i + 1].startS > c.endS),
  );
  const z = iso.map((c) => zeroCrossingsS(x, 16000, c.startS, 4));
  const range = (v: number[]): string => `${Math.min(...v).toFixed(2)}–${Math.max(...v).toFixed(2)} ms`;
  return [
    `${kind} crackles at 16 kHz, ${iso.length} isolated: IDW, 2CD (zero crossings)`,
    `${range(z.map((q) => q[0] * 1000))}, ${range(z.map((q) => q[3] * 1000))}`,
  ];
}

export function measuredRows(): [string, string][] {
  return [
    splitRow('normal'),
    splitRow('fixed'),
    splitRow('paradoxical'),
    gradeRow(),
    crackleRow('fine'),
    crackleRow('coarse'),
  ];
}
