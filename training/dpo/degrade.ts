// Audio degradations for robustness evaluation (eval --degrade): white noise at a set SNR, band-limiting to 1 kHz, and
// a 30% time crop. Pure DSP on mono PCM, deterministic per key (item id + recording index) so reruns match.
import { bandPass } from '../../src/core/audio/filters';
import { FEATURE_CONFIG } from '../../src/core/features/config';
import { gaussian, mulberry32 } from '../model/params';

export type Degradation =
  | { kind: 'noise'; snrDb: number }
  | { kind: 'lowpass'; cutoffHz: number }
  | { kind: 'crop'; removeFraction: number };

export const DEGRADATIONS: Readonly<Record<string, Degradation>> = {
  noise20: { kind: 'noise', snrDb: 20 },
  noise10: { kind: 'noise', snrDb: 10 },
  noise5: { kind: 'noise', snrDb: 5 },
  lowpass1k: { kind: 'lowpass', cutoffHz: 1000 },
  crop30: { kind: 'crop', removeFraction: 0.3 },
};

export function degradationByName(name: string): Degradation {
  const d = DEGRADATIONS[name];
  if (!d) throw new Error(`unknown degradation '${name}' (known: ${Object.keys(DEGRADATIONS).join(', ')})`);
  return d;
}

/** 32-bit FNV-1a of a string: the per-recording seed. */
export function hashSeed(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return h;
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

/** Applies `d` to one recording; `key` (e.g. "<item id>/<recording index>") fixes the randomness. */
export function degrade(x: Float32Array, sampleRateHz: number, d: Degradation, key: string): Float32Array {
  const seed = hashSeed(key);
  switch (d.kind) {
    case 'noise':
      return addNoise(x, d.snrDb, seed);
    case 'lowpass':
      return lowPass(x, sampleRateHz, d.cutoffHz);
    case 'crop':
      return timeCrop(x, d.removeFraction, seed);
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
