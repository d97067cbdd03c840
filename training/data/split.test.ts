import { describe, expect, it } from 'vitest';
import type { RecordingLabels } from '../../src/core/clinical/schema';
import { assignSplits, patientKey, splitForKey } from './split';
import type { SourceRecord } from './sources/types';

function rec(
  source: RecordingLabels['source'],
  patient: string,
  officialSplit?: 'train' | 'test',
): SourceRecord {
  const labels: RecordingLabels = {
    id: `${source}/${patient}`,
    source,
    patient,
    domain: 'lung',
    site: 'unknown',
    findings: [],
    normal: null,
    events: [],
    diagnosis: [],
    ...(officialSplit ? { officialSplit } : {}),
  };
  return { labels, audioPath: '' };
}

describe('patient split', () => {
  it('is deterministic for a seed and close to the ratios', () => {
    const keys = Array.from({ length: 4000 }, (_, i) => `circor/${i}`);
    const a = keys.map((k) => splitForKey(7, k));
    expect(keys.map((k) => splitForKey(7, k))).toEqual(a);
    const train = a.filter((s) => s === 'train').length / a.length;
    const val = a.filter((s) => s === 'val').length / a.length;
    console.log(`train share ${train.toFixed(3)}, val share ${val.toFixed(3)} (target 0.70 / 0.15)`);
    expect(Math.abs(train - 0.7)).toBeLessThan(0.03);
    expect(Math.abs(val - 0.15)).toBeLessThan(0.03);
    expect(keys.map((k) => splitForKey(8, k))).not.toEqual(a);
  });
  it('keeps every patient in one split and official test patients in test', () => {
    const records = [
      rec('sprsound', 'p1', 'train'),
      rec('sprsound', 'p1', 'test'),
      rec('sprsound', 'p2', 'train'),
    ];
    for (let i = 0; i < 200; i++) records.push(rec('yaseen', `y${i % 50}`));
    const splits = assignSplits(records, 1);
    expect(splits.slice(0, 2)).toEqual(['test', 'test']);
    const byPatient = new Map<string, Set<string>>();
    records.forEach((r, i) =>
      byPatient.set(patientKey(r), (byPatient.get(patientKey(r)) ?? new Set()).add(splits[i])),
    );
    for (const s of byPatient.values()) expect(s.size).toBe(1);
  });
  it("with the 'recording' policy keeps only official test recordings in test", () => {
    const records = [
      rec('sprsound', 'p1', 'train'),
      rec('sprsound', 'p1', 'test'),
      rec('sprsound', 'p1', 'train'),
    ];
    const splits = assignSplits(records, 1, undefined, 'recording');
    expect(splits[1]).toBe('test');
    expect(splits[0]).not.toBe('test');
    expect(splits[2]).toBe(splits[0]);
  });
  it('prefixes patients with the source so equal ids in two sources split independently', () => {
    expect(patientKey(rec('circor', '1'))).toBe('circor/1');
    expect(patientKey({ ...rec('circor', '9'), splitKey: '3' })).toBe('circor/3');
  });
});
