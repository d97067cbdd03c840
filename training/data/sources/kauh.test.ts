import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assignSplits, patientKey } from '../split';
import { kauh, kauhMode, parseKauhName, parsePosition, parseSounds } from './kauh';
import { fixture, fixtureCopy, schemaProblems } from './testing';

describe('KAUH file-name parser', () => {
  // Literal names from the release: case, C vs Crep, trailing spaces, '+' and 'and', phase markers, two-sided positions.
  it.each([
    [
      'BP11_Heart Failure,C,P L L,53,M.wav',
      ['heart-failure'],
      ['fine-crackles'],
      'posterior-left-lower',
      'adult',
      'male',
    ],
    [
      'BP16_heart failure,C,P R U,56,M.wav',
      ['heart-failure'],
      ['fine-crackles'],
      'posterior-right-upper',
      'adult',
      'male',
    ],
    [
      'BP34_heart failure,Crep,P R M,78,F.wav',
      ['heart-failure'],
      ['fine-crackles'],
      'posterior-right-middle',
      'adult',
      'female',
    ],
    [
      'BP39_heart failure,Crep,P R L ,67,M.wav',
      ['heart-failure'],
      ['fine-crackles'],
      'posterior-right-lower',
      'adult',
      'male',
    ],
    ['BP12_Asthma,E W,P L L,50,F.wav', ['asthma'], ['wheeze'], 'posterior-left-lower', 'adult', 'female'],
    ['BP27_asthma,E W,P R M,53,F.wav', ['asthma'], ['wheeze'], 'posterior-right-middle', 'adult', 'female'],
    ['EP1_Asthma,I E W,P L L,70,M.wav', ['asthma'], ['wheeze'], 'posterior-left-lower', 'adult', 'male'],
    [
      'EP101_Asthma,E W,P L M,12,F.wav',
      ['asthma'],
      ['wheeze'],
      'posterior-left-middle',
      'adolescent',
      'female',
    ],
    ['EP25_copd,E W,P L L,76,M.wav', ['copd'], ['wheeze'], 'posterior-left-lower', 'adult', 'male'],
    [
      'EP5_Heart Failure + COPD,I C E W,P L R ,71,M.wav',
      ['heart-failure', 'copd'],
      ['fine-crackles', 'wheeze'],
      'unknown',
      'adult',
      'male',
    ],
    [
      'BP4_Heart Failure + Lung Fibrosis ,I C,P L R,72,F.wav',
      ['heart-failure', 'pulmonary-fibrosis'],
      ['fine-crackles'],
      'unknown',
      'adult',
      'female',
    ],
    [
      'BP20_Asthma and lung fibrosis,C,A R M,90,M.wav',
      ['asthma', 'pulmonary-fibrosis'],
      ['fine-crackles'],
      'anterior-right-middle',
      'adult',
      'male',
    ],
    ['BP2_Asthma,E W,P L L R,52,F.wav', ['asthma'], ['wheeze'], 'unknown', 'adult', 'female'],
    ['BP31_N,N,P L M,27,F.wav', [], ['vesicular'], 'posterior-left-middle', 'adult', 'female'],
    ['EP83_N,N,A R U,18,F.wav', [], ['vesicular'], 'anterior-right-upper', 'adult', 'female'],
  ])('%s', (name, diagnosis, findings, site, ageGroup, sex) => {
    expect(parseKauhName(name)).toMatchObject({
      diagnosis,
      findings,
      site,
      ageGroup,
      sex,
      normal: findings[0] === 'vesicular',
    });
  });
  it('keeps the filter mode and gives the three modes of a recording one patient', () => {
    const modes = ['BP12', 'DP12', 'EP12'].map((c) => parseKauhName(`${c}_Asthma,E W,P L L,50,F.wav`));
    expect(modes.map((p) => [p?.clip, p?.mode, p?.patient])).toEqual([
      ['BP12', 'bell', 'P12'],
      ['DP12', 'diaphragm', 'P12'],
      ['EP12', 'extended', 'P12'],
    ]);
    expect(kauhMode('kauh/DP12')).toBe('diaphragm');
  });
  it('reports approximations and unknown words, and refuses names that are not KAUH names', () => {
    expect(parseKauhName('BP11_Heart Failure,C,P L L,53,M.wav')?.problems.map((p) => p.kind)).toEqual([
      'label-approximated',
    ]);
    expect(parseKauhName('BP5_Heart Failure + COPD,I C E W,P L R ,71,M.wav')?.problems.length).toBe(2);
    expect(parseKauhName('EP108_COPD,Crep,P R L ,63,M.wav')?.findings).toEqual(['coarse-crackles']);
    expect(parseKauhName('EP9_Sarcoid,E W,P R L,59,M.wav')?.problems).toEqual([
      { kind: 'unknown-label', message: "diagnosis 'sarcoid' is not in the schema: left out" },
    ]);
    expect(parseKauhName('EP9_Asthma,E X,P R L,59,M.wav')?.findings).toBeUndefined();
    expect(parseKauhName('notes.wav')).toBeUndefined();
    expect(parseKauhName('BP1_Asthma,E W,P L L.wav')).toBeUndefined();
  });
  it('reads sounds and positions tolerantly', () => {
    expect([...(parseSounds('I C E W') ?? [])]).toEqual(['crackles', 'wheeze']);
    expect([...(parseSounds('IEW') ?? [])]).toEqual(['wheeze']);
    expect([...(parseSounds(' crep ') ?? [])]).toEqual(['crackles']);
    expect(parseSounds('N W')).toBeUndefined();
    expect(parsePosition('PLL')).toBe('posterior-left-lower');
    expect(parsePosition(' a r ')).toBe('anterior-right');
    expect(parsePosition('P L L R')).toBeUndefined();
  });
});

describe('KAUH adapter', () => {
  it('labels a normal and an abnormal clip with schema-valid labels', async () => {
    const listing = await kauh.list(fixture('kauh'));
    console.log(`kauh fixtures: ${listing.records.length} recordings, ${listing.issues.length} issues`);
    expect(schemaProblems(listing)).toEqual([]);
    expect(listing.records.length).toBe(5);
    expect(listing.issues.map((i) => `${i.kind} ${i.file}`)).toEqual([
      'label-approximated Audio Files/BP11_Heart Failure,C,P L L,53,M.wav',
    ]);
    const by = (id: string) => listing.records.find((r) => r.labels.id === `kauh/${id}`)?.labels;
    expect(by('DP31')).toEqual({
      id: 'kauh/DP31',
      source: 'kauh',
      patient: 'P31',
      domain: 'lung',
      site: 'posterior-left-middle',
      findings: ['vesicular'],
      normal: true,
      events: [],
      diagnosis: [],
      ageGroup: 'adult',
      sex: 'female',
      device: 'Littmann 3200 diaphragm',
    });
    expect(by('BP11')).toMatchObject({
      findings: ['fine-crackles'],
      normal: false,
      diagnosis: ['heart-failure'],
      device: 'Littmann 3200 bell',
    });
    expect(by('EP1')).toMatchObject({ findings: ['wheeze'], diagnosis: ['asthma'], sex: 'male' });
  });
  it('keeps the three filter modes of one patient in one split', async () => {
    const { records } = await kauh.list(fixture('kauh'));
    const p31 = records.filter((r) => r.labels.patient === 'P31');
    expect(p31.map((r) => kauhMode(r.labels.id)).sort()).toEqual(['bell', 'diaphragm', 'extended']);
    expect(new Set(p31.map(patientKey))).toEqual(new Set(['kauh/P31']));
    for (let seed = 0; seed < 20; seed++) {
      const splits = assignSplits(records, seed);
      expect(
        new Set(records.map((r, i) => (r.labels.patient === 'P31' ? splits[i] : undefined)).filter(Boolean))
          .size,
      ).toBe(1);
    }
  });
  it('reports byte-identical copies and names it cannot read', async () => {
    const root = fixtureCopy('kauh');
    const dir = path.join(root, 'Audio Files');
    copyFileSync(path.join(dir, 'BP31_N,N,P L M,27,F.wav'), path.join(dir, 'BP200_N,N,P L M,27,F.wav'));
    writeFileSync(path.join(dir, 'readme.wav'), 'not a KAUH name');
    const { records, issues } = await kauh.list(root);
    expect(issues.filter((i) => i.kind !== 'label-approximated').map((i) => `${i.kind} ${i.file}`)).toEqual([
      'skipped-duplicate Audio Files/BP31_N,N,P L M,27,F.wav',
      'unknown-label Audio Files/readme.wav',
    ]);
    expect(records.map((r) => r.labels.id)).toContain('kauh/BP200');
    expect(records.map((r) => r.labels.id)).not.toContain('kauh/BP31');
    rmSync(root, { recursive: true });
  });
});
