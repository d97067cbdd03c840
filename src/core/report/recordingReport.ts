// The structured report "Run all seven" fills: one answer per task plus findings and measured rates, with the
// research-use disclaimer that every export (print page, FHIR JSON) carries.
import type { Domain, Site } from '../clinical/schema';
import { headName, legacyHead, type FindingHead } from '../manifest/heads';
import type { TaskId } from '../tasks/types';

export { RESEARCH_DISCLAIMER } from './examReport';

export interface ReportAnswer {
  task: TaskId;
  title: string;
  instruction: string;
  answer: string;
}
export interface ReportFinding {
  /** A findings-head label ("systolic-murmur", or a group such as "murmur"; `head` says what it stands for). */
  label: string;
  probability: number;
  /** From the model manifest (src/core/manifest/heads.ts); absent: the label is read as a schema finding. */
  head?: FindingHead;
}
export interface WorkspaceReport {
  id: string;
  issuedIso: string;
  recording: { id: string; name: string; domain: Domain; site: Site; durationSec: number };
  model: { id: string; backend: string; dtype: string };
  answers: ReportAnswer[];
  findings: ReportFinding[];
  /** Probability at or above which a finding is reported as present. */
  findingThreshold: number;
  heartRateBpm?: number;
  respiratoryRatePerMin?: number;
  /** Signal quality in [0, 1] from src/core/analysis. */
  quality?: number;
}

export function headOf(f: ReportFinding): FindingHead {
  return f.head ?? legacyHead(f.label);
}

/** The reader's name of a findings-head output (schema finding names; groups list their findings). */
export function reportFindingName(f: ReportFinding): string {
  return headName(headOf(f));
}

/**
 * Head outputs that describe a recording of `domain`: findings of that domain or of both, and "abnormal"; the
 * lung-vs-heart head and the other domain's findings are left out. Without a domain, all but the domain head.
 */
export function relevantFindings<F extends ReportFinding>(findings: F[], domain?: Domain): F[] {
  return findings.filter((f) => {
    const h = headOf(f);
    return h.kind !== 'domain' && (domain === undefined || h.domain === 'any' || h.domain === domain);
  });
}

/** Relevant findings at or above the threshold, most probable first. */
export function presentFindings(
  r: Pick<WorkspaceReport, 'findings' | 'findingThreshold'> & Partial<Pick<WorkspaceReport, 'recording'>>,
): ReportFinding[] {
  return relevantFindings(r.findings, r.recording?.domain)
    .filter((f) => f.probability >= r.findingThreshold)
    .sort((a, b) => b.probability - a.probability);
}
