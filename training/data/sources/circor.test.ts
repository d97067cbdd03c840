import { rmSync, unlinkSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { circor, parseSegmentation } from './circor';
import { fixture, fixtureCopy, schemaProblems } from './testing';

describe('CirCor adapter', () => {
  it('reads every fixture recording with schema-valid labels and no issues', async () => {
    const listing = await circor.list(fixture('circor'));
    console.log(`circor fixtures: ${listing.records.length} recordings, ${listing.issues.length} issues`);
    expect(listing.records.length).toBeGreaterThan(20);
    expect(schemaProblems(listing)).toEqual([]);
    expect(listing.issues).toEqual([]);
  });
  it('asserts a murmur only at the listed murmur locations, with its attributes', async () => {
    const { records } = await circor.list(fixture('circor'));
    const byId = new Map(records.map((r) => [r.labels.id, r.labels]));
    const tv = byId.get('circor/13918_TV');
    expect(tv?.findings).toEqual(['systolic-murmur']);
    expect(tv?.murmur).toEqual({
      phase: 'systolic',
      timing: 'holosystolic',
      shape: 'plateau',
      grade: 1,
      pitch: 'low',
      quality: 'blowing',
      mostAudible: 'TV',
    });
    expect(byId.get('circor/13918_AV')).toMatchObject({
      findings: ['normal-s1s2'],
      normal: true,
      outcome: 'abnormal',
    });
    expect(byId.get('circor/13918_AV')?.murmur).toBeUndefined();
    expect(byId.get('circor/9979_AV')?.murmur).toMatchObject({
      shape: 'crescendo-decrescendo',
      grade: 3,
      pitch: 'high',
      quality: 'harsh',
    });
    expect(byId.get('circor/9979_AV')).toMatchObject({
      ageGroup: 'child',
      sex: 'female',
      domain: 'heart',
      site: 'AV',
    });
  });
  it('maps murmur Unknown to poor quality with normal unknown', async () => {
    const { records } = await circor.list(fixture('circor'));
    const unknown = records.filter((r) => r.labels.findings.includes('poor-quality'));
    expect(unknown.length).toBeGreaterThan(0);
    for (const r of unknown) expect(r.labels.normal).toBeNull();
  });
  it('turns the .tsv segmentation into S1/systole/S2/diastole events', () => {
    const events = parseSegmentation(
      '0\t6.551\t0\n6.551\t6.71\t1\n6.71\t6.86\t2\n6.86\t7.0\t3\n7.0\t7.2\t4\n',
    );
    expect(events.map((e) => e.type)).toEqual(['S1', 'systole', 'S2', 'diastole']);
    expect(events[0]).toEqual({ type: 'S1', startS: 6.551, endS: 6.71 });
  });
  it('reports missing audio, missing segmentation, unlisted files and count mismatches', async () => {
    const root = fixtureCopy('circor');
    const dir = path.join(root, 'training_data');
    unlinkSync(path.join(dir, '9979_AV.wav'));
    rmSync(path.join(dir, '9979_PV.tsv'));
    writeFileSync(path.join(dir, '99999_AV.wav'), readFileSync(path.join(dir, '9979_TV.wav')));
    const txt = path.join(dir, '9983.txt');
    writeFileSync(txt, readFileSync(txt, 'utf8').replace(/^9983 (\d+)/, '9983 7'));
    const { issues, records } = await circor.list(root);
    const kinds = issues.map((i) => `${i.kind} ${i.file}`);
    expect(kinds).toContain('missing-audio training_data/9979_AV.wav');
    expect(kinds).toContain('missing-labels training_data/9979_PV.wav');
    expect(kinds).toContain('missing-labels training_data/99999_AV.wav');
    expect(kinds).toContain('count-mismatch training_data/9983.txt');
    expect(records.some((r) => r.labels.id === 'circor/9979_AV')).toBe(false);
    rmSync(root, { recursive: true });
  });
});
