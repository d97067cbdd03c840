import { describe, expect, it } from 'vitest';
import { DIAGNOSES, FINDINGS, HEART_SITES, type RecordingLabels } from '../schema';
import { DIAGNOSIS_KB, FINDING_KB, HEART_SITE_KB, KB_SOURCES, rankDiagnoses, siteMeaning } from './index';

const base: RecordingLabels = {
  id: 'x',
  source: 'circor',
  patient: 'p',
  domain: 'heart',
  site: 'AV',
  findings: [],
  normal: true,
  events: [],
  diagnosis: [],
};

describe('knowledge base', () => {
  it('covers every finding, diagnosis and heart site, each citing known sources', () => {
    for (const f of FINDINGS) expect(FINDING_KB[f].sources.every((s) => s in KB_SOURCES)).toBe(true);
    for (const d of DIAGNOSES) {
      expect(DIAGNOSIS_KB[d].sources.length).toBeGreaterThan(0);
      expect(DIAGNOSIS_KB[d].differentials).not.toContain(d);
    }
    for (const s of HEART_SITES) expect(HEART_SITE_KB[s].listensTo.length).toBeGreaterThan(5);
  });
  it('ranks aortic stenosis first for a crescendo-decrescendo mid-systolic murmur at the aortic area', () => {
    const r = rankDiagnoses({
      ...base,
      normal: false,
      findings: ['systolic-murmur'],
      murmur: { phase: 'systolic', timing: 'mid-systolic', mostAudible: 'AV' },
    });
    expect(r.map((x) => x.diagnosis)[0]).toBe('aortic-stenosis');
    expect(r).toHaveLength(3);
  });
  it('ranks mitral regurgitation first for a holosystolic murmur at the apex', () => {
    const r = rankDiagnoses({
      ...base,
      site: 'MV',
      normal: false,
      findings: ['systolic-murmur'],
      murmur: { phase: 'systolic', timing: 'holosystolic' },
    });
    expect(r[0].diagnosis).toBe('mitral-regurgitation');
  });
  it('puts a labeled diagnosis first and fills with its differentials', () => {
    const r = rankDiagnoses({ ...base, normal: false, findings: [], diagnosis: ['mitral-stenosis'] });
    expect(r.map((x) => x.diagnosis)).toEqual([
      'mitral-stenosis',
      'aortic-regurgitation',
      'atrial-septal-defect',
    ]);
    expect(r[0].basis).toBe('labeled');
  });
  it('avoids adult-only diagnoses for a wheezing infant and returns nothing for a normal recording', () => {
    const lung: RecordingLabels = {
      ...base,
      source: 'sprsound',
      domain: 'lung',
      site: 'posterior-left',
      ageGroup: 'infant',
    };
    const r = rankDiagnoses({ ...lung, normal: false, findings: ['wheeze'] }).map((x) => x.diagnosis);
    expect(r).not.toContain('copd');
    expect(r[0]).toBe('bronchiolitis');
    expect(rankDiagnoses({ ...lung, findings: ['vesicular'] })).toEqual([]);
  });
  it('explains sites', () => {
    expect(siteMeaning('MV')).toContain('mitral valve');
    expect(siteMeaning('posterior-right-lower')).toContain('right lung');
    expect(siteMeaning('posterior-right-lower')).not.toMatch(/crackle|wheeze/);
  });
});
