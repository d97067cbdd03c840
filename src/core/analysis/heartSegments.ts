// S1/S2 segmentation: envelope peaks labelled by a dynamic programme that alternates S1 → S2 → S1 and scores each interval
// against the expected systole (S1→S2, the shorter) and diastole (S2→S1, the longer) from the envelope's periodicity.
import { localMaxima, parabolicPeak, quantile } from './envelope';
import { heartEnvelope, heartPeriodicity } from './heartRate';

export interface Interval {
  startS: number;
  endS: number;
}

export interface HeartSegments {
  s1: Interval[];
  s2: Interval[];
}

type Label = 0 | 1; // 0 = S1, 1 = S2

interface Peak {
  index: number;
  /** Height relative to the recording's loud-sound level, capped at 1. */
  weight: number;
}

/** Peaks of the envelope, at least minGap apart (the higher one wins), and at least 10 % of the 95th-percentile level. */
function candidatePeaks(env: Float32Array, minGap: number): Peak[] {
  const loud = quantile(env, 0.95) || 1;
  const peaks = localMaxima(env, 0.1 * loud).sort((a, b) => env[b] - env[a]);
  const kept: number[] = [];
  for (const p of peaks) if (kept.every((k) => Math.abs(k - p) >= minGap)) kept.push(p);
  return kept.sort((a, b) => a - b).map((index) => ({ index, weight: Math.min(1, env[index] / loud) }));
}

/** Systole length (S1→S2) in envelope samples: the autocorrelation peak between 0.15 s and half a cycle. */
function systoleLag(r: Float64Array, cycle: number, rateHz: number): number {
  const from = Math.round(0.15 * rateHz);
  const to = Math.max(from + 1, Math.floor(cycle / 2));
  let best = -1;
  for (let k = from; k <= to && k < r.length; k++) if (best < 0 || r[k] > r[best]) best = k;
  return best < 0 ? 0.4 * cycle : parabolicPeak(r, best);
}

interface Expectations {
  cycle: number;
  systole: number;
  diastole: number;
}

/** Cost of an interval of dt envelope samples that ends a phase with the given expected length (missed beats allowed). */
function intervalCost(dt: number, expected: number, e: Expectations): number {
  const sigma = 0.12 * expected + 0.02 * e.cycle;
  let best = Infinity;
  for (let missed = 0; missed <= 2; missed++) {
    const z = (dt - expected - missed * e.cycle) / sigma;
    best = Math.min(best, 0.5 * z * z + 1.5 * missed);
  }
  return best;
}

/** Viterbi over peaks: best chain of alternating labels; returns the label of each chosen peak. */
function labelPeaks(peaks: Peak[], e: Expectations): Map<number, Label> {
  const n = peaks.length;
  const score = [new Float64Array(n), new Float64Array(n)];
  const from = [new Int32Array(n).fill(-1), new Int32Array(n).fill(-1)];
  const reach = 3.2 * e.cycle;
  for (let j = 0; j < n; j++) {
    for (const lab of [0, 1] as Label[]) {
      const prev = (1 - lab) as Label;
      const expected = lab === 1 ? e.systole : e.diastole; // S1→S2 is systole; S2→S1 is diastole
      score[lab][j] = peaks[j].weight;
      for (let i = j - 1; i >= 0 && peaks[j].index - peaks[i].index <= reach; i--) {
        const s =
          score[prev][i] + peaks[j].weight - intervalCost(peaks[j].index - peaks[i].index, expected, e);
        if (s > score[lab][j]) [score[lab][j], from[lab][j]] = [s, i];
      }
    }
  }
  let end = { j: -1, lab: 0 as Label, s: -Infinity };
  for (let j = 0; j < n; j++)
    for (const lab of [0, 1] as Label[]) if (score[lab][j] > end.s) end = { j, lab, s: score[lab][j] };
  const labels = new Map<number, Label>();
  for (let { j, lab } = end; j >= 0;) {
    labels.set(j, lab);
    [j, lab] = [from[lab][j], (1 - lab) as Label];
  }
  return labels;
}

/** Extent of the sound around a peak: where the envelope falls below half the peak, within 20–80 ms of it. */
function extent(env: Float32Array, index: number, rateHz: number): Interval {
  const [minHalf, maxHalf] = [Math.round(0.02 * rateHz), Math.round(0.08 * rateHz)];
  const half = env[index] / 2;
  let a = index;
  while (a > 0 && index - a < maxHalf && env[a - 1] > half) a--;
  let b = index;
  while (b < env.length - 1 && b - index < maxHalf && env[b + 1] > half) b++;
  a = Math.min(a, index - minHalf);
  b = Math.max(b, index + minHalf);
  return { startS: Math.max(0, a / rateHz), endS: Math.min(env.length, b + 1) / rateHz };
}

/** S1 and S2 intervals (seconds) of a heart recording; both empty when no rhythm can be found. */
export function segmentHeartSounds(samples: Float32Array, sampleRateHz: number): HeartSegments {
  const envelope = heartEnvelope(samples, sampleRateHz);
  const { values: env, rateHz } = envelope;
  const { r, cycle: c } = heartPeriodicity(envelope);
  if (!c) return { s1: [], s2: [] };
  const systole = systoleLag(r, c.lag, rateHz);
  const e = { cycle: c.lag, systole, diastole: c.lag - systole };
  const peaks = candidatePeaks(env, Math.max(3, Math.round(0.5 * Math.min(systole, e.diastole))));
  const out: HeartSegments = { s1: [], s2: [] };
  for (const [j, lab] of [...labelPeaks(peaks, e)].sort((a, b) => a[0] - b[0]))
    (lab === 0 ? out.s1 : out.s2).push(extent(env, peaks[j].index, rateHz));
  return out;
}
