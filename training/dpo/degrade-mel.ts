// Strong corruptions of a cached log-mel window for the mDPO audio-conditioned term: a short time crop, frequency
// masks, loud noise, or band-limiting to 1 kHz. The point is a copy that no longer supports the chosen answer.
import { FEATURE_CONFIG } from '../../src/core/features/config';
import type { Rand } from '../train/augment';

const hzToMel = (f: number) => 2595 * Math.log10(1 + f / 700);

/** Index of the first mel band whose centre lies above `hz` (HTK scale, FEATURE_CONFIG's range). */
export function melBandAbove(hz: number, nMels = FEATURE_CONFIG.nMels): number {
  const lo = hzToMel(FEATURE_CONFIG.fMinHz);
  const hi = hzToMel(FEATURE_CONFIG.fMaxHz);
  const centre = (i: number) => lo + ((i + 1) * (hi - lo)) / (nMels + 1);
  let i = 0;
  while (i < nMels && centre(i) <= hzToMel(hz)) i++;
  return i;
}

export const MEL_CORRUPTIONS = ['crop', 'freq-mask', 'noise', 'lowpass'] as const;
export type MelCorruption = (typeof MEL_CORRUPTIONS)[number];

function floorOf(x: Float32Array): number {
  let m = Infinity;
  for (const v of x) m = Math.min(m, v);
  return m;
}

/** Returns a corrupted copy of `x` ([nMels][frames]); `kind` defaults to a random one. */
export function corruptWindow(
  x: Float32Array,
  nMels: number,
  rand: Rand,
  kind?: MelCorruption,
): Float32Array {
  const k = kind ?? MEL_CORRUPTIONS[Math.floor(rand() * MEL_CORRUPTIONS.length)];
  const frames = x.length / nMels;
  const y = new Float32Array(x);
  const floor = floorOf(x);
  const fill = (mel0: number, mel1: number, t0: number, t1: number) => {
    for (let m = mel0; m < mel1; m++) y.fill(floor, m * frames + t0, m * frames + t1);
  };
  if (k === 'crop') {
    // Keep a random 20% of the frames, silence the rest.
    const keep = Math.round(frames * 0.2);
    const start = Math.floor(rand() * (frames - keep));
    fill(0, nMels, 0, start);
    fill(0, nMels, start + keep, frames);
  } else if (k === 'freq-mask') {
    for (let i = 0; i < 3; i++) {
      const width = Math.round(nMels * (0.15 + 0.1 * rand()));
      const at = Math.floor(rand() * (nMels - width));
      fill(at, at + width, 0, frames);
    }
  } else if (k === 'lowpass') fill(melBandAbove(1000, nMels), nMels, 0, frames);
  else {
    // Noise 1 neper above the window's mean log power: power-domain sum, exponential draws.
    const level = x.reduce((a, v) => a + v, 0) / x.length + 1;
    for (let i = 0; i < y.length; i++) {
      const n = level + Math.log(-Math.log(rand() + 1e-9) + 1e-9);
      const hi = Math.max(y[i], n);
      y[i] = hi + Math.log1p(Math.exp(Math.min(y[i], n) - hi));
    }
  }
  return y;
}
