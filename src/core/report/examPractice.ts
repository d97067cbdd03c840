// Practice on a whole exam: the student marks each site (normal or abnormal, the findings heard) before the reveal;
// each site is then scored against its ground truth, next to whether the model's call at that site was right.
import { NORMAL_FINDINGS, type Finding, type Site } from '../clinical/schema';
import type { SiteCall } from './summary';

export interface SiteTruth {
  normal: boolean;
  /** Findings present (normal sounds are implied by `normal`). */
  findings: readonly Finding[];
}
export interface SiteMark {
  normal: boolean | null;
  findings: readonly Finding[];
}
export interface SitePractice {
  site: Site;
  truth: SiteTruth;
  mark: SiteMark;
  /** The model's call at the site (src/core/report/summary siteCall), when it was assessed. */
  modelCall?: SiteCall;
}
export interface SiteScore {
  site: Site;
  normalCorrect: boolean;
  /** Jaccard overlap of the abnormal findings marked and present (1 when both are empty). */
  findingsOverlap: number;
  missed: Finding[];
  extra: Finding[];
  /** One for normal/abnormal plus the overlap, out of 2. */
  points: number;
  /** Whether the model's normal/abnormal call matched the truth; null when the site was not assessed. */
  modelCorrect: boolean | null;
}
export interface ExamPracticeScore {
  sites: SiteScore[];
  points: number;
  maxPoints: number;
  modelCorrect: number;
  modelScored: number;
}

const abnormal = (fs: readonly Finding[]) =>
  fs.filter((f) => !NORMAL_FINDINGS.includes(f) && f !== 'poor-quality');

/** Jaccard overlap of two finding sets, normal sounds left out; 1 when both name no abnormal finding. */
export function findingsOverlap(truth: readonly Finding[], named: readonly Finding[]): number {
  const t = new Set(abnormal(truth));
  const n = new Set(abnormal(named));
  const union = new Set([...t, ...n]).size;
  return union === 0 ? 1 : [...n].filter((f) => t.has(f)).length / union;
}

export function scoreSite(p: SitePractice): SiteScore {
  const truth = new Set(abnormal(p.truth.findings));
  const named = new Set(abnormal(p.mark.findings));
  const normalCorrect = p.mark.normal === p.truth.normal;
  const overlap = findingsOverlap(p.truth.findings, p.mark.findings);
  return {
    site: p.site,
    normalCorrect,
    findingsOverlap: overlap,
    missed: [...truth].filter((f) => !named.has(f)),
    extra: [...named].filter((f) => !truth.has(f)),
    points: Number(normalCorrect) + overlap,
    modelCorrect: p.modelCall?.abnormal == null ? null : !p.modelCall.abnormal === p.truth.normal,
  };
}

export function scoreExamPractice(sites: readonly SitePractice[]): ExamPracticeScore {
  const scored = sites.map((s) => scoreSite(s));
  const judged = scored.filter((s) => s.modelCorrect !== null);
  return {
    sites: scored,
    points: scored.reduce((n, s) => n + s.points, 0),
    maxPoints: 2 * scored.length,
    modelCorrect: judged.filter((s) => s.modelCorrect).length,
    modelScored: judged.length,
  };
}
