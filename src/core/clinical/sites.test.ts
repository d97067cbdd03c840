import { describe, expect, it } from 'vitest';
import { ICBHI_SITES, SPRSOUND_SITES, icbhiSite, parseSite, siteName, sprsoundSite } from './sites';
import { LUNG_SITES, isLungSite } from './schema';

describe('site mapping', () => {
  it('maps SPRSound p1–p4 to the README locations', () => {
    expect(sprsoundSite('p1')).toBe('posterior-left');
    expect(sprsoundSite('p2')).toBe('lateral-left');
    expect(sprsoundSite('p3')).toBe('posterior-right');
    expect(sprsoundSite('p4')).toBe('lateral-right');
    expect(sprsoundSite('p5')).toBeUndefined();
    expect(sprsoundSite('toString')).toBeUndefined();
  });
  it('maps every ICBHI code onto a schema lung site', () => {
    expect(Object.keys(ICBHI_SITES).sort()).toEqual(['Al', 'Ar', 'Ll', 'Lr', 'Pl', 'Pr', 'Tc']);
    for (const s of [...Object.values(ICBHI_SITES), ...Object.values(SPRSOUND_SITES)])
      expect(isLungSite(s)).toBe(true);
    expect(icbhiSite('Tc')).toBe('trachea');
    expect(icbhiSite('Lr')).toBe('lateral-right');
  });
  it('names sites for people', () => {
    expect(siteName('MV')).toBe('mitral area');
    expect(siteName('posterior-left')).toBe('left posterior chest');
    expect(siteName('anterior-right-upper')).toBe('right anterior chest, upper zone');
    expect(siteName('unknown')).toBe('unknown site');
    expect(new Set(LUNG_SITES.map(siteName)).size).toBe(LUNG_SITES.length);
  });
  it('parses schema names and dataset codes', () => {
    expect(parseSite('av')).toBe('AV');
    expect(parseSite('p3')).toBe('posterior-right');
    expect(parseSite('Pl')).toBe('posterior-left');
    expect(parseSite('lateral-left-lower')).toBe('lateral-left-lower');
    expect(parseSite('elbow')).toBeUndefined();
  });
});
