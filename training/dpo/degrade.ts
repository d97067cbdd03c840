// Audio degradations for robustness evaluation (eval --degrade): white noise at a set SNR, band-limiting to 1 kHz, a
// 30% time crop, and a random stethoscope or phone-microphone response (band-pass, tilt, resonances). Pure DSP on mono PCM, deterministic per key (item id + recording index) so reruns match.
import { bandPass, biquadInPlace } from '../../src/core/audio/filters';
import { FEATURE_CONFIG } from '../../src/core/features/config';
import { hashString } from '../../src/core/random';
import { gaussian, mulberry32 } from '../model/params';

export type Degradation =
  | { kind: 'noise'; snrDb: number }
  | { kind: 'lowpass'; cutoffHz: number }
  | { kind: 'crop'; removeFraction: number }
  | { kind: 'device' };

export const DEGRADATIONS: Readonly<Record<string, Degradation>> = {
  noise20: { kind: 'noise', snrDb: 20 },
  noise10: { kind: 'noise', snrDb: 10 },
  noise5: { kind: 'noise', snrDb: 5 },
  lowpass1k: { kind: 'lowpass', cutoffHz: 1000 },
  crop30: { kind: 'crop', removeFraction: 0.3 },
  device: { kind: 'device' },
};

export function degradationByName(name: string): Degradation {
  const d = DEGRADATIONS[name];
  if (!d) throw new Error(`unknown degradation '${name}' (known: ${Object.keys(DEGRADATIONS).join(', ')})`);
  return d;
}

/** Adds white Gaussian noise scaled so that 10·log10(Σx² / Σn²) is exactly `snrDb` over this recording. */
export function addNoise(x: Float32Array, snrDb: number, seed: number): Float32Array {
  const g = gaussian(mulberry32(seed));
  const noise = Float64Array.from({ length: x.length }, () => g());
  let px = 0;
  let pn = 0;
  for (let i = 0; i < x.length; i++) {
    px += x[i] * x[i];
    pn += noise[i] * noise[i];
  }
  const scale = pn > 0 && px > 0 ? Math.sqrt(px / pn / 10 ** (snrDb / 10)) : 0;
  return Float32Array.from(x, (v, i) => v + scale * noise[i]);
}

/** Band-limits to `cutoffHz`: two 4th-order Butterworth low-pass cascades (48 dB/octave), 20 Hz high-pass as the app. */
export function lowPass(x: Float32Array, sampleRateHz: number, cutoffHz: number): Float32Array {
  return bandPass(bandPass(x, sampleRateHz, 20, cutoffHz), sampleRateHz, 20, cutoffHz);
}

/** Removes `removeFraction` of the recording: keeps one contiguous part at a seeded offset. */
export function timeCrop(x: Float32Array, removeFraction: number, seed: number): Float32Array {
  const keep = Math.max(1, Math.round(x.length * (1 - removeFraction)));
  const start = Math.floor(mulberry32(seed)() * (x.length - keep + 1));
  return x.slice(start, start + keep);
}

/** RBJ peaking biquad (gain `gainDb` at `f0`, quality `q`) run over `x` in place. */
function peaking(x: Float32Array, sampleRateHz: number, f0: number, gainDb: number, q: number): void {
  const A = 10 ** (gainDb / 40);
  const w0 = (2 * Math.PI * f0) / sampleRateHz;
  const alpha = Math.sin(w0) / (2 * q);
  const a0 = 1 + alpha / A;
  biquadInPlace(x, {
    b0: (1 + alpha * A) / a0,
    b1: (-2 * Math.cos(w0)) / a0,
    b2: (1 - alpha * A) / a0,
    a1: (-2 * Math.cos(w0)) / a0,
    a2: (1 - alpha / A) / a0,
  });
}

/** The random stethoscope or phone-microphone response `device` applies, drawn from the seed. */
export interface DeviceDraw {
  lowHz: number;
  highHz: number;
  /** Broad spectral tilt: a low-Q peak at 150 Hz (negative gain: a diaphragm or phone losing the lows). */
  tiltDb: number;
  resonances: { hz: number; gainDb: number; q: number }[];
}

/**
 * A random device: band-pass 50–250 Hz to 500–2000 Hz (4th-order Butterworth edges), a ±6 dB tilt and two resonances of
 * ±3–9 dB between 100 and 1500 Hz; the output keeps the input's RMS (gain is not the point).
 */
export function deviceResponse(
  x: Float32Array,
  sampleRateHz: number,
  seed: number,
): { samples: Float32Array; draw: DeviceDraw } {
  const r = mulberry32(seed);
  const sign = () => (r() < 0.5 ? -1 : 1);
  const draw: DeviceDraw = {
    lowHz: 50 + r() * 200,
    highHz: 500 + r() * 1500,
    tiltDb: (r() * 2 - 1) * 6,
    resonances: [0, 1].map(() => ({ hz: 100 + r() * 1400, gainDb: sign() * (3 + r() * 6), q: 1 + r() * 3 })),
  };
  const y = bandPass(x, sampleRateHz, draw.lowHz, Math.min(draw.highHz, 0.45 * sampleRateHz));
  peaking(y, sampleRateHz, 150, draw.tiltDb, 0.4);
  for (const p of draw.resonances)
    if (p.hz < 0.45 * sampleRateHz) peaking(y, sampleRateHz, p.hz, p.gainDb, p.q);
  const rms = (v: Float32Array) => Math.sqrt(v.reduce((s, a) => s + a * a, 0) / Math.max(1, v.length));
  const g = rms(y) > 0 ? rms(x) / rms(y) : 1;
  for (let i = 0; i < y.length; i++) y[i] *= g;
  return { samples: y, draw };
}

/** Applies `d` to one recording; `key` (e.g. "<item id>/<recording index>") fixes the randomness. */
export function degrade(x: Float32Array, sampleRateHz: number, d: Degradation, key: string): Float32Array {
  const seed = hashString(key); // the per-recording seed
  switch (d.kind) {
    case 'noise':
      return addNoise(x, d.snrDb, seed);
    case 'lowpass':
      return lowPass(x, sampleRateHz, d.cutoffHz);
    case 'crop':
      return timeCrop(x, d.removeFraction, seed);
    case 'device':
      return deviceResponse(x, sampleRateHz, seed).samples;
  }
}

/** eval --degrade <name>: degrades each recording of an item, keyed by item id and recording index. */
export function degradeItems(
  name: string,
  sampleRateHz = FEATURE_CONFIG.sampleRateHz,
): (item: { id: string }, audio: Float32Array[]) => Float32Array[] {
  const d = degradationByName(name);
  return (item, audio) => audio.map((x, i) => degrade(x, sampleRateHz, d, `${item.id}/${i}`));
}
