// Scores one answer against a bench item: parses the free text into claims (./parse) and compares them with what
// the labels support (./truth). Aggregate metrics per task, domain and source live in ./metrics.
import type { Domain, Finding, LungSite, RecordingLabels, Site } from '../clinical/schema';
import { isHeartSite } from '../clinical/schema';
import type { LexFinding } from './lexicon';
import { parseAnswer, type ParsedAnswer, type ParsedLungSite, type Verdict } from './parse';
import { whichAbnormalOf } from './render-multi';
import { rougeL } from './rouge';
import { truthOf } from './truth';
import type { BenchItem } from './types';

export interface ItemScore {
  correct: boolean;
  verdict: Verdict | null;
  truthVerdict: Verdict;
  /** Abnormal findings: true positives, false positives, false negatives. */
  tp: Finding[];
  fp: Finding[];
  fn: Finding[];
  rougeL: number;
  /** Differential items with a reference diagnosis: hit in the first / first three named diagnoses. */
  top1?: boolean;
  top3?: boolean;
  declined: boolean;
}

const FAMILY: Record<'murmur' | 'crackles', (f: Finding) => boolean> = {
  murmur: (f) => f.endsWith('-murmur'),
  crackles: (f) => f.endsWith('-crackles'),
};
const FAMILY_DEFAULT: Record<'murmur' | 'crackles', Finding> = {
  murmur: 'systolic-murmur',
  crackles: 'fine-crackles',
};

/** Turns asserted lexicon findings into schema findings; a generic word counts as the labeled member of its family. */
export function resolveFindings(asserted: Set<LexFinding>, truth: Finding[], domain: Domain): Set<Finding> {
  const out = new Set<Finding>();
  for (const f of asserted) {
    if (f === 'murmur' || f === 'crackles') {
      if ([...asserted].some((g) => g !== f && FAMILY[f](g as Finding))) continue;
      const labeled = truth.filter(FAMILY[f]);
      for (const g of labeled.length > 0 ? labeled : [FAMILY_DEFAULT[f]]) out.add(g);
    } else if (f === 'rub') {
      out.add(domain === 'heart' ? 'pericardial-rub' : 'pleural-rub');
    } else if (f !== 'poor-quality' && f !== 'normal-s1s2' && f !== 'vesicular') {
      out.add(f);
    }
  }
  return out;
}

function lungSiteMatches(p: ParsedLungSite, site: LungSite): boolean {
  if (site === 'trachea') return p.side === 'trachea';
  const [aspect, side, level] = site.split('-');
  return p.side === side && (!p.aspect || p.aspect === aspect) && (!p.level || !level || p.level === level);
}

export function siteMentioned(parsed: ParsedAnswer, site: Site): boolean {
  if (site === 'unknown') return true;
  if (isHeartSite(site)) return parsed.heartSites.includes(site);
  return parsed.lungSites.some((p) => lungSiteMatches(p, site));
}

function findingCounts(pred: Set<Finding>, truth: Finding[]) {
  return {
    tp: truth.filter((f) => pred.has(f)),
    fn: truth.filter((f) => !pred.has(f)),
    fp: [...pred].filter((f) => !truth.includes(f)),
  };
}

/** Verdict right, and for definite recordings exactly the labeled abnormal findings asserted. */
function verdictAndFindingsOk(
  verdict: Verdict | null,
  truthVerdict: Verdict,
  fp: Finding[],
  fn: Finding[],
): boolean {
  if (verdict !== truthVerdict) return false;
  return truthVerdict === 'uncertain' || (fp.length === 0 && fn.length === 0);
}

function differential(parsed: ParsedAnswer, labels: RecordingLabels, verdictOk: boolean) {
  const target = truthOf(labels).diagnoses[0];
  if (!target)
    return { correct: verdictOk && (parsed.verdict !== 'normal' || parsed.diagnoses.length === 0) };
  const top1 = parsed.diagnoses[0] === target;
  const top3 = parsed.diagnoses.slice(0, 3).includes(target);
  return { correct: top1 && parsed.verdict !== 'uncertain', top1, top3 };
}

function taskCorrect(
  item: BenchItem,
  parsed: ParsedAnswer,
  ok: { verdict: boolean; findings: boolean },
): boolean {
  const labels = item.labels[0];
  switch (item.task) {
    case 'classification':
      return ok.verdict;
    case 'detection':
    case 'reporting':
    case 'reasoning':
      return ok.findings;
    case 'differential':
      return differential(parsed, labels, ok.verdict).correct;
    case 'comparison':
      return (
        item.labels.length === 2 && parsed.whichAbnormal === whichAbnormalOf(item.labels[0], item.labels[1])
      );
    case 'location':
      if (item.loudest) return parsed.loudestSite === item.loudest;
      return ok.findings && siteMentioned(parsed, labels.site);
  }
}

export function scoreItem(item: BenchItem, answer: string): ItemScore {
  const parsed = parseAnswer(answer);
  const labels = item.labels[0];
  const truth = truthOf(labels);
  const pred = resolveFindings(parsed.asserted, truth.findings, item.domain);
  const counts =
    truth.verdict === 'uncertain' ? { tp: [], fp: [], fn: [] } : findingCounts(pred, truth.findings);
  const base = {
    verdict: parsed.verdict,
    truthVerdict: truth.verdict,
    ...counts,
    rougeL: rougeL(answer, item.response),
    declined: parsed.declined,
  };
  if (item.outOfScope) return { ...base, correct: parsed.declined };
  if (parsed.empty || parsed.declined) return { ...base, correct: false };
  const ok = {
    verdict: parsed.verdict === truth.verdict,
    findings: verdictAndFindingsOk(parsed.verdict, truth.verdict, counts.fp, counts.fn),
  };
  const correct = taskCorrect(item, parsed, ok);
  if (item.task === 'differential' && truth.diagnoses[0]) {
    const { top1, top3 } = differential(parsed, labels, ok.verdict);
    return { ...base, correct, top1, top3 };
  }
  return { ...base, correct };
}
