// Lung sound synthesis from explicit physiological parameters: breath cycles and breath sounds, then
// crackles, wheezes, rhonchi, stridor and pleural rub in their phases, with exact timed events.
import type { LungSite, TimedEvent } from '../clinical/schema';
import { addNoiseFloor, dbToGain } from './dsp';
import { clipEvents } from './events';
import { BREATH_LEVEL, breathCycles, renderBreath, type BreathCycle, type BreathSound } from './lungBreath';
import {
  placeCrackles,
  renderCrackle,
  renderPleuralRub,
  renderTone,
  type Crackle,
  type CrackleKind,
  type Tone,
} from './adventitious';
import { RandomStream } from './prng';
import { validateLung } from './validate';

export type BreathPhase = 'inspiratory' | 'expiratory';

export interface ToneOptions {
  /** One frequency = monophonic, several = polyphonic. */
  frequenciesHz: number[];
  phase: BreathPhase;
  /** Fraction of the phase the sound lasts (default 0.6); never shorter than 100 ms. */
  phaseFraction?: number;
  /** Level of each tone relative to the inspiratory breath-noise level (default +6 dB). */
  levelDb?: number;
}

export interface LungOptions {
  seed: number;
  durationS: number;
  sampleRateHz: number;
  site?: LungSite;
  /** Default 16 breaths/min. */
  respiratoryRateBpm?: number;
  /** Expiration / inspiration duration; default 1.5 (obstruction prolongs expiration: 2–4). */
  ieRatio?: number;
  breath?: BreathSound;
  crackles?: { kind: CrackleKind; perBreath?: number };
  wheeze?: ToneOptions;
  /** Low-pitched (≤ 200 Hz) snoring continuous sound. */
  rhonchi?: ToneOptions;
  /** High-pitched inspiratory sound of upper-airway obstruction. */
  stridor?: ToneOptions;
  pleuralRub?: boolean;
  /** Body and sensor noise floor relative to the inspiratory breath-noise level (dB); default −30. */
  noiseFloorDb?: number;
}

export interface LungResult {
  samples: Float32Array;
  sampleRateHz: number;
  events: TimedEvent[];
  cycles: BreathCycle[];
  /** Every crackle with its exact shape, for checks. */
  crackles: Crackle[];
  tones: (Tone & { type: 'wheeze' | 'rhonchi' | 'stridor' })[];
}

function phaseSpan(c: BreathCycle, phase: BreathPhase): [number, number] {
  return phase === 'inspiratory' ? [c.inspStartS, c.inspEndS] : [c.inspEndS, c.expEndS];
}

function placeTones(
  rng: RandomStream,
  type: 'wheeze' | 'rhonchi' | 'stridor',
  o: ToneOptions,
  cycles: BreathCycle[],
  harmonics: number[],
): LungResult['tones'] {
  const tones: LungResult['tones'] = [];
  const amp = (BREATH_LEVEL * Math.SQRT2 * dbToGain(o.levelDb ?? 6)) / o.frequenciesHz.length;
  for (const c of cycles) {
    const [s, e] = phaseSpan(c, o.phase);
    const len = Math.max(0.1, (o.phaseFraction ?? 0.6) * (e - s) * rng.uniform(0.85, 1.0));
    const start = s + rng.uniform(0.05, 0.95) * Math.max(0, e - s - len);
    for (const f of o.frequenciesHz)
      tones.push({ type, startS: start, endS: start + len, frequencyHz: f, amp, harmonics });
  }
  return tones;
}

function phaseEvents(cycles: BreathCycle[]): TimedEvent[] {
  return cycles.flatMap((c): TimedEvent[] => [
    { type: 'inspiration', startS: c.inspStartS, endS: c.inspEndS },
    { type: 'expiration', startS: c.inspEndS, endS: c.expEndS },
  ]);
}

/** Groups crackles of one breath phase into one event (as SPRSound and ICBHI annotate them). */
function crackleEvents(crackles: Crackle[], cycles: BreathCycle[]): TimedEvent[] {
  const ev: TimedEvent[] = [];
  for (const c of cycles) {
    for (const phase of ['inspiratory', 'expiratory'] as const) {
      const [s, e] = phaseSpan(c, phase);
      const inside = crackles.filter((k) => k.startS >= s && k.startS < e);
      if (inside.length === 0) continue;
      const type = inside[0].kind === 'fine' ? 'fine-crackles' : 'coarse-crackles';
      ev.push({ type, startS: inside[0].startS, endS: Math.max(...inside.map((k) => k.endS)) });
    }
  }
  return ev;
}

export function synthesizeLung(o: LungOptions): LungResult {
  validateLung(o);
  const rng = new RandomStream(o.seed, 'lung');
  const rateHz = o.sampleRateHz;
  const n = Math.round(o.durationS * rateHz);
  const cycles = breathCycles(rng.fork('cycles'), o.durationS, o.respiratoryRateBpm ?? 16, o.ieRatio ?? 1.5);
  const out = renderBreath(rng.fork('breath'), o.breath ?? 'vesicular', cycles, n, rateHz);
  const events = phaseEvents(cycles);
  let crackles: Crackle[] = [];
  if (o.crackles) {
    const r = rng.fork('crackles');
    crackles = placeCrackles(
      r,
      o.crackles.kind,
      cycles,
      o.crackles.perBreath ?? (o.crackles.kind === 'fine' ? 8 : 5),
    );
    const [lo, hi] = o.crackles.kind === 'fine' ? [1.5, 3] : [2.5, 5];
    for (const c of crackles) renderCrackle(out, rateHz, c, BREATH_LEVEL * r.uniform(lo, hi));
    events.push(...crackleEvents(crackles, cycles));
  }
  const tones: LungResult['tones'] = [];
  if (o.wheeze) tones.push(...placeTones(rng.fork('wheeze'), 'wheeze', o.wheeze, cycles, [0.25, 0.1]));
  if (o.rhonchi)
    tones.push(...placeTones(rng.fork('rhonchi'), 'rhonchi', o.rhonchi, cycles, [0.5, 0.35, 0.2]));
  if (o.stridor) tones.push(...placeTones(rng.fork('stridor'), 'stridor', o.stridor, cycles, [0.3]));
  const toneRng = rng.fork('tones');
  for (const t of tones) renderTone(out, rateHz, t, toneRng);
  const toneEvents = tones.map((t): TimedEvent => ({ type: t.type, startS: t.startS, endS: t.endS }));
  events.push(
    ...toneEvents.filter(
      (e, i) => i === 0 || e.startS !== toneEvents[i - 1].startS || e.type !== toneEvents[i - 1].type,
    ),
  );
  if (o.pleuralRub)
    events.push(...renderPleuralRub(out, rateHz, rng.fork('rub'), cycles, BREATH_LEVEL * 1.5));
  addNoiseFloor(out, rng.fork('floor'), 20, 1000, rateHz, BREATH_LEVEL * dbToGain(o.noiseFloorDb ?? -30));
  return {
    samples: out,
    sampleRateHz: rateHz,
    events: clipEvents(events, o.durationS),
    cycles,
    crackles,
    tones,
  };
}
