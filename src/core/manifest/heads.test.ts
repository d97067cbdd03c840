// Findings-head meanings: the legacy reading of older manifests, names for readers, and validation against the labels.
import { describe, expect, it } from 'vitest';
import { findingHeads, headName, headsError, legacyHead, type FindingHead } from './heads';

const murmur: FindingHead = {
  label: 'murmur',
  kind: 'finding',
  findings: ['systolic-murmur', 'diastolic-murmur', 'continuous-murmur'],
  domain: 'heart',
};

describe('findings heads', () => {
  it('reads labels of manifests without `heads`: schema findings stand for themselves', () => {
    expect(legacyHead('wheeze')).toEqual({
      label: 'wheeze',
      kind: 'finding',
      findings: ['wheeze'],
      domain: 'lung',
    });
    expect(legacyHead('systolic-murmur').domain).toBe('heart');
    expect(legacyHead('poor-quality').domain).toBe('any');
    expect(legacyHead('abnormal').kind).toBe('abnormal');
    expect(legacyHead('lung')).toEqual({ label: 'lung', kind: 'domain', findings: [], domain: 'lung' });
    expect(legacyHead('murmur').findings).toEqual([]); // a group the old manifest never explained
    expect(findingHeads({ labels: ['wheeze', 'lung'] }).map((h) => h.kind)).toEqual(['finding', 'domain']);
    expect(findingHeads({ labels: ['murmur'], heads: [murmur] })).toEqual([murmur]);
  });

  it('names heads by the schema findings they stand for', () => {
    expect(headName(legacyHead('systolic-murmur'))).toBe('systolic murmur');
    expect(headName(murmur)).toBe('murmur (any of: systolic murmur, diastolic murmur, continuous murmur)');
    expect(headName(legacyHead('abnormal'))).toBe('abnormal recording');
    expect(headName(legacyHead('lung'))).toBe('lung sound (rather than heart)');
  });

  it('validates heads against the labels', () => {
    expect(headsError([murmur], ['murmur'])).toBeNull();
    expect(headsError([murmur], ['murmur', 'wheeze'])).toMatch(/one entry per label/);
    expect(headsError([murmur], ['crackles'])).toMatch(/\[0\]\.label/);
    expect(headsError([{ ...murmur, findings: ['murmurs'] }], ['murmur'])).toMatch(/schema findings/);
    expect(headsError([{ ...murmur, kind: 'other' }], ['murmur'])).toMatch(/kind/);
    expect(headsError([{ ...murmur, domain: 'belly' }], ['murmur'])).toMatch(/domain/);
  });
});
