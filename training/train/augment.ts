// Audio augmentation in the log-mel domain (cheap, applied to cached features): time shift (random crop with
// tiling) and stretch, additive noise (power-domain sums with coloured noise, synthesized nuisances and recordings'
// own backgrounds), device and filter responses (smooth spectral tilt, band limits), clipping, and gain (which the
// encoder's normalisation removes exactly).
import { FEATURE_CONFIG, type FeatureConfig } from '../../src/core/features/config';
import { hzToMel, logMel, melToHz, type LogMel } from '../../src/core/features/logmel';
import { applyNuisances } from '../../src/core/synth/nuisance';
import { mulberry32 } from '../model/params';

export type Rand = () => number;

/** A crop of `frames` frames starting at `start`, tiling the recording when it is shorter (as featureWindows does). */
export function crop(m: LogMel, start: number, frames: number): Float32Array {
  const out = new Float32Array(m.nMels * frames);
  for (let mel = 0; mel < m.nMels; mel++) {
    const row = mel * m.nFrames;
    for (let j = 0; j < frames; j++) out[mel * frames + j] = m.data[row + ((start + j) % m.nFrames)];
  }
  return out;
}

/** Random crop start: anywhere in the cached frames. */
export function randomStart(m: LogMel, rand: Rand): number {
  return Math.floor(rand() * m.nFrames);
}

/** ln(e^a + e^b) without overflow. */
function logAddExp(a: number, b: number): number {
  const hi = Math.max(a, b);
  return hi + Math.log1p(Math.exp(Math.min(a, b) - hi));
}

/**
 * Adds noise at a random SNR (relative to the window's mean log power) with a random spectral slope, and a
 * smooth random tilt/bump filter. `x` is [nMels][frames], modified in place.
 */
export function augmentWindow(x: Float32Array, nMels: number, rand: Rand, p: number): void {
  const frames = x.length / nMels;
  if (rand() < p) {
    let mean = 0;
    for (let i = 0; i < x.length; i++) mean += x[i];
    mean /= x.length;
    const level = mean - 1 - rand() * 5; // noise 1..6 nepers below the mean log power
    const slope = (rand() - 0.5) * 2;
    for (let mel = 0; mel < nMels; mel++) {
      const lvl = level + (slope * (mel - nMels / 2)) / nMels;
      for (let t = 0; t < frames; t++) {
        const jitter = Math.log(-Math.log(rand() + 1e-9) + 1e-9); // log of an exponential draw: power-domain noise
        x[mel * frames + t] = logAddExp(x[mel * frames + t], lvl + jitter);
      }
    }
  }
  if (rand() < p) {
    const tilt = (rand() - 0.5) * 2;
    const centre = rand() * nMels;
    const bump = (rand() - 0.5) * 2;
    const width = 4 + rand() * 12;
    for (let mel = 0; mel < nMels; mel++) {
      const g = (tilt * (mel - nMels / 2)) / nMels + bump * Math.exp(-(((mel - centre) / width) ** 2));
      for (let t = 0; t < frames; t++) x[mel * frames + t] += g;
    }
  }
}

// --- Channel and device augmentation (config augBand, augNoise, augStretch, augClip) ---------------------------------

/** Nepers of power per decibel: a log-mel value changes by snrDb · NEPERS_PER_DB for a power ratio of snrDb dB. */
export const NEPERS_PER_DB = Math.LN10 / 10;

/** Centre frequency of each mel band (Hz), as src/core/features/logmel.ts places its triangles. */
export function melCentresHz(cfg: FeatureConfig = FEATURE_CONFIG): Float64Array {
  const lo = hzToMel(cfg.fMinHz);
  const step = (hzToMel(cfg.fMaxHz) - lo) / (cfg.nMels + 1);
  return Float64Array.from({ length: cfg.nMels }, (_, m) => melToHz(lo + (m + 1) * step));
}

/**
 * A device's band limits in the log-mel domain: bands above `hiHz` fall by `slope` nepers per octave (48 dB/octave as
 * a 2 kHz recorder's anti-alias filter, capped at `depth`), bands below `loHz` by 12 dB/octave (a diaphragm or phone
 * microphone losing the lows). `x` is [nMels][frames], modified in place.
 */
export function bandLimit(
  x: Float32Array,
  nMels: number,
  loHz: number,
  hiHz: number,
  depth = 25,
  hiDbPerOctave = 48,
): void {
  const frames = x.length / nMels;
  const centres = melCentresHz();
  const hiSlope = hiDbPerOctave * NEPERS_PER_DB;
  const loSlope = 12 * NEPERS_PER_DB;
  for (let mel = 0; mel < nMels; mel++) {
    const f = centres[mel];
    let att = 0;
    if (f > hiHz) att += Math.min(depth, hiSlope * Math.log2(f / hiHz));
    if (loHz > 0 && f < loHz) att += Math.min(depth, loSlope * Math.log2(loHz / f));
    if (att > 0) for (let t = 0; t < frames; t++) x[mel * frames + t] -= att;
  }
}

/** Total power of a log-mel window (sum of e^x). */
function totalPower(x: Float32Array): number {
  let p = 0;
  for (let i = 0; i < x.length; i++) p += Math.exp(x[i]);
  return p;
}

/**
 * Adds a noise bed (same shape as `x`, log-mel) scaled so that the window's signal-to-noise power ratio is `snrDb`:
 * x = ln(e^x + e^(bed + offset)). Modifies `x` in place and returns the offset applied to the bed (nepers).
 */
export function addNoiseBed(x: Float32Array, bed: Float32Array, snrDb: number): number {
  if (bed.length !== x.length) throw new Error(`noise bed has ${bed.length} values, the window ${x.length}`);
  const offset = Math.log(totalPower(x) / totalPower(bed)) - snrDb * NEPERS_PER_DB;
  for (let i = 0; i < x.length; i++) x[i] = logAddExp(x[i], bed[i] + offset);
  return offset;
}

/**
 * A background bed of `frames` frames from a recording's quietest quarter of frames (between heart sounds, pauses in
 * breathing): runs of 4 frames from random quiet starts, so the bed keeps the recording's own noise texture.
 */
export function quietBed(m: LogMel, frames: number, rand: Rand): Float32Array {
  const energy = Float64Array.from({ length: m.nFrames }, (_, t) => {
    let e = 0;
    for (let mel = 0; mel < m.nMels; mel++) e += m.data[mel * m.nFrames + t];
    return e;
  });
  const order = Array.from(energy.keys()).sort((a, b) => energy[a] - energy[b]);
  const quiet = order.slice(0, Math.max(1, Math.floor(m.nFrames / 4)));
  const isQuiet = new Uint8Array(m.nFrames);
  for (const t of quiet) isQuiet[t] = 1;
  const out = new Float32Array(m.nMels * frames);
  for (let j = 0; j < frames; j += 4) {
    const s = quiet[Math.floor(rand() * quiet.length)];
    for (let k = 0; k < 4 && j + k < frames; k++) {
      const t = s + k < m.nFrames && isQuiet[s + k] ? s + k : s; // a run stops at the first loud frame
      for (let mel = 0; mel < m.nMels; mel++) out[mel * frames + j + k] = m.data[mel * m.nFrames + t];
    }
  }
  return out;
}

/**
 * A crop read at `rate` input frames per output frame (linear interpolation, tiling as crop() does): rate 1.25 plays
 * the recording 25 % faster, so heart and breathing rates rise by that factor.
 */
export function stretchedCrop(m: LogMel, start: number, frames: number, rate: number): Float32Array {
  const out = new Float32Array(m.nMels * frames);
  for (let j = 0; j < frames; j++) {
    const pos = start + j * rate;
    const i0 = Math.floor(pos);
    const a = pos - i0;
    const t0 = i0 % m.nFrames;
    const t1 = (i0 + 1) % m.nFrames;
    for (let mel = 0; mel < m.nMels; mel++) {
      const row = mel * m.nFrames;
      out[mel * frames + j] = (1 - a) * m.data[row + t0] + a * m.data[row + t1];
    }
  }
  return out;
}

/**
 * Clipping in the log-mel domain: a converter that clips spreads the loudest sounds' energy over every band (odd
 * harmonics and intermodulation). The frames above the `1 − fraction` quantile of frame power get broadband energy
 * `belowNepers` under their mean band power. Modifies `x` in place; returns how many frames were clipped.
 */
export function clipLoudest(x: Float32Array, nMels: number, fraction: number, belowNepers: number): number {
  const frames = x.length / nMels;
  const power = Float64Array.from({ length: frames }, (_, t) => {
    let p = 0;
    for (let mel = 0; mel < nMels; mel++) p += Math.exp(x[mel * frames + t]);
    return p / nMels;
  });
  const threshold = [...power].sort((a, b) => a - b)[
    Math.min(frames - 1, Math.floor((1 - fraction) * frames))
  ];
  let clipped = 0;
  for (let t = 0; t < frames; t++) {
    if (power[t] < threshold) continue;
    clipped++;
    const level = Math.log(power[t]) - belowNepers;
    for (let mel = 0; mel < nMels; mel++) x[mel * frames + t] = logAddExp(x[mel * frames + t], level);
  }
  return clipped;
}

/** Log-mel clips of synthesized room, friction and handling noise (src/core/synth/nuisance.ts), `frames` long each. */
export function synthNoiseBank(count: number, frames: number, seed: number): LogMel[] {
  const { sampleRateHz, hopSamples, windowSamples } = FEATURE_CONFIG;
  const n = (frames - 1) * hopSamples + windowSamples;
  const rand = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => {
    const x = new Float32Array(n);
    applyNuisances(x, sampleRateHz, seed + i, i % 2 ? 'lung' : 'heart', {
      frictionPerS: rand() * 2,
      handlingBumps: Math.floor(rand() * 4),
      ambientSnrDb: rand() * 10 - 5,
    });
    return logMel(x);
  });
}

/**
 * A stethoscope bell's response: a low-pass at `cornerHz` falling 18 dB per octave, down to 30 dB (the diaphragm's
 * and the extended mode's high band, nearly gone), and a tilt that lifts the lows below the corner by up to 6 dB.
 */
export function bellMode(x: Float32Array, nMels: number, cornerHz: number, lift: number): void {
  bandLimit(x, nMels, 0, cornerHz, 30 * NEPERS_PER_DB, 18);
  const frames = x.length / nMels;
  const centres = melCentresHz();
  for (let mel = 0; mel < nMels; mel++) {
    const f = centres[mel];
    if (f >= cornerHz) continue;
    const g = lift * 6 * NEPERS_PER_DB * Math.min(1, Math.log2(cornerHz / f) / 3);
    for (let t = 0; t < frames; t++) x[mel * frames + t] += g;
  }
}

/**
 * The channel and device augmentations' probabilities per crop (TrainConfig augBand, augBell, augNoise, augStretch,
 * augClip).
 */
export interface ChannelAugment {
  augment: number;
  augBand: number;
  augBell?: number;
  augNoise: number;
  augStretch: number;
  augClip: number;
}

/** Where noise beds come from: synthesized nuisance clips and other training recordings. */
export interface NoiseSources {
  bank: LogMel[];
  other(rand: Rand): LogMel;
}

/** An augmented training crop, with where it starts and at what rate it was read (for frame-level targets). */
export interface AugmentedCrop {
  x: Float32Array;
  start: number;
  rate: number;
}

/**
 * The one augmentation chain of pretraining and SFT, in recording order: crop (time shift) and time stretch
 * (physiology) → coloured noise and tilt (augmentWindow) → background noise at 0–30 dB SNR (room) → band limits
 * (device, sample rate) → clipping (converter) → gain. With `shift` false the crop starts at the recording's start.
 */
export function augmentedCrop(
  m: LogMel,
  frames: number,
  rand: Rand,
  o: ChannelAugment,
  noise: NoiseSources | undefined,
  shift = true,
): AugmentedCrop {
  const rate = rand() < o.augStretch ? Math.exp((rand() * 2 - 1) * Math.log(1.25)) : 1;
  const start = shift ? randomStart(m, rand) : 0;
  const x = rate === 1 ? crop(m, start, frames) : stretchedCrop(m, start, frames, rate);
  augmentWindow(x, m.nMels, rand, o.augment);
  if (noise && rand() < o.augNoise) {
    const own = rand() < 0.5;
    const src = own ? noise.other(rand) : noise.bank[Math.floor(rand() * noise.bank.length)];
    const bed = own ? quietBed(src, frames, rand) : crop(src, Math.floor(rand() * src.nFrames), frames);
    addNoiseBed(x, bed, own ? 10 + rand() * 20 : rand() * 30);
  }
  if (rand() < o.augBand) {
    const hi = rand() < 1 / 3 ? 900 + rand() * 100 : 400 + rand() * 1600;
    const lo = rand() < 0.5 ? 20 + rand() * 230 : 0;
    bandLimit(x, m.nMels, lo, hi);
  }
  // Drawn only when enabled, so runs without it keep their random sequence (and resume identically).
  if (o.augBell && rand() < o.augBell) bellMode(x, m.nMels, 150 + rand() * 250, rand());
  if (rand() < o.augClip) clipLoudest(x, m.nMels, 0.02 + rand() * 0.2, 1 + rand() * 3);
  if (o.augBand + o.augNoise + o.augStretch + o.augClip > 0) {
    const gain = (rand() * 2 - 1) * 3;
    for (let i = 0; i < x.length; i++) x[i] += gain;
  }
  return { x, start, rate };
}
