// The running score an older Auscult kept in localStorage is read back when it is sound and ignored when it is damaged.
import { describe, expect, it } from 'vitest';
import { LEGACY_SCORE_KEY, clearLegacyScore, readLegacyScore } from './practice';

function memoryStore(value: string | null) {
  const m = new Map<string, string>(value === null ? [] : [[LEGACY_SCORE_KEY, value]]);
  return { getItem: (k: string) => m.get(k) ?? null, removeItem: (k: string) => void m.delete(k), m };
}

describe('legacy practice score', () => {
  it('reads a sound score and clears it', () => {
    const kv = memoryStore('{"cases":2,"points":4.5,"maxPoints":6,"normalCorrect":2}');
    expect(readLegacyScore(kv)).toEqual({ cases: 2, points: 4.5, maxPoints: 6, normalCorrect: 2 });
    clearLegacyScore(kv);
    expect(kv.m.has(LEGACY_SCORE_KEY)).toBe(false);
    expect(readLegacyScore(kv)).toBeNull();
  });

  it('ignores damaged, old-format or empty values and a storage that throws', () => {
    for (const bad of [
      '{',
      '"x"',
      '{"cases":1,"points":2,"normalCorrect":1}',
      '{"cases":-1,"points":0,"maxPoints":0,"normalCorrect":0}',
      '{"cases":0,"points":0,"maxPoints":0,"normalCorrect":0}',
    ])
      expect(readLegacyScore(memoryStore(bad))).toBeNull();
    const throwing = {
      getItem: () => {
        throw new Error('blocked');
      },
      removeItem: () => {
        throw new Error('blocked');
      },
    };
    expect(readLegacyScore(throwing)).toBeNull();
    expect(() => clearLegacyScore(throwing)).not.toThrow();
  });
});
