// Block-to-chunk grouping keeps every sample, in order, with consecutive sequence numbers; block and chunk lengths.
import { describe, expect, it } from 'vitest';
import { CHUNK_MS, Chunker, framesFor, WORKLET_BLOCK_MS } from './chunker';

describe('Chunker', () => {
  it('emits full chunks as they fill and the remainder on flush', () => {
    const out: [number, number[]][] = [];
    const c = new Chunker(4, (seq, s) => out.push([seq, Array.from(s)]));
    c.push(Float32Array.of(1, 2, 3));
    expect(out).toEqual([]);
    c.push(Float32Array.of(4, 5, 6, 7, 8, 9, 10));
    c.flush();
    c.flush();
    expect(out).toEqual([
      [0, [1, 2, 3, 4]],
      [1, [5, 6, 7, 8]],
      [2, [9, 10]],
    ]);
    expect(c.chunksEmitted).toBe(3);
  });
  it('rejects a non-positive size', () => {
    expect(() => new Chunker(0, () => undefined)).toThrow();
  });
  it('sizes blocks and chunks in whole render quanta, at most one quantum over the duration', () => {
    for (const rateHz of [8000, 16_000, 44_100, 48_000, 96_000]) {
      for (const ms of [WORKLET_BLOCK_MS, CHUNK_MS]) {
        const frames = framesFor(ms, rateHz);
        expect(frames % 128).toBe(0);
        expect(frames).toBeGreaterThanOrEqual((rateHz * ms) / 1000);
        expect(((frames - 128) / rateHz) * 1000).toBeLessThan(ms);
      }
    }
    expect(framesFor(50, 48_000)).toBe(2432); // 50.7 ms
    // worst case unwritten: a full block plus a full chunk, leaving 70 ms or more of the 250 ms for the write itself
    for (const rateHz of [8000, 16_000, 44_100, 48_000, 96_000])
      expect(
        ((framesFor(WORKLET_BLOCK_MS, rateHz) + framesFor(CHUNK_MS, rateHz)) / rateHz) * 1000,
      ).toBeLessThan(180);
  });
});
