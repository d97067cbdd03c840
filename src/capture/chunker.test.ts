// Block-to-chunk grouping keeps every sample, in order, with consecutive sequence numbers.
import { describe, expect, it } from 'vitest';
import { Chunker } from './chunker';

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
});
