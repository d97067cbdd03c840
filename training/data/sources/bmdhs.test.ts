import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agreedMurmur, bmdhs, patientLabels } from './bmdhs';
import { fixture, fixtureCopy, schemaProblems } from './testing';

const flags = (set: string) => ({
  AS: '0',
  AR: '0',
  MR: '0',
  MS: '0',
  N: '0',
  ...Object.fromEntries(set.split(',').map((c) => [c, '1'])),
});

describe('BMD-HS adapter', () => {
  it('reads the present recordings and reports every listed file that is absent', async () => {
    const listing = await bmdhs.list(fixture('bmdhs'));
    console.log(`bmdhs fixtures: ${listing.records.length} recordings, ${listing.issues.length} issues`);
    expect(schemaProblems(listing)).toEqual([]);
    expect(listing.records.map((r) => r.labels.id).sort()).toEqual([
      'bmdhs/MR_002_sit_Mit',
      'bmdhs/MR_002_sup_Tri',
      'bmdhs/N_089_sit_Mit',
      'bmdhs/N_089_sup_Aor',
    ]);
    expect(listing.issues.every((i) => i.kind === 'missing-audio')).toBe(true);
    expect(listing.issues.map((i) => i.file)).toContain('train/MR_002_sup_Mit.wav');
    expect(listing.issues.length).toBe(12);
  });
  it('labels a normal and a mitral-regurgitation patient, with site, posture in the id, age group and sex', async () => {
    const { records } = await bmdhs.list(fixture('bmdhs'));
    const by = (id: string) => records.find((r) => r.labels.id === `bmdhs/${id}`)?.labels;
    expect(by('N_089_sup_Aor')).toMatchObject({
      patient: '089',
      domain: 'heart',
      site: 'AV',
      findings: ['normal-s1s2'],
      normal: true,
      diagnosis: [],
      ageGroup: 'adult',
      sex: 'male',
    });
    expect(by('N_089_sup_Aor')?.murmur).toBeUndefined();
    expect(by('MR_002_sit_Mit')).toMatchObject({
      patient: '002',
      site: 'MV',
      findings: ['systolic-murmur'],
      normal: false,
      diagnosis: ['mitral-regurgitation'],
      murmur: { phase: 'systolic', timing: 'holosystolic' },
    });
    expect(by('MR_002_sup_Tri')?.site).toBe('TV');
  });
  it('combines several lesions, keeping only the murmur attributes they agree on', () => {
    expect(patientLabels(flags('AS,AR'))).toEqual({
      findings: ['systolic-murmur', 'diastolic-murmur'],
      normal: false,
      diagnosis: ['aortic-stenosis', 'aortic-regurgitation'],
    });
    expect(patientLabels(flags('AS,MR'))).toMatchObject({
      findings: ['systolic-murmur'],
      murmur: { phase: 'systolic' },
    });
    expect(patientLabels(flags('AS,MR'))).not.toHaveProperty('murmur.shape');
    expect(patientLabels(flags('AR'))).toMatchObject({
      findings: ['diastolic-murmur'],
      diagnosis: ['aortic-regurgitation'],
    });
    expect(
      agreedMurmur([
        { phase: 'diastolic', quality: 'rumbling' },
        { phase: 'diastolic', quality: 'rumbling' },
      ]),
    ).toEqual({
      phase: 'diastolic',
      quality: 'rumbling',
    });
  });
  it('rejects contradictory or unreadable flags', () => {
    expect(patientLabels(flags('N,AS'))).toMatch(/N=1 together with AS/);
    expect(patientLabels(flags(''))).toMatch(/no flag set/);
    expect(patientLabels({ ...flags('MR'), MS: 'x' })).toMatch(/MS='x'/);
  });
  it('reports unknown labels, unlisted files, a renamed file and byte-identical copies', async () => {
    const root = fixtureCopy('bmdhs');
    const train = path.join(root, 'train');
    const csv = path.join(root, 'train.csv');
    copyFileSync(path.join(train, 'N_089_sit_Mit.wav'), path.join(train, 'N_089_sup_Tri.wav'));
    copyFileSync(path.join(train, 'MR_002_sit_Mit.wav'), path.join(train, 'MR_002_sit_Tri6_06.wav'));
    writeFileSync(
      path.join(train, 'MD_022_sit_Aor.wav'),
      readFileSync(path.join(train, 'MR_002_sup_Tri.wav')).subarray(0, 1000),
    );
    writeFileSync(csv, readFileSync(csv, 'utf8').replace('patient_002,0,0,1,0,0', 'patient_002,0,0,1,?,0'));
    const { records, issues } = await bmdhs.list(root);
    const kinds = issues.filter((i) => i.kind !== 'missing-audio').map((i) => `${i.kind} ${i.file}`);
    expect(kinds.sort()).toEqual([
      'missing-labels train/MD_022_sit_Aor.wav',
      'missing-labels train/MR_002_sit_Mit.wav',
      'missing-labels train/MR_002_sit_Tri6_06.wav',
      'missing-labels train/MR_002_sup_Tri.wav',
      'skipped-duplicate train/N_089_sit_Mit.wav',
      'unknown-label train.csv',
    ]);
    expect(records.map((r) => r.labels.id).sort()).toEqual(['bmdhs/N_089_sup_Aor', 'bmdhs/N_089_sup_Tri']);
    expect(records.find((r) => r.labels.id === 'bmdhs/N_089_sup_Tri')?.labels.site).toBe('unknown');
    rmSync(root, { recursive: true });
  });
  it('takes a listed recording from the one unlisted file that extends its name', async () => {
    const root = fixtureCopy('bmdhs');
    const train = path.join(root, 'train');
    copyFileSync(path.join(train, 'MR_002_sup_Tri.wav'), path.join(train, 'MR_002_sit_Tri6_06.wav'));
    rmSync(path.join(train, 'MR_002_sup_Tri.wav'));
    const { records, issues } = await bmdhs.list(root);
    expect(issues.filter((i) => i.kind !== 'missing-audio').map((i) => `${i.kind} ${i.file}`)).toEqual([
      'label-approximated train/MR_002_sit_Tri.wav',
    ]);
    const tri = records.find((r) => r.labels.id === 'bmdhs/MR_002_sit_Tri');
    expect(tri?.audioPath).toBe(path.join(train, 'MR_002_sit_Tri6_06.wav'));
    expect(tri?.labels.site).toBe('TV');
    rmSync(root, { recursive: true });
  });
});
