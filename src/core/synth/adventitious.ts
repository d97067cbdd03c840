// Adventitious lung sounds: crackles as explosive transients with literature IDW/2CD, wheezes and rhonchi
// as (poly)phonic tones, stridor, and pleural rub, each placed in its phase of the breath.
import type { TimedEvent } from '../clinical/schema';
import { addShapedNoise, bandNoise } from './dsp';
import type { BreathCycle } from './lungBreath';
import type { RandomStream } from './prng';

export type CrackleKind = 'fine' | 'coarse';

/**
 * Initial deflection width and two-cycle duration ranges (ms). ATS nomenclature (1977) and CORSA
 * (Sovijärvi et al. 2000): fine IDW ≈ 0.7 ms, 2CD ≈ 5 ms (< 10); coarse IDW ≈ 1.5 ms, 2CD ≈ 10 ms (> 10).
 */
export const CRACKLE_SHAPE_MS = {
  fine: { idw: [0.5, 0.9], tcd: [4, 8] },
  coarse: { idw: [1.0, 1.5], tcd: [10.5, 15] },
} as const;
/** Where in inspiration crackles fall (fraction): fine late, coarse early (Nath & Capel 1974). */
export const CRACKLE_TIMING = { fine: [0.45, 0.95], coarse: [0.05, 0.5] } as const;

export interface Crackle {
  kind: CrackleKind;
  startS: number;
  idwS: number;
  tcdS: number;
  endS: number;
}

const LOBE_AMPS = [1, -0.8, 0.6, -0.45, 0.3, -0.18, 0.1];

/** Half-cycle lobes: the first lasts IDW, the next three share 2CD − IDW, the rest repeat the last width. */
export function renderCrackle(out: Float32Array, rateHz: number, c: Crackle, amp: number): void {
  const rest = (c.tcdS - c.idwS) / 3;
  let t0 = c.startS;
  LOBE_AMPS.forEach((a, k) => {
    const h = k === 0 ? c.idwS : rest;
    const i0 = Math.max(0, Math.ceil(t0 * rateHz));
    const i1 = Math.min(out.length, Math.ceil((t0 + h) * rateHz));
    for (let i = i0; i < i1; i++) out[i] += amp * a * Math.sin((Math.PI * (i / rateHz - t0)) / h);
    t0 += h;
  });
}

export function crackleEndS(startS: number, idwS: number, tcdS: number): number {
  return startS + idwS + ((tcdS - idwS) / 3) * (LOBE_AMPS.length - 1);
}

/** Places crackles in each inspiration (and, for coarse ones, early expiration too). */
export function placeCrackles(
  rng: RandomStream,
  kind: CrackleKind,
  cycles: BreathCycle[],
  perBreath: number,
): Crackle[] {
  const out: Crackle[] = [];
  const [lo, hi] = CRACKLE_TIMING[kind];
  const shape = CRACKLE_SHAPE_MS[kind];
  for (const c of cycles) {
    const insp = c.inspEndS - c.inspStartS;
    const count = Math.max(1, Math.round(perBreath * rng.uniform(0.7, 1.3)));
    for (let k = 0; k < count; k++) {
      const exp = kind === 'coarse' && rng.chance(0.25);
      const startS = exp
        ? c.inspEndS + rng.uniform(0.02, 0.3) * (c.expEndS - c.inspEndS)
        : c.inspStartS + rng.uniform(lo, hi) * insp;
      const idwS = rng.uniform(shape.idw[0], shape.idw[1]) / 1000;
      const tcdS = rng.uniform(shape.tcd[0], shape.tcd[1]) / 1000;
      out.push({ kind, startS, idwS, tcdS, endS: crackleEndS(startS, idwS, tcdS) });
    }
  }
  return out.sort((a, b) => a.startS - b.startS);
}

export interface Tone {
  startS: number;
  endS: number;
  frequencyHz: number;
  amp: number;
  /** Relative amplitudes of harmonics 2, 3, ...; the fundamental stays dominant. */
  harmonics: number[];
}

/** Slow frequency wobble of sustained tones (fraction of the frequency). */
export const TONE_WOBBLE = 0.02;

/** Adds a sustained tone with 20 ms attack/release and ±TONE_WOBBLE slow frequency wobble. */
export function renderTone(out: Float32Array, rateHz: number, tone: Tone, rng: RandomStream): void {
  const i0 = Math.max(0, Math.ceil(tone.startS * rateHz));
  const i1 = Math.min(out.length, Math.floor(tone.endS * rateHz));
  const len = tone.endS - tone.startS;
  const wobbleHz = rng.uniform(2, 5);
  let phase = rng.uniform(0, 2 * Math.PI);
  const nyq = rateHz * 0.45;
  for (let i = i0; i < i1; i++) {
    const t = i / rateHz - tone.startS;
    const env = Math.min(1, t / 0.02, (len - t) / 0.02);
    phase +=
      (2 * Math.PI * tone.frequencyHz * (1 + TONE_WOBBLE * Math.sin(2 * Math.PI * wobbleHz * t))) / rateHz;
    let v = Math.sin(phase);
    tone.harmonics.forEach((h, k) => {
      if (tone.frequencyHz * (k + 2) < nyq) v += h * Math.sin((k + 2) * phase);
    });
    out[i] += tone.amp * env * v;
  }
}

/** Pleural rub band (low-pitched creaking); a model choice. */
export const PLEURAL_RUB_BAND_HZ = [50, 400] as const;

/** Pleural rub: trains of short creaking bursts (low-pitched, non-musical) in late inspiration and early expiration. */
export function renderPleuralRub(
  out: Float32Array,
  rateHz: number,
  rng: RandomStream,
  cycles: BreathCycle[],
  amp: number,
): TimedEvent[] {
  const noise = bandNoise(rng, out.length, PLEURAL_RUB_BAND_HZ[0], PLEURAL_RUB_BAND_HZ[1], rateHz);
  const ev: TimedEvent[] = [];
  for (const c of cycles) {
    const spans: [number, number][] = [
      [c.inspStartS + 0.55 * (c.inspEndS - c.inspStartS), c.inspEndS],
      [c.inspEndS + 0.05, c.inspEndS + 0.05 + 0.35 * (c.expEndS - c.inspEndS)],
    ];
    for (const [s, e] of spans) {
      for (let t = s; t < e - 0.02; t += rng.uniform(0.04, 0.08)) {
        const len = rng.uniform(0.015, 0.03);
        addShapedNoise(out, noise, rateHz, t, t + len, (u) => amp * Math.sin((Math.PI * u) / len));
      }
      ev.push({ type: 'pleural-rub', startS: s, endS: e });
    }
  }
  return ev;
}
