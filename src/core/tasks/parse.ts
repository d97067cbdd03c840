// Parses a free-text answer into structured claims: verdict, findings asserted/denied/hedged, sites, ranked
// diagnoses and, for two recordings, which one is abnormal. Rule-based; patterns live in ./lexicon.
import {
  NORMAL_FINDINGS,
  type Diagnosis,
  type Finding,
  type HeartSite,
  type LungSite,
} from '../clinical/schema';
import {
  DECLINE,
  DIAGNOSIS_LEXICON,
  FINDING_LEXICON,
  HEART_SITE_LEXICON,
  HEDGE,
  HEDGE_AFTER,
  NEGATION_AFTER,
  NEGATION_BEFORE,
  UNCERTAIN,
  type LexFinding,
} from './lexicon';
import { parseLungSites, type ParsedLungSite } from './parse-sites';

export type Verdict = 'normal' | 'abnormal' | 'uncertain';
export type WhichAbnormal = 'first' | 'second' | 'both' | 'neither';

export interface ParsedAnswer {
  empty: boolean;
  declined: boolean;
  verdict: Verdict | null;
  asserted: Set<LexFinding>;
  denied: Set<LexFinding>;
  hedged: Set<LexFinding>;
  heartSites: HeartSite[];
  lungSites: ParsedLungSite[];
  /** Site named in a "loudest / best heard" clause. */
  loudestSite: HeartSite | null;
  /** Diagnoses in order of first non-denied mention. */
  diagnoses: Diagnosis[];
  whichAbnormal: WhichAbnormal | null;
}
export type { ParsedLungSite, LungSite };

type Polarity = 'asserted' | 'denied' | 'hedged';

/** Sentences and contrast clauses: negation never crosses these. */
export function splitClauses(text: string): string[] {
  return text
    .split(/(?<=[.!?;:])\s+|\n+|\s*\b(?:but|however|whereas|although|though|while)\b\s*/i)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
}

const ASSERTING = /\b(?:present|heard|audible|noted|detected|there|is|are|has|have|with|shows?|contains?)\b/i;

function lastMatchIndex(re: RegExp, text: string): number {
  let last = -1;
  for (const m of text.matchAll(new RegExp(re.source, 'gi'))) last = m.index;
  return last;
}

/** Polarity of a mention at [start, end) of `clause`, given whether negation runs in from an earlier list item. */
function polarityAt(clause: string, start: number, end: number, carried: Polarity): Polarity {
  const before = clause.slice(0, start);
  const segStart = before.lastIndexOf(',') + 1;
  const seg = before.slice(segStart);
  const after = clause.slice(end);
  if (HEDGE.test(seg) || HEDGE_AFTER.test(after)) return 'hedged';
  if (lastMatchIndex(NEGATION_BEFORE, seg) >= 0 || NEGATION_AFTER.test(after)) return 'denied';
  if (carried !== 'asserted' && !ASSERTING.test(seg)) return carried;
  return 'asserted';
}

interface Mention<T> {
  what: T;
  start: number;
  end: number;
}

/** All non-overlapping matches, longest first at each position (specific patterns beat generic ones). */
export function findMentions<T>(text: string, lexicon: readonly [T, RegExp][]): Mention<T>[] {
  const all: Mention<T>[] = [];
  for (const [what, re] of lexicon) {
    for (const m of text.matchAll(
      new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'),
    )) {
      all.push({ what, start: m.index, end: m.index + m[0].length });
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: Mention<T>[] = [];
  for (const m of all) if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  return kept;
}

/** Polarity of each mention in one clause; a negation or hedge carries over comma-separated bare list items. */
function mentionsWithPolarity<T>(clause: string, lexicon: readonly [T, RegExp][]): [T, Polarity][] {
  const out: [T, Polarity][] = [];
  let carried: Polarity = 'asserted';
  for (const m of findMentions(clause, lexicon)) {
    const p = polarityAt(clause, m.start, m.end, carried);
    carried = p;
    out.push([m.what, p]);
  }
  return out;
}

const isAbnormalFinding = (f: LexFinding) => f !== 'poor-quality' && !NORMAL_FINDINGS.includes(f as Finding);

/** Normal/abnormal/uncertain cue of one clause, ignoring finding names. */
export function clauseVerdict(clause: string): Verdict | null {
  if (UNCERTAIN.test(clause)) return 'uncertain';
  const abn = /\babnormal(?:ity|ities|ly)?\b/i.exec(clause);
  if (abn) {
    const p = polarityAt(clause, abn.index, abn.index + abn[0].length, 'asserted');
    return p === 'asserted' ? 'abnormal' : p === 'denied' ? 'normal' : 'uncertain';
  }
  const norm = /\b(?:normal|unremarkable|healthy|lungs? (?:are |is )?clear)\b/i.exec(clause);
  if (norm) {
    const p = polarityAt(clause, norm.index, norm.index + norm[0].length, 'asserted');
    return p === 'asserted' ? 'normal' : p === 'denied' ? 'abnormal' : 'uncertain';
  }
  return null;
}

function overallVerdict(
  clauses: string[],
  asserted: Set<LexFinding>,
  denied: Set<LexFinding>,
  hedged: Set<LexFinding>,
): Verdict | null {
  const cues = clauses.map(clauseVerdict);
  if (cues.includes('abnormal') || [...asserted].some(isAbnormalFinding)) return 'abnormal';
  if (cues.includes('uncertain') || asserted.has('poor-quality') || [...hedged].some(isAbnormalFinding))
    return 'uncertain';
  if (cues.includes('normal') || [...denied].some(isAbnormalFinding) || asserted.size > 0) return 'normal';
  return null;
}

function collectFindings(clauses: string[]) {
  const asserted = new Set<LexFinding>();
  const denied = new Set<LexFinding>();
  const hedged = new Set<LexFinding>();
  for (const c of clauses) {
    for (const [f, p] of mentionsWithPolarity(c, FINDING_LEXICON)) {
      (p === 'asserted' ? asserted : p === 'denied' ? denied : hedged).add(f);
    }
  }
  for (const f of asserted) {
    denied.delete(f);
    hedged.delete(f);
  }
  return { asserted, denied, hedged };
}

function collectDiagnoses(clauses: string[]): Diagnosis[] {
  const out: Diagnosis[] = [];
  const denied = new Set<Diagnosis>();
  for (const c of clauses) {
    for (const [d, p] of mentionsWithPolarity(c, DIAGNOSIS_LEXICON)) {
      if (p === 'denied') denied.add(d);
      else if (!out.includes(d)) out.push(d);
    }
  }
  return out.filter((d) => !denied.has(d) || out.indexOf(d) === 0);
}

function loudest(clauses: string[]): HeartSite | null {
  const cue =
    /\b(?:loudest|most audible|best heard|heard best|maximal|strongest|most intense|most prominent)\b/i;
  for (const c of clauses) {
    if (!cue.test(c)) continue;
    const m = findMentions(c, HEART_SITE_LEXICON);
    if (m.length > 0) return m[0].what;
  }
  return null;
}

/**
 * An answer that opens with "Uncertain:" abstains, whatever follows: the engine puts that sentence before the model's
 * own answer when a recording is unlike the training data, of poor quality or scored without confidence.
 */
export const ABSTENTION = /^\s*uncertain\s*:/i;

export function parseAnswer(text: string): ParsedAnswer {
  const clauses = splitClauses(text);
  const { asserted, denied, hedged } = collectFindings(clauses);
  return {
    empty: text.trim().length === 0,
    declined: DECLINE.test(text),
    verdict: ABSTENTION.test(text) ? 'uncertain' : overallVerdict(clauses, asserted, denied, hedged),
    asserted,
    denied,
    hedged,
    heartSites: [...new Set(findMentions(text, HEART_SITE_LEXICON).map((m) => m.what))],
    lungSites: parseLungSites(text),
    loudestSite: loudest(clauses),
    diagnoses: collectDiagnoses(clauses),
    whichAbnormal: parseWhichAbnormal(clauses),
  };
}

const REC_REF =
  /\b(?:recording|sound|clip|sample|record)\s*(?:#|no\.?\s*)?(1|one|a|2|two|b)\b|\b(first|second|former|latter)\b/gi;

function recOf(tok: string): 1 | 2 {
  return /^(?:1|one|a|first|former)$/i.test(tok) ? 1 : 2;
}

/** Which recording(s) an answer calls abnormal: per comma segment, the recording it names and the verdict it gives. */
export function parseWhichAbnormal(clauses: string[]): WhichAbnormal | null {
  const all = clauses.join(' ');
  if (/\bboth\b[^.;]*\babnormal\b/i.test(all) && !/\bneither\b/i.test(all)) return 'both';
  if (/\bneither\b[^.;]*\babnormal\b|\bboth\b[^.;]*\bnormal\b/i.test(all)) return 'neither';
  const verdicts = new Map<1 | 2, Verdict>();
  for (const seg of clauses.flatMap((c) => c.split(/,|\band\b/i))) {
    const refs = [...seg.matchAll(REC_REF)].map((m) => recOf(m[1] ?? m[2]));
    if (refs.length === 0) continue;
    const { asserted } = collectFindings([seg]);
    const v = [...asserted].some(isAbnormalFinding) ? 'abnormal' : clauseVerdict(seg);
    if (v && !verdicts.has(refs[0])) verdicts.set(refs[0], v);
  }
  const a = verdicts.get(1);
  const b = verdicts.get(2);
  if (a === 'abnormal' && b === 'abnormal') return 'both';
  if (a === 'abnormal') return 'first';
  if (b === 'abnormal') return 'second';
  if (a === 'normal' && b === 'normal') return 'neither';
  if (a === 'normal' && b === undefined) return null;
  return null;
}
