import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { physionet2016 } from './physionet2016';
import { generatedTree, schemaProblems } from './testing';

// The fixture tree (training/data/fixtures/physionet2016) holds the official REFERENCE files; the WAVs are generated.
const WAVS = [
  'training-a/a0001',
  'training-a/a0002',
  'training-a/a0003',
  'training-a/a9999',
  'training-b/b0001',
  'training-b/b0002',
  'training-b/b0003',
];

describe('PhysioNet 2016 adapter', () => {
  it('reads REFERENCE.csv labels (-1 normal, 1 abnormal) and the signal-quality column', async () => {
    const root = generatedTree('physionet2016', WAVS);
    const listing = await physionet2016.list(root);
    expect(schemaProblems(listing)).toEqual([]);
    const by = (n: string) => listing.records.find((r) => r.labels.patient === n)?.labels;
    expect(by('a0001')).toMatchObject({
      findings: ['normal-s1s2'],
      normal: true,
      domain: 'heart',
      site: 'unknown',
    });
    expect(by('a0002')).toMatchObject({ findings: [], normal: false });
    expect(by('b0002')).toMatchObject({ findings: ['poor-quality'], normal: false });
    expect(by('b0003')?.findings).toEqual(['normal-s1s2', 'poor-quality']);
    expect(listing.records.map((r) => r.labels.id).sort()).toEqual(
      ['a0001', 'a0002', 'a0003', 'b0001', 'b0002', 'b0003'].map((n) => `physionet2016/${n}`),
    );
    rmSync(root, { recursive: true });
  });
  it('reports missing audio, unlisted audio, bad labels and the duplicate validation folder', async () => {
    const root = generatedTree('physionet2016', WAVS);
    writeFileSync(path.join(root, 'training-a', 'REFERENCE.csv'), 'a0001,-1\na0002,1\na0003,0\na0004,-1\n');
    const { issues } = await physionet2016.list(root);
    expect(issues.map((i) => `${i.kind} ${i.file}`).sort()).toEqual([
      'missing-audio training-a/a0004.wav',
      'missing-labels training-a/a9999.wav',
      'skipped-duplicate validation',
      'unknown-label training-a/a0003.wav',
    ]);
    rmSync(root, { recursive: true });
  });
});
