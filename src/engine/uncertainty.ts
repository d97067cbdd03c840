// Honest uncertainty: whether a recording's answer should abstain, and the one sentence that opens such an answer.
// Thresholds come from the manifest's `uncertainty` block (src/core/manifest/uncertainty.ts); without it, never.
import type { UncertaintyRule } from '../core/manifest/uncertainty';
import type { RecordingAssessment, Uncertainty, UncertaintyReason } from './types';

type Assessed = Pick<RecordingAssessment, 'findings' | 'domain'>;

/** The aggregated probability of the first head of `kind` (for findings: the head standing for `finding`). */
function headProbability(a: Assessed, pick: (f: Assessed['findings'][number]) => boolean): number | null {
  return a.findings.find(pick)?.probability ?? null;
}

const abnormalOf = (a: Assessed) => headProbability(a, (f) => f.head?.kind === 'abnormal');
const poorQualityOf = (a: Assessed) =>
  headProbability(a, (f) => f.head?.kind === 'finding' && f.head.findings.includes('poor-quality'));

/**
 * Low confidence: the abnormal probability lies inside rule.abnormalBand. Poor quality: the poor-quality head
 * exceeds rule.poorQualityMax. Unlike training: the domain head's P(lung) lies within rule.domainMargin of 0.5 (the
 * model cannot tell heart from lung, so the sound is unlike what it learned). A head the model lacks never abstains.
 */
export function uncertainty(a: Assessed, rule: UncertaintyRule | undefined): Uncertainty {
  if (!rule) return { uncertain: false, reasons: [] };
  const reasons: UncertaintyReason[] = [];
  const pAbnormal = abnormalOf(a);
  const [lo, hi] = rule.abnormalBand;
  if (pAbnormal !== null && pAbnormal >= lo && pAbnormal <= hi) reasons.push('low-confidence');
  const pPoor = poorQualityOf(a);
  if (pPoor !== null && pPoor > rule.poorQualityMax) reasons.push('poor-quality');
  const pLung = a.domain.pLung;
  if (pLung !== null && Math.abs(pLung - 0.5) < rule.domainMargin) reasons.push('unlike-training');
  return { uncertain: reasons.length > 0, reasons };
}

const p2 = (p: number | null): string => (p === null ? '?' : p.toFixed(2));

function reasonText(reason: UncertaintyReason, a: Assessed): string {
  switch (reason) {
    case 'unlike-training':
      return `is unlike the training data (heart or lung unclear, P(lung) = ${p2(a.domain.pLung)})`;
    case 'poor-quality':
      return `sounds of poor quality (P(poor quality) = ${p2(poorQualityOf(a))})`;
    case 'low-confidence':
      return `gives no confident normal/abnormal call (P(abnormal) = ${p2(abnormalOf(a))})`;
  }
}

const joinAnd = (parts: string[]): string =>
  parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;

/**
 * The sentence an abstaining answer starts with, or null when no recording is uncertain. It begins "Uncertain:",
 * which src/core/tasks/parse.ts reads as the verdict 'uncertain'; the model's own answer follows it.
 */
export function uncertaintySentence(assessments: readonly RecordingAssessment[]): string | null {
  const parts = assessments.flatMap((a, i) => {
    if (!a.uncertainty.uncertain) return [];
    const who = assessments.length > 1 ? `recording ${i + 1}` : 'the recording';
    return [`${who} ${joinAnd(a.uncertainty.reasons.map((r) => reasonText(r, a)))}`];
  });
  return parts.length === 0 ? null : `Uncertain: ${parts.join('; ')}.`;
}
