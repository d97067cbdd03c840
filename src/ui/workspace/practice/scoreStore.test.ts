// The running practice score round-trips through a key-value store and survives damaged values.
import { describe, expect, it } from 'vitest';
import { EMPTY_SCORE } from './practice';
import { SCORE_KEY, loadScore, saveScore } from './scoreStore';

function memoryStore() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    m,
  };
}

describe('practice score persistence', () => {
  it('saves and reloads the score; a reset removes it', () => {
    const kv = memoryStore();
    const score = { cases: 2, points: 4.5, maxPoints: 6, normalCorrect: 2 };
    saveScore(score, kv);
    expect(loadScore(kv)).toEqual(score);
    saveScore(EMPTY_SCORE, kv);
    expect(kv.m.has(SCORE_KEY)).toBe(false);
    expect(loadScore(kv)).toEqual(EMPTY_SCORE);
  });

  it('starts fresh on damaged or old-format values and when storage throws', () => {
    const kv = memoryStore();
    for (const bad of [
      '{',
      '"x"',
      '{"cases":1,"points":2,"normalCorrect":1}',
      '{"cases":-1,"points":0,"maxPoints":0,"normalCorrect":0}',
    ]) {
      kv.setItem(SCORE_KEY, bad);
      expect(loadScore(kv)).toEqual(EMPTY_SCORE);
    }
    const throwing = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {},
    };
    expect(loadScore(throwing)).toEqual(EMPTY_SCORE);
    expect(() => saveScore({ ...EMPTY_SCORE, cases: 1 }, throwing)).not.toThrow();
  });
});
