// What each findings-head output stands for in the label schema (manifest `findings.heads`): the schema findings it
// detects (any of them), the domain it is meaningful on, or the two non-finding heads (abnormal, lung-vs-heart).
import {
  DOMAINS,
  HEART_FINDINGS,
  isFinding,
  LUNG_FINDINGS,
  type Domain,
  type Finding,
} from '../clinical/schema';
import { FINDING_KB } from '../clinical/knowledge';

/** `finding`: P(any of `findings` present); `abnormal`: P(recording abnormal); `domain`: P(recording is of `domain`). */
export const HEAD_KINDS = ['finding', 'abnormal', 'domain'] as const;
export type HeadKind = (typeof HEAD_KINDS)[number];

export interface FindingHead {
  /** The head's label, as in `findings.labels` and the training heads. */
  label: string;
  kind: HeadKind;
  /** Schema findings the output stands for (present when any of them is); empty for abnormal/domain heads. */
  findings: Finding[];
  /** Recordings the output is meaningful on ('any': both domains); for a domain head, the domain it detects. */
  domain: Domain | 'any';
}

/** A findings-head output as the engine reports it; `head` comes from the manifest (absent from older engines). */
export interface HeadProbability {
  label: string;
  probability: number;
  head?: FindingHead;
}

/** The meaning of a label in a manifest written before `findings.heads` existed: a schema finding stands for itself. */
export function legacyHead(label: string): FindingHead {
  if (label === 'abnormal') return { label, kind: 'abnormal', findings: [], domain: 'any' };
  if (label === 'lung') return { label, kind: 'domain', findings: [], domain: 'lung' };
  if (!isFinding(label)) return { label, kind: 'finding', findings: [], domain: 'any' };
  return { label, kind: 'finding', findings: [label], domain: findingDomain(label) };
}

function findingDomain(f: Finding): Domain | 'any' {
  if ((HEART_FINDINGS as readonly string[]).includes(f)) return 'heart';
  return (LUNG_FINDINGS as readonly string[]).includes(f) ? 'lung' : 'any';
}

/** The manifest's head meanings, or (older manifests) each label read as `legacyHead` does. */
export function findingHeads(findings: { labels: string[]; heads?: FindingHead[] }): FindingHead[] {
  return findings.heads ?? findings.labels.map(legacyHead);
}

/** A reader's name for a head: the schema finding's name, or "murmur (any of: systolic murmur, diastolic murmur, …)". */
export function headName(h: FindingHead): string {
  if (h.kind === 'abnormal') return 'abnormal recording';
  if (h.kind === 'domain')
    return `${h.domain} sound (rather than ${DOMAINS.find((d) => d !== h.domain) ?? 'other'})`;
  if (h.findings.length === 1 && h.findings[0] === h.label) return FINDING_KB[h.findings[0]].name;
  if (h.findings.length === 0) return h.label;
  return `${h.label.replace(/-/g, ' ')} (any of: ${h.findings.map((f) => FINDING_KB[f].name).join(', ')})`;
}

/** Checks `heads` against the labels; returns an error text naming the first problem, or null. */
export function headsError(heads: unknown, labels: readonly string[]): string | null {
  if (!Array.isArray(heads) || heads.length !== labels.length) return 'must hold one entry per label';
  for (const [i, h] of (heads as Partial<FindingHead>[]).entries()) {
    if (typeof h !== 'object' || h === null || h.label !== labels[i])
      return `[${i}].label must be '${labels[i]}'`;
    if (!(HEAD_KINDS as readonly string[]).includes(h.kind as string))
      return `[${i}].kind must be one of ${HEAD_KINDS.join(', ')}`;
    if (!Array.isArray(h.findings) || !h.findings.every((f) => isFinding(f)))
      return `[${i}].findings must list schema findings`;
    if (h.domain !== 'any' && !(DOMAINS as readonly string[]).includes(h.domain as string))
      return `[${i}].domain must be any, heart or lung`;
  }
  return null;
}
