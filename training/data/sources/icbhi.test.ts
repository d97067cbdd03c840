import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { icbhi, parseCycles } from './icbhi';
import { generatedTree, schemaProblems } from './testing';

// training/data/fixtures/icbhi holds the official tables and cycle annotations; the WAVs are generated here.
const WAVS = [
  '101_1b1_Al_sc_Meditron',
  '104_1b1_Ar_sc_Litt3200',
  '107_2b3_Tc_mc_AKGC417L',
  '110_1p1_Pr_sc_Meditron',
  '101_2b2_Lr_sc_Meditron',
];

async function listing() {
  const root = generatedTree(
    'icbhi',
    WAVS.map((w) => `ICBHI_final_database/${w}`),
  );
  const result = await icbhi.list(root);
  rmSync(root, { recursive: true });
  return result;
}

describe('ICBHI 2017 adapter', () => {
  it('reads site, device, diagnosis, demographics and the official split', async () => {
    const l = await listing();
    expect(schemaProblems(l)).toEqual([]);
    const by = (id: string) => l.records.find((r) => r.labels.id === `icbhi/${id}`)?.labels;
    expect(by('101_1b1_Al_sc_Meditron')).toMatchObject({
      patient: '101',
      site: 'anterior-left',
      device: 'Meditron',
      diagnosis: ['urti'],
      findings: ['vesicular'],
      normal: true,
      ageGroup: 'child',
      sex: 'female',
      officialSplit: 'test',
    });
    expect(by('104_1b1_Ar_sc_Litt3200')).toMatchObject({
      diagnosis: ['copd'],
      normal: false,
      ageGroup: 'adult',
      officialSplit: 'train',
    });
    expect(by('104_1b1_Ar_sc_Litt3200')?.findings.sort()).toEqual(['coarse-crackles', 'wheeze']);
    expect(by('107_2b3_Tc_mc_AKGC417L')).toMatchObject({
      site: 'trachea',
      findings: ['bronchial'],
      diagnosis: [],
      sex: 'male',
    });
  });
  it('turns cycles into timed events', () => {
    const events = parseCycles(
      '0.0\t1.2\t1\t0\n1.2\t2.9\t0\t1\n2.9\t4.1\t1\t1\n4.1\t5.0\t0\t0\n',
      'vesicular',
    );
    expect(events.map((e) => e.type)).toEqual([
      'coarse-crackles',
      'wheeze',
      'coarse-crackles',
      'wheeze',
      'vesicular',
    ]);
    expect(events[4]).toEqual({ type: 'vesicular', startS: 4.1, endS: 5 });
  });
  it('reports unknown diagnoses, missing annotations, annotations without audio and approximated crackles', async () => {
    const { issues } = await listing();
    expect(issues.map((i) => `${i.kind} ${i.file}`).sort()).toEqual([
      'label-approximated ICBHI_final_database/104_1b1_Ar_sc_Litt3200.wav',
      'missing-audio 109_1b1_Pl_sc_LittC2SE.txt',
      'missing-labels ICBHI_final_database/101_2b2_Lr_sc_Meditron.wav',
      'unknown-label ICBHI_final_database/110_1p1_Pr_sc_Meditron.wav',
    ]);
  });
});
