// The FHIR export is checked with the structural R4 validator, and the validator is checked to catch real mistakes.
import { describe, expect, it } from 'vitest';
import type { FindingHead } from '../manifest/heads';
import { findingCoding, reportToFhir } from './recordingFhir';
import { validateFhirBundle } from './fhirValidate';
import { RESEARCH_DISCLAIMER, type WorkspaceReport } from './recordingReport';

const report = (over: Partial<WorkspaceReport> = {}): WorkspaceReport => ({
  id: 'r1',
  issuedIso: '2026-11-28T03:10:00.000Z',
  recording: { id: 'rec1', name: 'Mitral <test> & co', domain: 'heart', site: 'MV', durationSec: 12 },
  model: { id: 'tiny-random', backend: 'wasm', dtype: 'q4' },
  answers: [
    { task: 'classification', title: 'Classification', instruction: 'Normal?', answer: 'Abnormal.' },
    { task: 'detection', title: 'Detection', instruction: 'Findings?', answer: 'A systolic murmur.' },
  ],
  findings: [
    { label: 'systolic-murmur', probability: 0.91 },
    { label: 'split-s2', probability: 0.6 },
    { label: 'wheeze', probability: 0.1 },
  ],
  findingThreshold: 0.5,
  heartRateBpm: 72.44,
  ...over,
});

function counterIds(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
}

describe('FHIR R4 export', () => {
  it('is a valid collection Bundle: DiagnosticReport + one Observation per present finding + heart rate', () => {
    const b = reportToFhir(report(), counterIds());
    expect(validateFhirBundle(b)).toEqual([]);
    const types = b.entry.map((e) => e.resource.resourceType);
    expect(types).toEqual(['DiagnosticReport', 'Observation', 'Observation', 'Observation']);
    const [dr, murmur, split, hr] = b.entry.map((e) => e.resource);
    expect(dr.result).toEqual(b.entry.slice(1).map((e) => ({ reference: e.fullUrl })));
    expect(String(dr.conclusion)).toContain(RESEARCH_DISCLAIMER);
    expect(String((dr.text as { div: string }).div)).toContain('Mitral &#60;test&#62; &#38; co');
    expect(murmur.code).toMatchObject({
      coding: [{ system: 'http://snomed.info/sct', code: '31574009' }, { code: 'systolic-murmur' }],
    });
    // no SNOMED mapping checked for a split S2: exported with Auscult's code only
    expect((split.code as { coding: unknown[] }).coding).toEqual([
      { system: 'urn:auscult:finding', code: 'split-s2', display: expect.any(String) },
    ]);
    expect(hr.valueQuantity).toMatchObject({ value: 72.4, code: '/min' });
  });

  it('exports lung findings with SNOMED crackles / wheeze codes, respiratory rate, and no result when none', () => {
    const lung = reportToFhir(
      report({
        recording: { id: 'l', name: 'back', domain: 'lung', site: 'posterior-left-lower', durationSec: 20 },
        findings: [
          { label: 'fine-crackles', probability: 0.7 },
          { label: 'wheeze', probability: 0.8 },
        ],
        heartRateBpm: undefined,
        respiratoryRatePerMin: 18,
      }),
      counterIds(),
    );
    expect(validateFhirBundle(lung)).toEqual([]);
    const codes = lung.entry
      .slice(1)
      .map((e) => (e.resource.code as { coding: { code: string }[] }).coding[0].code);
    expect(codes).toEqual(['56018004', '48409008', '9279-1']);
    const none = reportToFhir(report({ findings: [], heartRateBpm: undefined }), counterIds());
    expect(validateFhirBundle(none)).toEqual([]);
    expect(none.entry).toHaveLength(1);
  });

  it('the validator rejects broken bundles', () => {
    const b = reportToFhir(report(), counterIds());
    const broken = structuredClone(b) as unknown as {
      entry: { fullUrl: string; resource: Record<string, unknown> }[];
    };
    broken.entry[1].resource.status = 'done';
    broken.entry[1].resource.valueString = 'x';
    broken.entry[2].fullUrl = 'urn:uuid:00000000-0000-4000-8000-999999999999';
    broken.entry[0].resource.effectiveDateTime = '28/11/2026';
    broken.entry[3].resource.note = [];
    const errors = validateFhirBundle(broken);
    console.log('validator caught:', errors.length, 'problems');
    expect(errors.some((e) => e.includes('Observation.status'))).toBe(true);
    expect(errors.some((e) => e.includes('more than one value[x]'))).toBe(true);
    expect(errors.some((e) => e.includes('does not resolve'))).toBe(true);
    expect(errors.some((e) => e.includes('effectiveDateTime'))).toBe(true);
    expect(errors.some((e) => e.includes('empty'))).toBe(true);
  });

  it('codes findings-head groups by the schema findings the manifest says they stand for', () => {
    const heads = new Map<string, FindingHead>([
      [
        'murmur',
        {
          label: 'murmur',
          kind: 'finding',
          findings: ['systolic-murmur', 'diastolic-murmur', 'continuous-murmur'],
          domain: 'heart',
        },
      ],
      [
        'crackles',
        {
          label: 'crackles',
          kind: 'finding',
          findings: ['fine-crackles', 'coarse-crackles'],
          domain: 'lung',
        },
      ],
      ['wheeze', { label: 'wheeze', kind: 'finding', findings: ['wheeze'], domain: 'lung' }],
      ['abnormal', { label: 'abnormal', kind: 'abnormal', findings: [], domain: 'any' }],
      ['poor-quality', { label: 'poor-quality', kind: 'finding', findings: ['poor-quality'], domain: 'any' }],
      ['lung', { label: 'lung', kind: 'domain', findings: [], domain: 'lung' }],
    ]); // as training/export/heads.ts writes them (training/export/heads.test.ts)
    const f = (label: string, probability: number) => ({ label, probability, head: heads.get(label) });
    const murmur = findingCoding(f('murmur', 0.9));
    expect(murmur).toEqual([
      {
        system: 'urn:auscult:findings-head',
        code: 'murmur',
        display: expect.stringContaining('systolic murmur'),
      },
    ]);
    expect(findingCoding(f('crackles', 0.9))[0]).toMatchObject({
      system: 'http://snomed.info/sct',
      code: '48409008',
    });
    expect(findingCoding(f('wheeze', 0.9)).map((c) => c.code)).toEqual(['56018004', 'wheeze']);
    const b = reportToFhir(
      report({
        findings: [
          f('murmur', 0.9),
          f('lung', 0.95),
          f('wheeze', 0.8),
          f('abnormal', 0.7),
          f('poor-quality', 0.6),
        ],
      }),
      counterIds(),
    );
    expect(validateFhirBundle(b)).toEqual([]);
    // a heart recording: the lung-vs-heart head and lung findings are not findings of this recording
    const codes = b.entry
      .slice(1, -1)
      .map((e) => (e.resource.code as { coding: { code: string }[] }).coding.at(-1)?.code);
    expect(codes).toEqual(['murmur', 'abnormal', 'poor-quality']);
  });
});
