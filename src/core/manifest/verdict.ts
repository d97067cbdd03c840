// The manifest's optional `verdict` block: normal or abnormal decided from heard findings, per domain.
// A recording is abnormal when one of its domain's finding heads reaches the threshold, or one of its signal measures
// (a detector of the sound itself, not learned from any dataset) reaches its own. `npm run eval -- --fit-verdict`
// fits it on the validation recordings of the training sources; the engine applies it (src/engine/verdict.ts).
import { DOMAINS, type Domain, type Finding } from '../clinical/schema';

/**
 * Signal measures a verdict may rest on beside the heads: physical detectors in src/core/analysis, which no training
 * source taught and so carry no dataset's shortcut. 'tonal-wheeze': the share of the recording's assessed seconds
 * inside sustained tonal tracks of the wheeze detector (detectWheezes).
 */
export const VERDICT_SIGNALS = {
  'tonal-wheeze': { domain: 'lung', finding: 'wheeze', name: 'sustained tonal sound (wheeze detector)' },
} as const satisfies Record<string, { domain: Domain; finding: Finding; name: string }>;

export type VerdictSignal = keyof typeof VERDICT_SIGNALS;

export const isVerdictSignal = (s: unknown): s is VerdictSignal =>
  typeof s === 'string' && Object.hasOwn(VERDICT_SIGNALS, s);

/** A recording's signal measures, by name (src/engine/signals.ts). */
export type SignalMeasures = Record<VerdictSignal, number>;

export interface DomainVerdictRule {
  /** Finding-head labels (manifest `findings.labels`) whose evidence makes a recording of this domain abnormal. */
  heads: string[];
  /** Abnormal when the largest of those heads' aggregated probabilities is at least this. */
  threshold: number;
  /** Abnormal also when one of these measures reaches its threshold; absent or empty: the heads alone decide. */
  signals?: { signal: VerdictSignal; threshold: number }[];
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
  /** The signal measure that made the recording abnormal while every head stayed under the threshold. */
  signal?: { signal: VerdictSignal; value: number; threshold: number };
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
    if (rule.signals !== undefined) {
      if (!Array.isArray(rule.signals)) return `.${d}.signals must be a list`;
      for (const x of rule.signals as Partial<{ signal: unknown; threshold: unknown }>[]) {
        if (!isVerdictSignal(x?.signal))
          return `.${d}.signals names an unknown signal '${String(x?.signal)}'`;
        if (VERDICT_SIGNALS[x.signal].domain !== d)
          return `.${d}.signals: '${x.signal}' is a measure of another domain`;
        if (typeof x.threshold !== 'number' || !(x.threshold >= 0 && x.threshold <= 1))
          return `.${d}.signals: the threshold of '${x.signal}' must be a share (0–1)`;
      }
    }
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
