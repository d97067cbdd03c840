// FHIR R4 export of an exam: a collection Bundle with one DiagnosticReport for the exam and one Observation per site,
// whose bodySite carries the site's SNOMED CT body structure; the summary is the report's conclusion.
import { siteName } from '../clinical/sites';
import { findingCoding } from './codes';
import { siteCall } from './summary';
import {
  RESEARCH_DISCLAIMER,
  reportLines,
  siteFindings,
  statementLine,
  type ExamReport,
  type ExamReportSite,
} from './examReport';
import { fhirString, xhtmlNarrative } from './fhirText';
import { AUSCULTATION, siteBodyStructure } from './snomed';

export type FhirResource = { resourceType: string; id: string } & Record<string, unknown>;
export interface FhirBundle {
  resourceType: 'Bundle';
  id: string;
  type: 'collection';
  timestamp: string;
  entry: { fullUrl: string; resource: FhirResource }[];
}

const CATEGORY_EXAM = {
  coding: [
    { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'exam', display: 'Exam' },
  ],
};
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const NOT_PERFORMED = {
  coding: [
    {
      system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason',
      code: 'not-performed',
      display: 'Not Performed',
    },
  ],
};

/** Builds the Bundle; `newId` makes ids (crypto.randomUUID in the app, a counter in tests). */
export function examToFhir(r: ExamReport, newId: () => string = () => crypto.randomUUID()): FhirBundle {
  const effective = new Date(r.exam.createdAtMs).toISOString();
  const observations = r.sites.map((s) => siteObservation(r, s, effective, newId()));
  const entries = observations.map((o) => ({ fullUrl: `urn:uuid:${o.id}`, resource: o }));
  const conclusion = fhirString([RESEARCH_DISCLAIMER, ...r.statements.map(statementLine)].join('\n'));
  const report: FhirResource = {
    resourceType: 'DiagnosticReport',
    id: newId(),
    text: { status: 'generated', div: xhtmlNarrative(reportLines(r)) },
    status: 'preliminary',
    category: [CATEGORY_EXAM],
    code: { coding: [AUSCULTATION], text: `Auscultation exam: ${r.exam.label}` },
    effectiveDateTime: effective,
    issued: r.issuedIso,
    result: entries.map((e) => ({ reference: e.fullUrl, type: 'Observation' })),
    conclusion,
  };
  return collectionBundle(newId(), r.issuedIso, report, entries);
}

/** A collection Bundle: the DiagnosticReport first, then its entries (both exports build theirs this way). */
export function collectionBundle(
  id: string,
  timestamp: string,
  report: FhirResource,
  entries: FhirBundle['entry'],
): FhirBundle {
  return {
    resourceType: 'Bundle',
    id,
    type: 'collection',
    timestamp,
    entry: [{ fullUrl: `urn:uuid:${report.id}`, resource: report }, ...entries],
  };
}

function siteObservation(r: ExamReport, s: ExamReportSite, effective: string, id: string): FhirResource {
  const name = siteName(s.site);
  const base: FhirResource = {
    resourceType: 'Observation',
    id,
    status: s.state === 'recorded' ? 'preliminary' : 'cancelled',
    category: [CATEGORY_EXAM],
    code: { coding: [AUSCULTATION], text: `Auscultation of the ${s.domain}, ${name}` },
    effectiveDateTime: effective,
    bodySite: { coding: [siteBodyStructure(s.site, s.domain)], text: name },
    method: { coding: [AUSCULTATION], text: 'Recorded and assessed by the on-device model' },
    note: [{ text: RESEARCH_DISCLAIMER }],
  };
  if (s.state !== 'recorded') return { ...base, dataAbsentReason: NOT_PERFORMED };
  const call = siteCall(s, r.findingThreshold);
  const answer = s.answer ? fhirString(s.answer.text) : '';
  const findings = siteFindings(s);
  return {
    ...base,
    ...(answer ? { valueString: answer } : {}),
    ...(call && call.abnormal !== null ? { interpretation: [interpretation(call.abnormal)] } : {}),
    ...(findings.length
      ? {
          component: findings.map((f) => ({
            code: { coding: findingCoding(f), text: 'Model probability' },
            valueQuantity: {
              value: Math.round(f.probability * 1000) / 1000,
              unit: '1',
              system: 'http://unitsofmeasure.org',
              code: '1',
            },
          })),
        }
      : {}),
  };
}

function interpretation(abnormal: boolean) {
  return {
    coding: [
      abnormal
        ? { system: INTERPRETATION, code: 'A', display: 'Abnormal' }
        : { system: INTERPRETATION, code: 'N', display: 'Normal' },
    ],
  };
}
