// Practice cases for students: a synthesized recording of a seeded condition (or a labeled library recording, see
// libraryCase.ts), and the student's answer (normal or abnormal, findings, site) scored against its labels (the running
// score is summed from the practice history: src/core/report/practiceHistory.ts).
import {
  HEART_FINDINGS,
  LUNG_FINDINGS,
  NORMAL_FINDINGS,
  type Domain,
  type Finding,
  type Site,
} from '../clinical/schema';
import { SYNTH_CONDITIONS, synthesizeCondition } from '../synth';

export const PRACTICE_DURATION_S = 8;
export const PRACTICE_RATE_HZ = 4000;

export interface PracticeCase {
  id: string;
  source: 'synth' | 'library';
  /** What the case is, shown with the truth: the synthesized condition or the recording's name. */
  title: string;
  /** Source and licence credit of a library recording, shown while practising (CC BY needs it). */
  attribution?: string;
  samples: Float32Array;
  sampleRateHz: number;
  domain: Domain;
  site: Site;
  findings: Finding[];
  normal: boolean;
}
export interface StudentAnswer {
  normal: boolean | null;
  findings: Finding[];
  site: Site;
}
export interface CaseScore {
  normalCorrect: boolean;
  /** Jaccard overlap of the abnormal findings named and present (1 when both are empty). */
  findingsOverlap: number;
  missed: Finding[];
  extra: Finding[];
  /** null when the case's site is unknown (not scored). */
  siteCorrect: boolean | null;
  /** One for normal/abnormal, the overlap for findings, one for the site when it is known. */
  points: number;
  maxPoints: number;
}

const abnormal = (fs: readonly Finding[]) => fs.filter((f) => !NORMAL_FINDINGS.includes(f));

/** The condition and recording for a seed (the same seed always gives the same case). */
export function makeCase(seed: number, durationS = PRACTICE_DURATION_S): PracticeCase {
  const condition = SYNTH_CONDITIONS[Math.abs(Math.floor(seed)) % SYNTH_CONDITIONS.length];
  const r = synthesizeCondition(condition, {
    seed,
    durationS,
    sampleRateHz: PRACTICE_RATE_HZ,
  });
  const findings = r.labels.findings.filter((f) => f !== 'poor-quality');
  return {
    id: `practice-${seed}`,
    source: 'synth',
    title: condition.replaceAll('-', ' '),
    samples: r.samples,
    sampleRateHz: r.sampleRateHz,
    domain: r.labels.domain,
    site: r.labels.site,
    findings,
    normal: abnormal(findings).length === 0,
  };
}

/** Findings a student may tick for the case's domain (normal sounds are implied by "normal"). */
export function findingChoices(domain: Domain): Finding[] {
  return abnormal(domain === 'heart' ? [...HEART_FINDINGS] : [...LUNG_FINDINGS]);
}

export function scoreCase(c: PracticeCase, a: StudentAnswer): CaseScore {
  const truth = new Set(abnormal(c.findings));
  const named = new Set(abnormal(a.findings));
  const both = [...named].filter((f) => truth.has(f)).length;
  const union = new Set([...truth, ...named]).size;
  const findingsOverlap = union === 0 ? 1 : both / union;
  const normalCorrect = a.normal === c.normal;
  const siteCorrect = c.site === 'unknown' ? null : a.site === c.site;
  return {
    normalCorrect,
    findingsOverlap,
    missed: [...truth].filter((f) => !named.has(f)),
    extra: [...named].filter((f) => !truth.has(f)),
    siteCorrect,
    points: Number(normalCorrect) + findingsOverlap + Number(siteCorrect === true),
    maxPoints: siteCorrect === null ? 2 : 3,
  };
}
