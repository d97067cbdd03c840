// Labeled library recordings become practice cases with their truth and attribution; unlabeled ones never do.
import { describe, expect, it } from 'vitest';
import type { RecordingMeta } from '../clinical/recording';
import { caseFromRecording, labeledRecordings, nthLabeled } from './libraryCase';
import { scoreCase } from './practiceCase';

const base = (id: string, createdAtMs: number, extra: Partial<RecordingMeta> = {}): RecordingMeta => ({
  id,
  name: `rec ${id}`,
  createdAtMs,
  durationSec: 1,
  sampleRateHz: 4000,
  site: 'MV',
  notes: '',
  source: 'import',
  status: 'ready',
  ...extra,
});
const murmur = {
  domain: 'heart' as const,
  normal: false,
  findings: ['systolic-murmur' as const],
  attribution: 'CirCor 2022, CC BY 4.0',
};

describe('library practice cases', () => {
  const list = [
    base('c', 3, { truth: { domain: 'heart', normal: true, findings: [], attribution: '' } }),
    base('a', 1, { truth: murmur }),
    base('b', 2),
    base('d', 4, { truth: murmur, status: 'importing' }),
  ];

  it('uses only finished recordings with ground truth, oldest first, cycling', () => {
    expect(labeledRecordings(list).map((m) => m.id)).toEqual(['a', 'c']);
    expect([0, 1, 2, 3].map((n) => nthLabeled(list, n)?.id)).toEqual(['a', 'c', 'a', 'c']);
    expect(nthLabeled([base('x', 1)], 0)).toBeNull();
  });

  it('carries the truth, site and attribution into a case that scores like a synthesized one', () => {
    const [a] = labeledRecordings(list);
    const samples = new Float32Array(4000);
    const c = caseFromRecording(a, { samples, sampleRateHz: 4000 });
    expect(c).toMatchObject({
      id: 'a',
      source: 'library',
      title: 'rec a',
      attribution: murmur.attribution,
      domain: 'heart',
      site: 'MV',
      normal: false,
      findings: ['systolic-murmur'],
    });
    expect(scoreCase(c, { normal: false, findings: ['systolic-murmur'], site: 'MV' }).points).toBe(3);
    expect(scoreCase(c, { normal: true, findings: [], site: 'AV' }).points).toBe(0);
  });

  it('drops finding labels the schema no longer knows and an empty attribution', () => {
    const odd = base('o', 1, {
      truth: { ...murmur, attribution: '  ', findings: ['systolic-murmur', 'gone' as never] },
    });
    const c = caseFromRecording(odd as Parameters<typeof caseFromRecording>[0], {
      samples: new Float32Array(1),
      sampleRateHz: 4000,
    });
    expect(c.findings).toEqual(['systolic-murmur']);
    expect(c.attribution).toBeUndefined();
  });
});
