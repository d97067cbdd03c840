// SNOMED CT and LOINC codes for the FHIR exports: findings, body structures of auscultation sites, rates. Only codes
// checked against published FHIR value sets or SNOMED browsers are listed; findings without one get Auscult's own code.
import type { Domain, Finding, HeartSite, LungSite, Site } from '../clinical/schema';
import { isHeartSite, isLungSite } from '../clinical/schema';

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

const sct = (code: string, display: string): Code => ({ system: SNOMED, code, display });

/** Valve areas by the valve whose sounds they carry best (CirCor's "Phc" has no structure of its own). */
const HEART_SITE_SNOMED: Partial<Record<HeartSite, Code>> = {
  AV: sct('34202007', 'Aortic valve structure'),
  PV: sct('39057004', 'Pulmonary valve structure'),
  TV: sct('46030003', 'Tricuspid valve structure'),
  MV: sct('91134007', 'Mitral valve structure'),
};
const LUNG_SNOMED = {
  trachea: sct('44567001', 'Trachea structure'),
  right: sct('3341006', 'Right lung structure'),
  left: sct('44029006', 'Left lung structure'),
  'right-upper': sct('42400003', 'Structure of upper lobe of right lung'),
  'left-upper': sct('44714003', 'Structure of upper lobe of left lung'),
  'right-middle': sct('72481006', 'Structure of middle lobe of right lung'),
  'right-lower': sct('266005', 'Structure of lower lobe of right lung'),
  'left-lower': sct('41224006', 'Structure of lower lobe of left lung'),
} as const;

/**
 * The body structure under a chest zone: the lobe where the zone lies over one (upper zones: upper lobes; back
 * and side bases: lower lobes; right front middle/lower: middle lobe), else the side's lung. The zone itself is
 * the CodeableConcept's text.
 */
function lungSiteCode(site: LungSite): Code {
  if (site === 'trachea') return LUNG_SNOMED.trachea;
  const [aspect, side, level] = site.split('-') as [string, 'left' | 'right', string | undefined];
  if (level === 'upper') return LUNG_SNOMED[`${side}-upper`];
  if (side === 'right' && aspect === 'anterior' && level) return LUNG_SNOMED['right-middle'];
  if (level === 'lower') return LUNG_SNOMED[`${side}-lower`];
  return LUNG_SNOMED[side];
}

/** SNOMED CT body structure of an auscultation site, or the domain's organ when the site has none of its own. */
export function siteBodyStructure(site: Site, domain: Domain): Code {
  if (isHeartSite(site)) return HEART_SITE_SNOMED[site] ?? BODY_SITE.heart;
  if (isLungSite(site)) return lungSiteCode(site);
  return BODY_SITE[domain];
}
