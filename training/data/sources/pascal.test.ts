import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePascalName, pascal } from './pascal';
import { fixture, fixtureCopy, schemaProblems } from './testing';

describe('PASCAL adapter', () => {
  it('labels set A and set B from file names and counts skipped unlabelled files', async () => {
    const listing = await pascal.list(fixture('pascal'));
    const count = (k: string) => listing.issues.filter((i) => i.kind === k).length;
    console.log(
      `pascal fixtures: ${listing.records.length} recordings, ${count('skipped-unlabelled')} skipped-unlabelled`,
    );
    expect(schemaProblems(listing)).toEqual([]);
    expect(count('skipped-unlabelled')).toBe(4);
    expect(listing.records.length).toBe(14);
    const by = (id: string) => listing.records.find((r) => r.labels.id === `pascal/${id}`)?.labels;
    expect(by('extrastole__127_1306764300147_C2')).toMatchObject({
      findings: ['irregular-rhythm'],
      normal: false,
      patient: 'b127',
    });
    expect(by('artifact__201105040918')).toMatchObject({ findings: ['poor-quality'], normal: null });
    expect(by('extrahls__201101091153')).toMatchObject({ findings: [], normal: null });
    expect(by('murmur__112_1306243000964_A')?.murmur).toEqual({ phase: 'systolic' });
  });
  it('parses both set B name forms, with patient ids shared across recordings', () => {
    expect(parsePascalName('b', 'normal_noisynormal_101_1305030823364_B')).toEqual({
      label: 'normal',
      patient: 'b101',
      splitKey: 'b101',
    });
    expect(parsePascalName('b', 'murmur__112_1306243000964_A')?.patient).toBe('b112');
    expect(parsePascalName('a', 'normal__201101070538')).toEqual({
      label: 'normal',
      patient: 'a201101070538',
      splitKey: 'a201101070538',
    });
  });
  it('reads set A S1/S2 timings in seconds and reports timings without audio', async () => {
    const root = fixtureCopy('pascal');
    const csv =
      'fname,cycle,sound,location\nset_a/normal__201101070538.wav,1,S1,4410\nset_a/normal__201101070538.wav,1,S2,22050\nset_a/gone__1.wav,1,S1,10\n';
    writeFileSync(path.join(root, 'set_a_timing.csv'), csv);
    const { records, issues } = await pascal.list(root);
    const events = records.find((r) => r.labels.id === 'pascal/normal__201101070538')?.labels.events;
    expect(events).toEqual([
      { type: 'S1', startS: 0.1, endS: 0.1 },
      { type: 'S2', startS: 0.5, endS: 0.5 },
    ]);
    expect(issues.some((i) => i.kind === 'missing-audio' && i.file === 'set_a/gone__1.wav')).toBe(true);
    rmSync(root, { recursive: true });
  });
});
