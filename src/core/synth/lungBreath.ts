// Breathing: the respiratory cycle schedule (rate, I:E ratio) and vesicular or bronchial breath sounds as
// filtered noise under inspiratory/expiratory envelopes.
import { applyEnvelope, bandFilter, rms } from './dsp';
import type { RandomStream } from './prng';

export type BreathSound = 'vesicular' | 'bronchial';

export interface BreathCycle {
  inspStartS: number;
  inspEndS: number;
  expEndS: number;
}

/** Cycles covering [0, durationS]; period varies ±5 % breath to breath. Starts at a random point of a cycle. */
export function breathCycles(
  rng: RandomStream,
  durationS: number,
  rateBpm: number,
  ieRatio: number,
): BreathCycle[] {
  const period = 60 / rateBpm;
  const out: BreathCycle[] = [];
  let t = -rng.uniform(0, period);
  while (t < durationS) {
    const p = period * rng.uniform(0.95, 1.05);
    const insp = p / (1 + ieRatio);
    out.push({ inspStartS: t, inspEndS: t + insp, expEndS: t + p });
    t += p;
  }
  return out;
}

/**
 * Spectral shape and phase loudness. Vesicular: energy mostly below ~200–300 Hz, inspiration loud, only the
 * first third of expiration faintly audible. Bronchial: flatter and higher (to ~1 kHz), expiration at least
 * as loud and long as inspiration, a short pause between phases (Pasterkamp et al. 1997; Bates' Guide).
 */
export const BREATH_PROFILES = {
  vesicular: { loHz: 80, hiHz: 300, expGain: 0.35, expAudibleFraction: 0.35, pauseS: 0 },
  bronchial: { loHz: 100, hiHz: 1000, expGain: 1.0, expAudibleFraction: 0.9, pauseS: 0.12 },
} as const;

/** Inspiratory peak RMS of breath noise, the reference level of the lung model. */
export const BREATH_LEVEL = 0.2;

function bell(u: number): number {
  return u <= 0 || u >= 1 ? 0 : Math.sin(Math.PI * u) ** 0.8;
}

/** Breath-noise envelope at time t within one cycle. */
export function breathEnvelope(kind: BreathSound, c: BreathCycle, t: number): number {
  const p = BREATH_PROFILES[kind];
  if (t >= c.inspStartS && t < c.inspEndS) return bell((t - c.inspStartS) / (c.inspEndS - c.inspStartS));
  const expStart = c.inspEndS + p.pauseS;
  const expLen = (c.expEndS - expStart) * p.expAudibleFraction;
  if (t >= expStart && t < expStart + expLen) {
    const u = (t - expStart) / expLen;
    return p.expGain * (kind === 'vesicular' ? Math.min(1, u / 0.1) * (1 - u) : bell(u));
  }
  return 0;
}

/** Renders breath noise for all cycles into a new buffer. */
export function renderBreath(
  rng: RandomStream,
  kind: BreathSound,
  cycles: BreathCycle[],
  n: number,
  rateHz: number,
): Float32Array {
  const p = BREATH_PROFILES[kind];
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = rng.noise();
  bandFilter(x, p.loHz, p.hiHz, rateHz, 2);
  const norm = BREATH_LEVEL / (rms(x) || 1);
  let c = 0;
  applyEnvelope(x, rateHz, (t) => {
    while (c < cycles.length - 1 && t >= cycles[c].expEndS) c++;
    return norm * breathEnvelope(kind, cycles[c], t);
  });
  return x;
}
