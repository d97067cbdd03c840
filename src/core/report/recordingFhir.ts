// FHIR R4 export of a workspace report: a collection Bundle with one DiagnosticReport and an Observation per present
// finding (SNOMED CT where mapped) plus heart/respiratory rate (LOINC). Carries the research-use disclaimer.
import { isFinding } from '../clinical/schema';
import { FINDING_KB } from '../clinical/knowledge';
import { siteName } from '../clinical/sites';
import {
  presentFindings,
  reportFindingName,
  RESEARCH_DISCLAIMER,
  type ReportFinding,
  type WorkspaceReport,
} from './recordingReport';
import { findingCoding } from './codes';
import { collectionBundle, type FhirBundle, type FhirResource } from './examFhir';
import { fhirString, xhtmlNarrative } from './fhirText';
import { AUSCULTATION, BODY_SITE, HEART_RATE, RESPIRATORY_RATE, type Code } from './snomed';

// The FHIR resource and bundle shapes are defined once, with the exam report's (src/core/report/examFhir.ts).
export type { FhirBundle, FhirResource };
export { findingCoding };

const EXAM = {
  system: 'http://terminology.hl7.org/CodeSystem/observation-category',
  code: 'exam',
  display: 'Exam',
};
const VITALS = {
  system: 'http://terminology.hl7.org/CodeSystem/observation-category',
  code: 'vital-signs',
  display: 'Vital Signs',
};

/** Builds the Bundle; `newId` makes ids (crypto.randomUUID in the app, a counter in tests). */
export function reportToFhir(
  r: WorkspaceReport,
  newId: () => string = () => crypto.randomUUID(),
): FhirBundle {
  const observations: FhirResource[] = [
    ...presentFindings(r).map((f) => findingObservation(r, f, newId())),
    ...rateObservations(r, newId),
  ];
  const entries = observations.map((o) => ({ fullUrl: `urn:uuid:${o.id}`, resource: o }));
  const report = diagnosticReport(
    r,
    newId(),
    entries.map((e) => e.fullUrl),
  );
  return collectionBundle(newId(), r.issuedIso, report, entries);
}

function diagnosticReport(r: WorkspaceReport, id: string, results: string[]): FhirResource {
  const answers = r.answers.map((a) => `${a.title}: ${a.answer.trim()}`).join('\n');
  const conclusion = fhirString(`${RESEARCH_DISCLAIMER}\n${answers}`);
  return {
    resourceType: 'DiagnosticReport',
    id,
    status: 'preliminary',
    category: [{ coding: [EXAM] }],
    code: {
      coding: [AUSCULTATION],
      text: `Auscultation of the ${r.recording.domain} (${siteName(r.recording.site)})`,
    },
    effectiveDateTime: r.issuedIso,
    issued: r.issuedIso,
    ...(results.length > 0 ? { result: results.map((reference) => ({ reference })) } : {}),
    conclusion,
    text: { status: 'generated', div: narrative(r, conclusion) },
    extension: [
      { url: 'urn:auscult:model', valueString: `${r.model.id} (${r.model.dtype}, ${r.model.backend})` },
    ],
  };
}

function findingObservation(r: WorkspaceReport, f: ReportFinding, id: string): FhirResource {
  const coding = findingCoding(f);
  return {
    resourceType: 'Observation',
    id,
    status: 'preliminary',
    category: [{ coding: [EXAM] }],
    code: { coding, text: reportFindingName(f) },
    effectiveDateTime: r.issuedIso,
    valueBoolean: true,
    bodySite: { coding: [BODY_SITE[r.recording.domain]], text: siteName(r.recording.site) },
    method: { coding: [AUSCULTATION], text: 'On-device model findings head' },
    component: [
      {
        code: { text: 'Model probability' },
        valueQuantity: {
          value: round(f.probability, 3),
          unit: '1',
          system: 'http://unitsofmeasure.org',
          code: '1',
        },
      },
    ],
    note: [{ text: RESEARCH_DISCLAIMER }],
  };
}

function rateObservations(r: WorkspaceReport, newId: () => string): FhirResource[] {
  const rate = (code: Code, value: number): FhirResource => ({
    resourceType: 'Observation',
    id: newId(),
    status: 'preliminary',
    category: [{ coding: [VITALS] }],
    code: { coding: [code], text: code.display },
    effectiveDateTime: r.issuedIso,
    valueQuantity: {
      value: round(value, 1),
      unit: '/min',
      system: 'http://unitsofmeasure.org',
      code: '/min',
    },
    method: { text: 'Estimated from the recording by signal analysis' },
    note: [{ text: RESEARCH_DISCLAIMER }],
  });
  const out: FhirResource[] = [];
  if (r.heartRateBpm !== undefined) out.push(rate(HEART_RATE, r.heartRateBpm));
  if (r.respiratoryRatePerMin !== undefined) out.push(rate(RESPIRATORY_RATE, r.respiratoryRatePerMin));
  return out;
}

export function findingName(label: string): string {
  return isFinding(label) ? FINDING_KB[label].name : label;
}

function narrative(r: WorkspaceReport, conclusion: string): string {
  return xhtmlNarrative([`Recording: ${r.recording.name}`, ...conclusion.split('\n')]);
}

function round(x: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(x * k) / k;
}
