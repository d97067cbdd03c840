// SNOMED CT and LOINC codes for the report's FHIR export. Only codes checked against published FHIR value sets are
// listed; findings without one are exported with Auscult's own code system and their text.
import type { Domain, Finding } from '../../../core/clinical/schema';

export const SNOMED = 'http://snomed.info/sct';
export const LOINC = 'http://loinc.org';
/** Auscult's own finding vocabulary (src/core/clinical/schema FINDINGS), so every finding has a machine code. */
export const AUSCULT_FINDINGS = 'urn:auscult:finding';
/** Findings-head outputs that stand for a group of findings (manifest `findings.heads`, e.g. "murmur"). */
export const AUSCULT_HEADS = 'urn:auscult:findings-head';

export interface Code {
  system: string;
  code: string;
  display: string;
}

export const FINDING_SNOMED: Partial<Record<Finding, Code>> = {
  'systolic-murmur': { system: SNOMED, code: '31574009', display: 'Systolic murmur' },
  'diastolic-murmur': { system: SNOMED, code: '30782001', display: 'Diastolic murmur' },
  'continuous-murmur': { system: SNOMED, code: '88610006', display: 'Heart murmur' },
  s3: { system: SNOMED, code: '1285004', display: 'Third heart sound, S>3<' },
  'ejection-click': { system: SNOMED, code: '3747008', display: 'Ejection click' },
  'irregular-rhythm': { system: SNOMED, code: '361137007', display: 'Irregular heart beat' },
  'fine-crackles': { system: SNOMED, code: '48409008', display: 'Respiratory crackles' },
  'coarse-crackles': { system: SNOMED, code: '48409008', display: 'Respiratory crackles' },
  wheeze: { system: SNOMED, code: '56018004', display: 'Wheezing' },
  rhonchi: { system: SNOMED, code: '24612001', display: 'Rhonchi' },
  stridor: { system: SNOMED, code: '70407001', display: 'Stridor' },
};

export const AUSCULTATION: Code = { system: SNOMED, code: '37931006', display: 'Auscultation' };
export const BODY_SITE: Record<Domain, Code> = {
  heart: { system: SNOMED, code: '80891009', display: 'Heart structure' },
  lung: { system: SNOMED, code: '39607008', display: 'Lung structure' },
};
export const HEART_RATE: Code = { system: LOINC, code: '8867-4', display: 'Heart rate' };
export const RESPIRATORY_RATE: Code = { system: LOINC, code: '9279-1', display: 'Respiratory rate' };
