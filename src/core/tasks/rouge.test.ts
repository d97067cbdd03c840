import { describe, expect, it } from 'vitest';
import { lcsLength, rougeL, wordTokens } from './rouge';

describe('ROUGE-L', () => {
  it('tokenizes words keeping grades and decimals together', () => {
    expect(wordTokens('Grade 2/6, at 1.2 s; S1-S2!')).toEqual(['grade', '2/6', 'at', '1.2', 's', 's1-s2']);
  });
  it('computes the longest common subsequence', () => {
    expect(lcsLength(['a', 'b', 'c', 'd'], ['a', 'c', 'd', 'e'])).toBe(3);
    expect(lcsLength([], ['a'])).toBe(0);
  });
  it('matches a hand-computed F1 and its bounds', () => {
    // candidate 4 tokens, reference 5 tokens, LCS 3: P = 3/4, R = 3/5, F1 = 2PR/(P+R) = 2/3.
    expect(rougeL('a systolic murmur heard', 'a loud systolic murmur present')).toBeCloseTo(2 / 3, 10);
    expect(rougeL('Normal.', 'normal')).toBe(1);
    expect(rougeL('', 'normal')).toBe(0);
    expect(rougeL('wheeze', 'crackles')).toBe(0);
  });
});
