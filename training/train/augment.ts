// Audio augmentation in the log-mel domain (cheap, applied to cached features): time shift (random crop with
// tiling), additive noise (power-domain sum with coloured noise), and device/filter responses (smooth spectral tilt).
// Gain needs no augmentation: the encoder's instance norm removes it exactly.
import type { LogMel } from '../../src/core/features/logmel';

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
