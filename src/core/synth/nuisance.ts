// Recording nuisances, each optional and labeled: heart sounds under lung sounds, chest-piece friction,
// handling bumps, ambient noise, device frequency responses, gain and clipping.
import type { TimedEvent } from '../clinical/schema';
import { addShapedNoise, bandFilter, bandNoise, dbToGain, rms } from './dsp';
import { synthesizeHeart } from './heart';
import { RandomStream } from './prng';

/**
 * Generic device responses as band limits (Hz). Not measurements of any product: the bell passes lows and
 * rolls off above a few hundred Hz, the diaphragm attenuates lows (Abella, Formolo & Penney 1992), electronic
 * stethoscopes are flatter, phone microphones lose the lows.
 */
export const DEVICE_RESPONSES = {
  ideal: { loHz: 0, hiHz: Infinity },
  'acoustic-bell': { loHz: 20, hiHz: 350 },
  'acoustic-diaphragm': { loHz: 150, hiHz: 1000 },
  electronic: { loHz: 20, hiHz: 1800 },
  'contact-mic': { loHz: 50, hiHz: 800 },
  smartphone: { loHz: 250, hiHz: 3400 },
} as const;
export type DeviceName = keyof typeof DEVICE_RESPONSES;
export const DEVICES = Object.keys(DEVICE_RESPONSES) as DeviceName[];

export interface NuisanceOptions {
  /** Lung recordings only: heart sounds mixed under at this level relative to the lung sound RMS (dB). */
  heartUnderLungDb?: number;
  /** Chest-piece friction bursts per second (broadband scratch, 50–200 ms). */
  frictionPerS?: number;
  /** Number of handling bumps (low-frequency thumps) in the recording. */
  handlingBumps?: number;
  /** Ambient noise at this signal-to-noise ratio (dB). */
  ambientSnrDb?: number;
  device?: DeviceName;
  /** Gain after normalizing the peak to 0.5 (dB); above +6 dB the output clips. */
  gainDb?: number;
  /** Hard clipping at this fraction (0–1) of the recording's peak after gain, e.g. 0.5 flattens the loudest sounds. */
  clipLevel?: number;
}

/** A recording is 'poor-quality' above this clipped fraction or below this SNR (or with any friction/handling). */
export const POOR_QUALITY = { clippedFraction: 0.005, snrDb: 6 } as const;

export interface AppliedNuisances {
  /** Artifacts that spoil the recording (friction, handling), as 'poor-quality' events. */
  artifacts: TimedEvent[];
  /** S1/S2 of the heart sounds under a lung recording. */
  heartEvents: TimedEvent[];
  device: DeviceName;
  clippedFraction: number;
  snrDb: number | null;
  poorQuality: boolean;
}

function addFriction(
  x: Float32Array,
  rateHz: number,
  rng: RandomStream,
  perS: number,
  level: number,
): TimedEvent[] {
  const noise = bandNoise(rng, x.length, 200, 1800, rateHz);
  const ev: TimedEvent[] = [];
  const durS = x.length / rateHz;
  for (let k = 0; k < Math.round(perS * durS); k++) {
    const len = rng.uniform(0.05, 0.2);
    const t = rng.uniform(0, durS - len);
    addShapedNoise(x, noise, rateHz, t, t + len, (u) => level * 3 * Math.sin((Math.PI * u) / len));
    ev.push({ type: 'poor-quality', startS: t, endS: t + len });
  }
  return ev;
}

function addHandling(
  x: Float32Array,
  rateHz: number,
  rng: RandomStream,
  count: number,
  level: number,
): TimedEvent[] {
  const ev: TimedEvent[] = [];
  const durS = x.length / rateHz;
  for (let k = 0; k < count; k++) {
    const len = rng.uniform(0.15, 0.3);
    const t = rng.uniform(0, durS - len);
    const f = rng.uniform(6, 15);
    const a = level * rng.uniform(4, 8);
    const i0 = Math.ceil(t * rateHz);
    for (let i = i0; i < Math.min(x.length, i0 + len * rateHz); i++) {
      const u = i / rateHz - t;
      x[i] += a * Math.exp(-u / (len / 4)) * Math.sin(2 * Math.PI * f * u);
    }
    ev.push({ type: 'poor-quality', startS: t, endS: t + len });
  }
  return ev;
}

function addAmbient(x: Float32Array, rateHz: number, rng: RandomStream, snrDb: number): void {
  const noise = bandNoise(rng, x.length, 20, 600, rateHz, 1);
  const gain = (rms(x) || 1e-3) / dbToGain(snrDb);
  for (let i = 0; i < x.length; i++) x[i] += gain * noise[i];
}

function normalizeGainClip(x: Float32Array, gainDb: number, clipLevel: number): number {
  let peak = 0;
  for (let i = 0; i < x.length; i++) peak = Math.max(peak, Math.abs(x[i]));
  const g = (0.5 / (peak || 1)) * dbToGain(gainDb);
  // The clipping level is relative to the peak after gain; the converter also saturates at full scale (±1).
  const limit = Math.min(1, clipLevel * 0.5 * dbToGain(gainDb));
  let clipped = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] * g;
    if (Math.abs(v) > limit) clipped++;
    x[i] = Math.max(-limit, Math.min(limit, v));
  }
  return clipped / Math.max(1, x.length);
}

/** Applies the nuisances in recording order (body → chest piece → room → device → gain → converter). */
export function applyNuisances(
  x: Float32Array,
  rateHz: number,
  seed: number,
  domain: 'heart' | 'lung',
  o: NuisanceOptions,
): AppliedNuisances {
  const rng = new RandomStream(seed, 'nuisance');
  const level = rms(x) || 1e-3;
  let heartEvents: TimedEvent[] = [];
  if (domain === 'lung' && o.heartUnderLungDb !== undefined) {
    const h = synthesizeHeart({ seed, durationS: x.length / rateHz, sampleRateHz: rateHz, site: 'Phc' });
    const g = (level * dbToGain(o.heartUnderLungDb)) / (rms(h.samples) || 1);
    for (let i = 0; i < x.length; i++) x[i] += g * h.samples[i];
    heartEvents = h.events.filter((e) => e.type === 'S1' || e.type === 'S2');
  }
  const artifacts = [
    ...(o.frictionPerS ? addFriction(x, rateHz, rng.fork('friction'), o.frictionPerS, level) : []),
    ...(o.handlingBumps ? addHandling(x, rateHz, rng.fork('handling'), o.handlingBumps, level) : []),
  ].sort((a, b) => a.startS - b.startS);
  if (o.ambientSnrDb !== undefined) addAmbient(x, rateHz, rng.fork('ambient'), o.ambientSnrDb);
  const device = o.device ?? 'ideal';
  const resp = DEVICE_RESPONSES[device];
  if (device !== 'ideal') bandFilter(x, resp.loHz, Math.min(resp.hiHz, rateHz / 2), rateHz, 2);
  const clippedFraction = normalizeGainClip(x, o.gainDb ?? 0, o.clipLevel ?? 1);
  const snrDb = o.ambientSnrDb ?? null;
  const poorQuality =
    artifacts.length > 0 ||
    clippedFraction > POOR_QUALITY.clippedFraction ||
    (snrDb !== null && snrDb < POOR_QUALITY.snrDb);
  return { artifacts, heartEvents, device, clippedFraction, snrDb, poorQuality };
}
