// The synthesizer's seeded random streams (the core mulberry32, with normals and forks): the same seed gives the same
// recording in Node and in the browser. Math.random is never used.
import { MULBERRY32_STEP, mulberry32Output } from '../random';

/** Mixes a seed and a stream tag into a 32-bit state, so that independent streams do not correlate. */
function hash32(seed: number, tag: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < tag.length; i++) {
    h = Math.imul(h ^ tag.charCodeAt(i), 0x85ebca6b);
    h ^= h >>> 13;
  }
  h = Math.imul(h ^ (h >>> 16), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A forkable stream (the plain `Rng` of src/core/random.ts is a bare function). */
export class RandomStream {
  private state: number;
  private spare: number | null = null;

  constructor(seed: number, tag = '') {
    this.state = hash32(Math.floor(seed) >>> 0, tag);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + MULBERRY32_STEP) >>> 0;
    return mulberry32Output(this.state);
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Standard normal (Box–Muller, caching the second value). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    const u = 1 - this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /**
   * Cheap approximately normal value (Irwin–Hall sum of 4 uniforms, unit variance, |x| ≤ 3.46) for noise
   * that is filtered afterwards anyway; several times faster than normal().
   */
  noise(): number {
    return (this.next() + this.next() + this.next() + this.next() - 2) * 1.7320508075688772;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A child stream: deterministic for (this stream's seed, tag), independent of how much this one was used. */
  fork(tag: string): RandomStream {
    return new RandomStream(this.state, tag);
  }
}
