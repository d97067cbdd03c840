// Chunk concatenation and mono mixing.
import { describe, expect, it } from 'vitest';
import { concatChunks, mixToMono } from './pcm';

describe('pcm helpers', () => {
  it('concatenates chunks in order', () => {
    const out = concatChunks([Float32Array.of(1, 2), Float32Array.of(), Float32Array.of(3)]);
    expect(Array.from(out)).toEqual([1, 2, 3]);
  });
  it('mixes channels to mono by averaging, truncating to the shortest', () => {
    expect(Array.from(mixToMono([Float32Array.of(1, 0, 1), Float32Array.of(0, 0)]))).toEqual([0.5, 0]);
    expect(mixToMono([]).length).toBe(0);
  });
});
