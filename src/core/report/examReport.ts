// The exam report: the exam's sites with their recording, model outputs and answer, and the summary statements —
// the one structure the print view, the FHIR bundle and the shared archive are all built from.
import type { Exam, SiteState } from '../clinical/exam';
import { siteState } from '../clinical/exam';
import type { Domain, Site } from '../clinical/schema';
import { siteName } from '../clinical/sites';
import { legacyHead, type HeadProbability } from '../manifest/heads';
import { summarizeExam, type SiteOutput, type SummaryStatement } from './summary';

export const RESEARCH_DISCLAIMER =
  'Research and education use only — not a medical device. Model answers can be wrong; do not use them for diagnosis or treatment.';

export interface ExamReportSite {
  site: Site;
  domain: Domain;
  state: SiteState;
  recordingName?: string;
  /** The findings head's outputs for the site's recording (empty until it was assessed). */
  findings: HeadProbability[];
  uncertainReasons?: readonly string[];
  verdict?: SiteOutput['verdict'];
  /** The model's streamed answer for the site, when asked. */
  answer?: { question: string; text: string };
  /** Credit of a labelled recording (open datasets). */
  attribution?: string;
}

export interface ExamReport {
  exam: Pick<Exam, 'id' | 'label' | 'createdAtMs' | 'ageGroup' | 'sex' | 'notes'>;
  issuedIso: string;
  model: { id: string; backend: string; dtype: string };
  sites: ExamReportSite[];
  statements: SummaryStatement[];
  /** Probability at or above which a finding is reported as present. */
  findingThreshold: number;
}

export type SiteInput = Omit<ExamReportSite, 'state' | 'site'>;

/** Joins the exam with what is known per site (`bySite`) and derives the summary from the assessed sites. */
export function buildExamReport(
  exam: Exam,
  bySite: ReadonlyMap<Site, SiteInput>,
  opts: { issuedIso: string; model: ExamReport['model']; findingThreshold?: number; fallbackDomain: Domain },
): ExamReport {
  const findingThreshold = opts.findingThreshold ?? 0.5;
  const sites: ExamReportSite[] = exam.sites.map((s) => {
    const known = bySite.get(s.site);
    return {
      domain: opts.fallbackDomain,
      findings: [],
      ...known,
      site: s.site,
      state: siteState(s),
    };
  });
  const outputs: SiteOutput[] = sites
    .filter((s) => s.state === 'recorded' && s.findings.length > 0)
    .map(({ site, domain, findings, uncertainReasons, verdict }) => ({
      site,
      domain,
      findings,
      uncertainReasons,
      verdict,
    }));
  const { id, label, createdAtMs, ageGroup, sex, notes } = exam;
  return {
    exam: { id, label, createdAtMs, ageGroup, sex, notes },
    issuedIso: opts.issuedIso,
    model: opts.model,
    sites,
    statements: summarizeExam(outputs, findingThreshold),
    findingThreshold,
  };
}

/** Head outputs that describe a site of `domain` (no lung-vs-heart head, no other domain's findings), most probable first. */
export function siteFindings(s: Pick<ExamReportSite, 'findings' | 'domain'>): HeadProbability[] {
  return s.findings
    .filter((f) => {
      const h = f.head ?? legacyHead(f.label);
      return h.kind !== 'domain' && (h.domain === 'any' || h.domain === s.domain);
    })
    .sort((a, b) => b.probability - a.probability);
}

export function statementLine(s: SummaryStatement): string {
  return s.confidence === null ? s.text : `${s.text} (confidence ${s.confidence.toFixed(2)})`;
}

/** "adult, female" style description of the optional demographics, or null. */
export function demographics(r: Pick<ExamReport, 'exam'>): string | null {
  const parts = [r.exam.ageGroup, r.exam.sex].filter((x) => x !== undefined);
  return parts.length ? parts.join(', ') : null;
}

/** The report as plain text lines (the print view's content, the archive's README and the FHIR narrative). */
export function reportLines(r: ExamReport): string[] {
  const who = demographics(r);
  const lines = [
    `Exam: ${r.exam.label}`,
    `Date: ${new Date(r.exam.createdAtMs).toISOString()}`,
    ...(who ? [`Patient: ${who}`] : []),
    ...(r.exam.notes ? [`Notes: ${r.exam.notes}`] : []),
    `Model: ${r.model.id} (${r.model.dtype}) on ${r.model.backend}`,
    'Summary:',
    ...r.statements.map((s) => `- ${statementLine(s)}`),
    'Sites:',
  ];
  for (const s of r.sites) {
    const head = `- ${siteName(s.site)}: ${s.state}${s.recordingName ? ` (${s.recordingName})` : ''}`;
    lines.push(head);
    if (s.answer) lines.push(`  Answer: ${s.answer.text.trim()}`);
  }
  return [...lines, RESEARCH_DISCLAIMER];
}
