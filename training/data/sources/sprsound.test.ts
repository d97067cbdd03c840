import { rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sprsound } from './sprsound';
import { fixture, fixtureCopy, schemaProblems } from './testing';

describe('SPRSound adapter', () => {
  it('reads train and both official test sets with schema-valid labels', async () => {
    const listing = await sprsound.list(fixture('sprsound'));
    console.log(`sprsound fixtures: ${listing.records.length} recordings, ${listing.issues.length} issues`);
    expect(schemaProblems(listing)).toEqual([]);
    const test = listing.records.filter((r) => r.labels.officialSplit === 'test');
    expect(test.length).toBe(4);
    expect(listing.records.length).toBe(19);
    expect(listing.issues.every((i) => i.kind === 'label-approximated')).toBe(true);
  });
  it('takes patient, age, sex and site from the file name', async () => {
    const { records } = await sprsound.list(fixture('sprsound'));
    const r = records.find((x) => x.labels.id === 'sprsound/40638274_9.7_1_p2_1684')?.labels;
    expect(r).toMatchObject({
      patient: '40638274',
      ageGroup: 'child',
      sex: 'female',
      site: 'lateral-left',
      domain: 'lung',
    });
    const boy = records.find((x) => x.labels.id === 'sprsound/40069321_15.3_0_p1_981')?.labels;
    expect(boy).toMatchObject({ ageGroup: 'adolescent', sex: 'male', site: 'posterior-left' });
  });
  it('turns record labels and events into findings and timed events in seconds', async () => {
    const { records } = await sprsound.list(fixture('sprsound'));
    for (const { labels } of records) {
      if (labels.normal === true) expect(labels.findings).toEqual(['vesicular']);
      if (labels.normal === null) expect(labels.findings).toEqual(['poor-quality']);
      for (const e of labels.events) expect(e.endS).toBeLessThan(60);
      const adventitious = labels.events.filter((e) => e.type !== 'vesicular').map((e) => e.type);
      if (labels.normal === false) expect(new Set(labels.findings)).toEqual(new Set(adventitious));
    }
  });
  it('reports annotations without audio, audio without annotations and unknown labels', async () => {
    const root = fixtureCopy('sprsound');
    unlinkSync(path.join(root, 'train_wav', '40069321_15.3_0_p1_981.wav'));
    unlinkSync(path.join(root, 'train_json', '40069321_15.3_0_p3_983.json'));
    writeFileSync(
      path.join(root, 'train_json', '40069321_15.3_0_p2_982.json'),
      '{"record_annotation":"Weird","event_annotation":[]}',
    );
    const { issues } = await sprsound.list(root);
    const kinds = issues.filter((i) => i.kind !== 'label-approximated').map((i) => `${i.kind} ${i.file}`);
    expect(kinds.sort()).toEqual([
      'missing-audio train_json/40069321_15.3_0_p1_981.json',
      'missing-labels train_wav/40069321_15.3_0_p3_983.wav',
      'unknown-label train_wav/40069321_15.3_0_p2_982.wav',
    ]);
    rmSync(root, { recursive: true });
  });
  it('flags record labels that disagree with the events', async () => {
    const root = fixtureCopy('sprsound');
    const json = JSON.stringify({
      record_annotation: 'CAS',
      event_annotation: [{ start: 0, end: 900, type: 'Fine Crackle' }],
    });
    writeFileSync(path.join(root, 'train_json', '40069321_15.3_0_p2_982.json'), json);
    const { issues } = await sprsound.list(root);
    expect(issues.some((i) => i.kind === 'count-mismatch' && i.file?.endsWith('982.wav'))).toBe(true);
    rmSync(root, { recursive: true });
  });
});
