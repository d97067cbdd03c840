import { describe, expect, it } from 'vitest';
import { FINDINGS, LUNG_SITES, isFinding, isLungSite } from './schema';

describe('label schema', () => {
  it('covers every lung zone with and without a level, plus the trachea', () => {
    expect(LUNG_SITES).toContain('trachea');
    expect(LUNG_SITES).toContain('posterior-left');
    expect(LUNG_SITES).toContain('anterior-right-upper');
    expect(LUNG_SITES.length).toBe(1 + 3 * 2 * 4);
    expect(isLungSite('lateral-left-lower')).toBe(true);
    expect(isLungSite('AV')).toBe(false);
  });
  it('has a closed findings vocabulary with no duplicates', () => {
    expect(new Set(FINDINGS).size).toBe(FINDINGS.length);
    expect(isFinding('wheeze')).toBe(true);
    expect(isFinding('crackles')).toBe(false);
  });
});
