// The one seeded PRNG (mulberry32) and string hash (FNV-1a), both public-domain textbook algorithms: the same seed
// gives the same sequence in Node and in the browser, for the synthesizer, the task renderers and training.

/** A uniform source in [0, 1). */
export type Rng = () => number;

/** mulberry32's state increment: advance the 32-bit state by this, then mix it with `mulberry32Output`. */
export const MULBERRY32_STEP = 0x6d2b79f5;

/** mulberry32's output in [0, 1) for an already advanced 32-bit state. */
export function mulberry32Output(state: number): number {
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** A mulberry32 stream from a 32-bit seed. */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + MULBERRY32_STEP) >>> 0;
    return mulberry32Output(state);
  };
}

/** 32-bit FNV-1a of a string: a seed from a name. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
