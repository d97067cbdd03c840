// Heart sound synthesis from explicit physiological parameters: beats, valve sounds, extra sounds and
// murmurs rendered at one auscultation site, with exact timed events.
import type { HeartSite, TimedEvent } from '../clinical/schema';
import { addNoiseFloor, dbToGain } from './dsp';
import { clipEvents } from './events';
import { beatSchedule, respiratoryPhases, type Beat, type Rhythm, type S2SplitMode } from './heartTiming';
import {
  renderExtraSounds,
  renderValveSounds,
  rubNoise,
  s1EndS,
  s2EndS,
  s2StartS,
  type ExtraSounds,
} from './heartSounds';
import { S1_COMPONENT_RMS, murmurTexture, renderMurmur, type Grade, type MurmurLesion } from './murmur';
import { RandomStream } from './prng';
import { validateHeart } from './validate';

export interface HeartOptions {
  seed: number;
  durationS: number;
  sampleRateHz: number;
  site?: HeartSite;
  /** Mean heart rate; default 72. */
  heartRateBpm?: number;
  /** RR standard deviation as a fraction of the mean RR (sinus rhythm); default 0.03. */
  hrvFraction?: number;
  /** Drives the S2 split and respiratory sinus arrhythmia; default 15. */
  respiratoryRateBpm?: number;
  s2Split?: S2SplitMode;
  rhythm?: Rhythm;
  extrasystoleProbability?: number;
  murmur?: { lesion: MurmurLesion; grade: Grade };
  extra?: Partial<ExtraSounds>;
  /** Body and sensor noise floor relative to the RMS of a full-strength S1 component (dB); default −35. */
  noiseFloorDb?: number;
}

export interface HeartResult {
  samples: Float32Array;
  sampleRateHz: number;
  /** Cardiac events (S1, systole, S2, diastole, murmurs, extra sounds, extrasystoles), sorted by start. */
  events: TimedEvent[];
  /** The respiration that modulated the split (not audible in a heart recording, kept for checks). */
  respiration: TimedEvent[];
  beats: Beat[];
}

const NO_EXTRA: ExtraSounds = {
  s3: false,
  s4: false,
  ejectionClick: false,
  midSystolicClick: false,
  openingSnap: false,
  pericardialRub: false,
};

/** An abnormal split is labeled on the S2s where A2 and P2 are audibly apart (≥ 30 ms). */
export const AUDIBLE_SPLIT_S = 0.03;

function cycleEvents(beats: Beat[], durationS: number, labelSplit: boolean): TimedEvent[] {
  const ev: TimedEvent[] = [];
  beats.forEach((b, i) => {
    const next = beats[i + 1]?.s1S ?? durationS;
    ev.push({ type: 'S1', startS: b.s1S, endS: s1EndS(b) });
    ev.push({ type: 'systole', startS: s1EndS(b), endS: s2StartS(b) });
    ev.push({ type: 'S2', startS: s2StartS(b), endS: s2EndS(b) });
    ev.push({ type: 'diastole', startS: s2EndS(b), endS: next });
    if (b.premature) ev.push({ type: 'irregular-rhythm', startS: b.s1S, endS: s2EndS(b) });
    if (labelSplit && Math.abs(b.p2S - b.a2S) >= AUDIBLE_SPLIT_S)
      ev.push({ type: 'split-s2', startS: s2StartS(b), endS: s2EndS(b) });
  });
  return ev;
}

export function synthesizeHeart(o: HeartOptions): HeartResult {
  validateHeart(o);
  const rng = new RandomStream(o.seed, 'heart');
  const rateHz = o.sampleRateHz;
  const n = Math.round(o.durationS * rateHz);
  const site = o.site ?? 'MV';
  const hr = o.heartRateBpm ?? 72;
  const resp = o.respiratoryRateBpm ?? 15;
  const rhythm = o.rhythm ?? 'sinus';
  // Render past the end so that the last beat's murmur and diastole are complete, then cut.
  const beats = beatSchedule(rng.fork('beats'), {
    durationS: o.durationS + 2,
    heartRateBpm: hr,
    hrvFraction: o.hrvFraction ?? 0.03,
    respiratoryRateBpm: resp,
    s2Split: o.s2Split ?? 'normal',
    rhythm,
    extrasystoleProbability: o.extrasystoleProbability ?? 0,
  });
  const out = new Float32Array(n);
  const meanRr = 60 / hr;
  const nextS1 = (i: number): number => beats[i + 1]?.s1S ?? beats[i].s1S + meanRr;
  // Atrial fibrillation has no atrial contraction, hence no S4.
  const extra: ExtraSounds = { ...NO_EXTRA, ...o.extra, s4: (o.extra?.s4 ?? false) && rhythm === 'sinus' };
  const rub = extra.pericardialRub ? rubNoise(rng.fork('rub'), n, rateHz) : null;
  const events: TimedEvent[] = [];
  const jitter = rng.fork('jitter');
  beats.forEach((b, i) => {
    renderValveSounds(out, rateHz, b, meanRr, site, jitter);
    events.push(...renderExtraSounds(out, rateHz, b, nextS1(i), site, extra, rub));
  });
  if (o.murmur) {
    const noise = murmurTexture(rng.fork('murmur'), o.murmur.lesion, n, rateHz);
    events.push(...renderMurmur(out, rateHz, beats, nextS1, o.murmur.lesion, o.murmur.grade, site, noise));
  }
  addNoiseFloor(out, rng.fork('floor'), 20, 400, rateHz, S1_COMPONENT_RMS * dbToGain(o.noiseFloorDb ?? -35));
  events.push(...cycleEvents(beats, o.durationS + 2, (o.s2Split ?? 'normal') !== 'normal'));
  const respiration = clipEvents(respiratoryPhases(o.durationS, resp), o.durationS);
  return {
    samples: out,
    sampleRateHz: rateHz,
    events: clipEvents(events, o.durationS),
    respiration,
    beats: beats.filter((b) => b.s1S < o.durationS),
  };
}
