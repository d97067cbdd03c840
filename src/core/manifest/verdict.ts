// The manifest's optional `verdict` block: normal or abnormal decided from heard findings, per domain.
// A recording is abnormal when one of its domain's finding heads reaches the threshold. `npm run eval -- --fit-verdict`
// fits it on the validation recordings of the training sources; the engine applies it (src/engine/verdict.ts).
import { DOMAINS, type Domain, type Finding } from '../clinical/schema';

export interface DomainVerdictRule {
  /** Finding-head labels (manifest `findings.labels`) whose evidence makes a recording of this domain abnormal. */
  heads: string[];
  /** Abnormal when the largest of those heads' aggregated probabilities is at least this. */
  threshold: number;
}

export type VerdictRule = Record<Domain, DomainVerdictRule> & {
  /**
   * No verdict (the decoder's own words decide, and it was taught to say when a recording cannot be judged) when
   * this head's probability reaches the threshold: the poor-quality head.
   */
  undecided: { head: string; threshold: number };
  /** What the rule was fitted on, e.g. "val split of circor, pascal, … (bmdhs, kauh left out)". */
  calibratedOn: string;
};

/** A recording's verdict under the rule, with the head that decided it (the engine's RecordingVerdict). */
export interface VerdictDecision {
  /** 'undecided': the rule's `undecided` head (poor quality) reached its threshold, so the decoder answers alone. */
  value: 'normal' | 'abnormal' | 'undecided';
  /** The strongest of the rule's heads for the recording's domain; for 'undecided', the undecided head. */
  evidence: { label: string; probability: number };
  threshold: number;
  /** The specific findings heard (src/engine/verdict.ts heardFindings): empty for a normal verdict. */
  heard: Finding[];
}

/** Checks a manifest's `verdict` block against its labels; returns an error text naming the first problem, or null. */
export function verdictRuleError(v: unknown, labels: readonly string[]): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'must be an object';
  const r = v as Partial<Record<string, unknown>>;
  for (const d of DOMAINS) {
    const rule = r[d] as Partial<DomainVerdictRule> | undefined;
    if (typeof rule !== 'object' || rule === null) return `.${d} must be an object`;
    if (!Array.isArray(rule.heads) || rule.heads.length === 0)
      return `.${d}.heads must list at least one head`;
    const unknown = rule.heads.find((h) => !labels.includes(h as string));
    if (unknown !== undefined) return `.${d}.heads names '${String(unknown)}', which is not a findings label`;
    if (typeof rule.threshold !== 'number' || !(rule.threshold >= 0 && rule.threshold <= 1))
      return `.${d}.threshold must be a probability (0–1)`;
  }
  const u = r.undecided as Partial<VerdictRule['undecided']> | undefined;
  if (typeof u !== 'object' || u === null || !labels.includes(u.head as string))
    return '.undecided must name a findings label as its head';
  if (typeof u.threshold !== 'number' || !(u.threshold >= 0 && u.threshold <= 1))
    return '.undecided.threshold must be a probability (0–1)';
  if (typeof r.calibratedOn !== 'string' || r.calibratedOn.length === 0)
    return '.calibratedOn must say what the rule was fitted on';
  return null;
}
