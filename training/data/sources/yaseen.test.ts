import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, schemaProblems } from './testing';
import { yaseen } from './yaseen';

describe('Yaseen adapter', () => {
  it('labels each class folder with its diagnosis and murmur', async () => {
    const listing = await yaseen.list(fixture('yaseen'));
    console.log(`yaseen fixtures: ${listing.records.length} recordings, ${listing.issues.length} issues`);
    expect(schemaProblems(listing)).toEqual([]);
    expect(listing.issues).toEqual([]);
    const by = (cls: string) =>
      listing.records.filter((r) => r.labels.id.startsWith(`yaseen/New_${cls}_`)).map((r) => r.labels);
    for (const l of by('N'))
      expect(l).toMatchObject({ findings: ['normal-s1s2'], normal: true, diagnosis: [] });
    for (const l of by('AS')) expect(l.murmur).toEqual({ phase: 'systolic', shape: 'crescendo-decrescendo' });
    for (const l of by('MR')) expect(l.murmur?.timing).toBe('holosystolic');
    for (const l of by('MS'))
      expect(l).toMatchObject({ findings: ['diastolic-murmur'], diagnosis: ['mitral-stenosis'] });
    for (const l of by('MVP')) expect(l.findings).toEqual(['mid-systolic-click', 'systolic-murmur']);
    expect(by('MVP').length).toBeGreaterThan(0);
  });
  it('treats every file as its own patient', async () => {
    const { records } = await yaseen.list(fixture('yaseen'));
    expect(new Set(records.map((r) => r.labels.patient)).size).toBe(records.length);
  });
  it('reports a missing class folder', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'auscult-yaseen-'));
    mkdirSync(path.join(root, 'N_New'));
    const { issues } = await yaseen.list(root);
    expect(issues.map((i) => i.file).sort()).toEqual(['AS_New', 'MR_New', 'MS_New', 'MVP_New', 'N_New']);
    rmSync(root, { recursive: true });
  });
});
