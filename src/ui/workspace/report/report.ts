// The structured report "Run all seven" fills: one answer per task plus findings and measured rates, with the
// research-use disclaimer that every export (print page, FHIR JSON) carries.
import type { Domain, Site } from '../../../core/clinical/schema';
import type { TaskId } from '../../../core/tasks/types';

export const RESEARCH_DISCLAIMER =
  'Research and education use only — not a medical device. Model answers can be wrong; do not use them for diagnosis or treatment.';

export interface ReportAnswer {
  task: TaskId;
  title: string;
  instruction: string;
  answer: string;
}
export interface ReportFinding {
  /** A findings-head label (a schema Finding such as "systolic-murmur"). */
  label: string;
  probability: number;
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

/** Findings at or above the threshold, most probable first. */
export function presentFindings(r: Pick<WorkspaceReport, 'findings' | 'findingThreshold'>): ReportFinding[] {
  return r.findings
    .filter((f) => f.probability >= r.findingThreshold)
    .sort((a, b) => b.probability - a.probability);
}
