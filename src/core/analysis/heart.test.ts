// Heart rate and S1/S2 segmentation: exact checks on a synthetic heart, and measured accuracy on the CirCor fixtures
// against their hand segmentation (.tsv: start s, end s, state 1 = S1, 2 = systole, 3 = S2, 4 = diastole, 0 = unlabelled).
// eslint-disable-next-line auscult/boundaries -- the test reads the shared dataset fixtures from disk
import { readdirSync, readFileSync } from 'node:fs';
// eslint-disable-next-line auscult/boundaries -- the test reads the shared dataset fixtures from disk
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeWav } from '../audio/wav';
import { estimateHeartRate } from './heartRate';
import { segmentHeartSounds } from './heartSegments';

/** A heart at bpm: S1 (50 Hz, 100 ms) at each beat, S2 (70 Hz, 80 ms) systoleS later, plus a little noise. */
function syntheticHeart(bpm: number, systoleS: number, seconds: number, rateHz = 4000): Float32Array {
  const x = new Float32Array(seconds * rateHz);
  const burst = (t0: number, hz: number, durS: number, amp: number) => {
    for (let i = 0; i < durS * rateHz; i++) {
      const k = Math.round(t0 * rateHz) + i;
      if (k < x.length)
        x[k] += amp * Math.sin((Math.PI * i) / (durS * rateHz)) * Math.sin((2 * Math.PI * hz * i) / rateHz);
    }
  };
  for (let t = 0.2; t < seconds; t += 60 / bpm) {
    burst(t, 50, 0.1, 0.6);
    burst(t + systoleS, 70, 0.08, 0.4);
  }
  let seed = 7;
  for (let i = 0; i < x.length; i++) x[i] += 0.01 * ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5);
  return x;
}

describe('heart analysis on a synthetic heart', () => {
  it('finds the rate across 45–180 bpm', () => {
    for (const bpm of [45, 72, 110, 150, 180]) {
      const hr = estimateHeartRate(syntheticHeart(bpm, Math.min(0.3, 18 / bpm), 15), 4000);
      expect(hr.bpm, `${bpm} bpm`).not.toBeNull();
      expect(Math.abs(hr.bpm! - bpm) / bpm, `${bpm} bpm → ${hr.bpm}`).toBeLessThan(0.03);
      expect(hr.confidence).toBeGreaterThan(0.5);
    }
  });

  it('labels S1 and S2 by systole being shorter than diastole, also at 44.1 kHz', () => {
    const seg = segmentHeartSounds(syntheticHeart(72, 0.3, 10, 44100), 44100);
    const beats = Array.from({ length: 12 }, (_, k) => 0.2 + (k * 60) / 72).filter((t) => t < 9.8);
    expect(seg.s1.length).toBeGreaterThanOrEqual(beats.length - 1);
    for (const s of seg.s1)
      expect(Math.min(...beats.map((b) => Math.abs((s.startS + s.endS) / 2 - (b + 0.05))))).toBeLessThan(
        0.05,
      );
    for (const s of seg.s2)
      expect(Math.min(...beats.map((b) => Math.abs((s.startS + s.endS) / 2 - (b + 0.34))))).toBeLessThan(
        0.05,
      );
  });

  it('reports no rhythm in noise or silence', () => {
    let seed = 3;
    const noise = Float32Array.from(
      { length: 40000 },
      () => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5,
    );
    expect(estimateHeartRate(noise, 4000).confidence).toBeLessThan(0.3);
    expect(estimateHeartRate(new Float32Array(40000), 4000)).toEqual({ bpm: null, confidence: 0 });
    expect(segmentHeartSounds(new Float32Array(40000), 4000)).toEqual({ s1: [], s2: [] });
  });
});

const root =
  process.env.AUSCULT_FIXTURES ?? path.resolve(import.meta.dirname, '../../../../shared/data/fixtures');
const circor = path.join(root, 'circor/training_data');

interface Truth {
  name: string;
  samples: Float32Array;
  rateHz: number;
  rows: number[][];
}

function loadCircor(): Truth[] {
  return readdirSync(circor)
    .filter((f) => f.endsWith('.tsv'))
    .sort()
    .map((f) => {
      const rows = readFileSync(path.join(circor, f), 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split('\t').map(Number));
      const wav = decodeWav(readFileSync(path.join(circor, f.replace(/\.tsv$/, '.wav'))));
      return { name: f, samples: wav.samples, rateHz: wav.sampleRateHz, rows };
    });
}

/** Greedy one-to-one matching of detected to annotated centres within tolSeconds. */
function match(
  detected: number[],
  truth: number[],
  tolSeconds: number,
): { tp: number; fp: number; fn: number } {
  const used = new Set<number>();
  let tp = 0;
  for (const t of detected) {
    const k = truth.findIndex((g, i) => !used.has(i) && Math.abs(g - t) <= tolSeconds);
    if (k < 0) continue;
    used.add(k);
    tp++;
  }
  return { tp, fp: detected.length - tp, fn: truth.length - tp };
}

describe('heart analysis on the CirCor fixtures', () => {
  const data = loadCircor();

  it('has fixtures to measure on', () => expect(data.length).toBeGreaterThanOrEqual(20));

  it('estimates heart rate within 10 % of the annotation on ≥ 90 % of recordings', () => {
    let within = 0;
    const errors: number[] = [];
    for (const d of data) {
      const s1 = d.rows.filter((r) => r[2] === 1).map((r) => r[0]);
      const gaps = s1
        .slice(1)
        .map((t, i) => t - s1[i])
        .sort((a, b) => a - b);
      const truthBpm = 60 / gaps[Math.floor(gaps.length / 2)];
      const { bpm } = estimateHeartRate(d.samples, d.rateHz);
      const err = bpm === null ? Infinity : Math.abs(bpm - truthBpm) / truthBpm;
      errors.push(err);
      if (err <= 0.1) within++;
    }
    const finite = errors.filter(Number.isFinite).sort((a, b) => a - b);
    console.log(
      `CirCor heart rate: ${within}/${data.length} within 10 %, median error ${(100 * finite[finite.length >> 1]).toFixed(1)} %`,
    );
    expect(within / data.length).toBeGreaterThanOrEqual(0.9);
  });

  it('detects S1 with F1 ≥ 0.8 (centre within 100 ms, labelled regions only)', () => {
    const total = { s1: { tp: 0, fp: 0, fn: 0 }, s2: { tp: 0, fp: 0, fn: 0 } };
    for (const d of data) {
      const labelled = (t: number) => d.rows.some((r) => r[2] !== 0 && t >= r[0] && t < r[1]);
      const seg = segmentHeartSounds(d.samples, d.rateHz);
      for (const [key, state] of [
        ['s1', 1],
        ['s2', 3],
      ] as const) {
        const truth = d.rows.filter((r) => r[2] === state).map((r) => (r[0] + r[1]) / 2);
        const found = seg[key].map((s) => (s.startS + s.endS) / 2).filter(labelled);
        const m = match(found, truth, 0.1);
        total[key].tp += m.tp;
        total[key].fp += m.fp;
        total[key].fn += m.fn;
      }
    }
    const f1 = ({ tp, fp, fn }: { tp: number; fp: number; fn: number }) => (2 * tp) / (2 * tp + fp + fn);
    console.log(
      `CirCor segmentation (±100 ms): S1 F1 ${f1(total.s1).toFixed(3)}, S2 F1 ${f1(total.s2).toFixed(3)}`,
    );
    expect(f1(total.s1)).toBeGreaterThanOrEqual(0.8);
    expect(f1(total.s2)).toBeGreaterThanOrEqual(0.75);
  });
});
