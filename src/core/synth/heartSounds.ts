// Transient heart sounds rendered per beat (S1 = M1+T1, S2 = A2+P2, S3, S4, clicks, opening snap,
// pericardial rub) and how loud each cardiac source is at each auscultation site.
import type { HeartSite, TimedEvent } from '../clinical/schema';
import { addChirp, addShapedNoise, bandNoise, dbToGain, type ChirpSpec } from './dsp';
import type { Beat } from './heartTiming';
import type { RandomStream } from './prng';

/** Where a sound or murmur originates; its loudness at each site follows from that. */
export type CardiacSource = 'mitral' | 'tricuspid' | 'aortic' | 'pulmonic' | 'septal' | 'ductus';

/**
 * Attenuation (dB) of each source at each site: 0 dB at the classic area of the source, radiation as
 * described in Bates' Guide and Constant's Bedside Cardiology (aortic radiates to the apex, septal
 * defects are loudest at the lower left sternal border = TV area, a PDA below the left clavicle ≈ PV).
 */
export const SITE_ATTENUATION_DB: Record<HeartSite, Record<CardiacSource, number>> = {
  AV: { aortic: 0, pulmonic: -6, mitral: -9, tricuspid: -10, septal: -6, ductus: -6 },
  PV: { aortic: -4, pulmonic: 0, mitral: -10, tricuspid: -7, septal: -4, ductus: 0 },
  TV: { aortic: -8, pulmonic: -6, mitral: -6, tricuspid: 0, septal: 0, ductus: -8 },
  MV: { aortic: -5, pulmonic: -12, mitral: 0, tricuspid: -6, septal: -4, ductus: -10 },
  Phc: { aortic: -10, pulmonic: -10, mitral: -10, tricuspid: -10, septal: -10, ductus: -10 },
};

export function siteGain(site: HeartSite, source: CardiacSource, spread = 1): number {
  return dbToGain(SITE_ATTENUATION_DB[site][source] * spread);
}

/** Component shapes: duration and linear frequency sweep (decreasing chirps after Xu, Durand & Pibarot 2000). */
export const COMPONENTS = {
  M1: { durationS: 0.045, f0Hz: 60, f1Hz: 40 },
  T1: { durationS: 0.04, f0Hz: 55, f1Hz: 38 },
  A2: { durationS: 0.035, f0Hz: 120, f1Hz: 55 },
  P2: { durationS: 0.035, f0Hz: 100, f1Hz: 45 },
  S3: { durationS: 0.045, f0Hz: 40, f1Hz: 25 },
  S4: { durationS: 0.04, f0Hz: 35, f1Hz: 22 },
  click: { durationS: 0.014, f0Hz: 220, f1Hz: 150 },
  snap: { durationS: 0.02, f0Hz: 170, f1Hz: 100 },
} as const;

/** M1-to-T1 delay (normal S1 split 20–30 ms) and onset delays of the extra sounds. */
export const T1_DELAY_S = 0.025;
export const EJECTION_CLICK_DELAY_S = 0.07;
export const S3_DELAY_S = 0.14;
export const S4_LEAD_S = 0.09;
export const OPENING_SNAP_DELAY_S = 0.08;
export const MID_SYSTOLIC_CLICK_FRACTION = 0.55;

export interface ExtraSounds {
  s3: boolean;
  s4: boolean;
  ejectionClick: boolean;
  midSystolicClick: boolean;
  openingSnap: boolean;
  pericardialRub: boolean;
}

export function s1EndS(b: Beat): number {
  return b.s1S + T1_DELAY_S + COMPONENTS.T1.durationS;
}
export function s2StartS(b: Beat): number {
  return Math.min(b.a2S, b.p2S);
}
export function s2EndS(b: Beat): number {
  return Math.max(b.a2S + COMPONENTS.A2.durationS, b.p2S + COMPONENTS.P2.durationS);
}
export function midSystolicClickS(b: Beat): number {
  return b.s1S + MID_SYSTOLIC_CLICK_FRACTION * (b.a2S - b.s1S);
}

type Component = keyof typeof COMPONENTS;
/** Beat-to-beat variation of component amplitude and frequency (fraction); a model choice. */
export const COMPONENT_JITTER = 0.08;

function add(
  out: Float32Array,
  rateHz: number,
  kind: Component,
  startS: number,
  amp: number,
  rng?: RandomStream,
): void {
  const j = (): number => (rng ? 1 + rng.uniform(-COMPONENT_JITTER, COMPONENT_JITTER) : 1);
  const c = COMPONENTS[kind];
  const f = j();
  const spec: ChirpSpec = {
    durationS: c.durationS,
    f0Hz: c.f0Hz * f,
    f1Hz: c.f1Hz * f,
    startS,
    amp: amp * j(),
    phase: rng ? rng.uniform(-0.5, 0.5) : 0,
  };
  addChirp(out, rateHz, spec);
}

/** Renders S1 and S2 of one beat. S1 is louder after a short RR (less filling); extrasystoles have a weak S2. */
export function renderValveSounds(
  out: Float32Array,
  rateHz: number,
  b: Beat,
  meanRrS: number,
  site: HeartSite,
  rng: RandomStream,
): void {
  const s1Gain = Math.min(1.4, Math.max(0.6, Math.pow(meanRrS / b.rrS, 0.6)));
  const s2Gain = b.premature ? 0.5 : 1;
  add(out, rateHz, 'M1', b.s1S, s1Gain * siteGain(site, 'mitral'), rng);
  add(out, rateHz, 'T1', b.s1S + T1_DELAY_S, 0.6 * s1Gain * siteGain(site, 'tricuspid'), rng);
  // A2 is widely transmitted (half the attenuation); P2 is usually heard only at the pulmonic area.
  add(out, rateHz, 'A2', b.a2S, 0.8 * s2Gain * siteGain(site, 'aortic', 0.5), rng);
  add(out, rateHz, 'P2', b.p2S, 0.6 * s2Gain * siteGain(site, 'pulmonic'), rng);
}

/** Renders the optional extra sounds of one beat and returns their events. */
export function renderExtraSounds(
  out: Float32Array,
  rateHz: number,
  b: Beat,
  nextS1S: number,
  site: HeartSite,
  x: ExtraSounds,
  rubNoise: Float32Array | null,
): TimedEvent[] {
  const ev: TimedEvent[] = [];
  const put = (kind: Component, type: TimedEvent['type'], t: number, amp: number): void => {
    add(out, rateHz, kind, t, amp);
    ev.push({ type, startS: t, endS: t + COMPONENTS[kind].durationS });
  };
  if (x.ejectionClick)
    put('click', 'ejection-click', b.s1S + EJECTION_CLICK_DELAY_S, 0.6 * siteGain(site, 'aortic', 0.5));
  if (x.midSystolicClick)
    put('click', 'mid-systolic-click', midSystolicClickS(b), 0.6 * siteGain(site, 'mitral'));
  if (x.openingSnap)
    put('snap', 'opening-snap', b.a2S + OPENING_SNAP_DELAY_S, 0.55 * siteGain(site, 'mitral', 0.5));
  if (x.s3) put('S3', 's3', b.a2S + S3_DELAY_S, 0.4 * siteGain(site, 'mitral'));
  if (x.s4) put('S4', 's4', nextS1S - S4_LEAD_S, 0.35 * siteGain(site, 'mitral'));
  if (x.pericardialRub && rubNoise) ev.push(...renderRub(out, rateHz, b, nextS1S, site, rubNoise));
  return ev;
}

/** Pericardial friction rub: three scratchy bursts (ventricular systole, early diastole, atrial systole). */
function renderRub(
  out: Float32Array,
  rateHz: number,
  b: Beat,
  nextS1S: number,
  site: HeartSite,
  noise: Float32Array,
): TimedEvent[] {
  const len = 0.06;
  const starts = [b.s1S + 0.5 * (b.a2S - b.s1S) - len / 2, b.a2S + 0.12, nextS1S - 0.12];
  const amp = 0.3 * siteGain(site, 'septal');
  return starts.map((t) => {
    addShapedNoise(out, noise, rateHz, t, t + len, (u) => amp * Math.sin((Math.PI * u) / len));
    return { type: 'pericardial-rub' as const, startS: t, endS: t + len };
  });
}

/** Pericardial rub band ("scratchy, high-pitched"); a model choice. */
export const PERICARDIAL_RUB_BAND_HZ = [150, 600] as const;
export function rubNoise(rng: RandomStream, n: number, rateHz: number): Float32Array {
  return bandNoise(rng, n, PERICARDIAL_RUB_BAND_HZ[0], PERICARDIAL_RUB_BAND_HZ[1], rateHz);
}
