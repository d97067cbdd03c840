// The beat schedule of a synthesized heart recording: RR intervals (heart rate, variability, atrial
// fibrillation, extrasystoles), systolic time intervals and the respiration-driven A2–P2 split.
import type { RandomStream } from './prng';

export type S2SplitMode = 'normal' | 'wide' | 'fixed' | 'paradoxical' | 'single';
export type Rhythm = 'sinus' | 'atrial-fibrillation';

export interface TimingOptions {
  durationS: number;
  heartRateBpm: number;
  /** Beat-to-beat RR standard deviation as a fraction of the mean RR (sinus rhythm only). */
  hrvFraction: number;
  respiratoryRateBpm: number;
  s2Split: S2SplitMode;
  rhythm: Rhythm;
  /** Probability that a beat is a premature (extra)systole. */
  extrasystoleProbability: number;
}

export interface Beat {
  /** Onset of M1 (the first heart sound), seconds. */
  s1S: number;
  /** Onsets of the aortic and pulmonic components of S2. */
  a2S: number;
  p2S: number;
  /** RR interval that ends with this beat's S1, seconds (drives filling, so loudness of S1). */
  rrS: number;
  premature: boolean;
  /** Respiration at S2: 0 = expiration, 1 = peak inspiration. */
  inspiration: number;
}

/** Fraction of the respiratory cycle spent in inspiration (I:E about 1:1.5 at rest). */
export const INSPIRATORY_FRACTION = 0.4;

/** Inspiration depth in [0, 1] at time t for a cycle starting at t = 0 with inspiration. */
export function inspirationAt(tS: number, respiratoryRateBpm: number): number {
  const period = 60 / respiratoryRateBpm;
  const phase = (((tS / period) % 1) + 1) % 1;
  return phase < INSPIRATORY_FRACTION ? Math.sin((Math.PI * phase) / INSPIRATORY_FRACTION) : 0;
}

/** Start and end of each inspiration and expiration inside [0, durationS). */
export function respiratoryPhases(
  durationS: number,
  respiratoryRateBpm: number,
): { type: 'inspiration' | 'expiration'; startS: number; endS: number }[] {
  const period = 60 / respiratoryRateBpm;
  const out: { type: 'inspiration' | 'expiration'; startS: number; endS: number }[] = [];
  for (let t = 0; t < durationS; t += period) {
    const mid = t + INSPIRATORY_FRACTION * period;
    out.push({ type: 'inspiration', startS: t, endS: Math.min(mid, durationS) });
    if (mid < durationS) out.push({ type: 'expiration', startS: mid, endS: Math.min(t + period, durationS) });
  }
  return out;
}

/**
 * Electromechanical systole QS2 = 546 − 2.1·HR ms (Weissler et al. 1968, men), minus the ~50 ms
 * Q-to-S1 delay, gives the S1-to-A2 interval.
 */
export function s1ToA2S(heartRateBpm: number): number {
  const hr = Math.min(Math.max(heartRateBpm, 40), 200);
  return (546 - 2.1 * hr - 50) / 1000;
}

/** A2–P2 interval in ms (negative = P2 before A2) for a split mode and an inspiration depth. */
export function splitMs(mode: S2SplitMode, inspiration: number): number {
  switch (mode) {
    case 'normal':
      return 12 + 33 * inspiration; // ~10–15 ms on expiration, ~40–50 ms on inspiration
    case 'wide':
      return 40 + 30 * inspiration; // e.g. right bundle branch block: split on both phases, wider on inspiration
    case 'fixed':
      return 50; // atrial septal defect: wide and unchanged by respiration
    case 'paradoxical':
      return -(45 - 35 * inspiration); // LBBB / severe AS: P2 first, split narrows on inspiration
    case 'single':
      return 0;
  }
}

/** Atrial fibrillation: RR drawn uniformly in this range × mean RR ("irregularly irregular"); a model choice. */
export const AF_RR_RANGE = [0.6, 1.45] as const;
/** Respiratory sinus arrhythmia: RR shortened by up to this fraction at peak inspiration. */
export const RSA_DEPTH = 0.04;
/** Extrasystole coupling interval as a fraction of the preceding RR, followed by a full compensatory pause. */
export const EXTRASYSTOLE_COUPLING = [0.55, 0.7] as const;

function nextRr(rng: RandomStream, o: TimingOptions, meanRr: number, t: number): number {
  if (o.rhythm === 'atrial-fibrillation') return meanRr * rng.uniform(AF_RR_RANGE[0], AF_RR_RANGE[1]);
  const rsa = 1 - RSA_DEPTH * inspirationAt(t, o.respiratoryRateBpm); // faster on inspiration
  return meanRr * rsa * (1 + o.hrvFraction * Math.max(-3, Math.min(3, rng.normal())));
}

/** Builds the beats whose S1 starts inside [0, durationS). */
export function beatSchedule(rng: RandomStream, o: TimingOptions): Beat[] {
  const meanRr = 60 / o.heartRateBpm;
  const beats: Beat[] = [];
  let t = rng.uniform(0.05, 0.6) * meanRr;
  let rr = meanRr;
  let lastPremature = false;
  while (t < o.durationS) {
    const premature: boolean = !lastPremature && beats.length > 1 && rng.chance(o.extrasystoleProbability);
    if (premature) {
      const coupled = rr * rng.uniform(EXTRASYSTOLE_COUPLING[0], EXTRASYSTOLE_COUPLING[1]);
      t += coupled - rr; // this beat comes early
      rr = coupled;
    }
    const systole = s1ToA2S(60 / rr) * (premature ? 0.85 : 1);
    const a2 = t + systole;
    const insp = inspirationAt(a2, o.respiratoryRateBpm);
    const split = splitMs(o.s2Split, insp) / 1000;
    const [a2S, p2S] = split >= 0 ? [a2, a2 + split] : [a2 - split, a2];
    beats.push({ s1S: t, a2S, p2S, rrS: rr, premature, inspiration: insp });
    // After an extrasystole, a full compensatory pause: the two intervals add up to two mean RRs.
    rr = premature ? 2 * meanRr - rr : nextRr(rng, o, meanRr, t);
    lastPremature = premature;
    t += rr;
  }
  return beats;
}
