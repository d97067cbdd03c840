// Deterministic randomness for the bench: a seed (a number, or a string hashed) starts the core PRNG so every item
// renders the same way on every machine; picking and shuffling with it.
import { hashString, mulberry32, type Rng } from '../random';

export type { Rng };

/** A PRNG stream from a number or from a string (hashed). */
export function makeRng(seed: number | string): Rng {
  return mulberry32(typeof seed === 'string' ? hashString(seed) : seed);
}

export function pick<T>(rng: Rng, xs: readonly T[]): T {
  if (xs.length === 0) throw new Error('pick from an empty list');
  return xs[Math.floor(rng() * xs.length)];
}

/** Fisher–Yates shuffle of a copy. */
export function shuffled<T>(rng: Rng, xs: readonly T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
