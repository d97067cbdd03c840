// Ranks candidate diagnoses for one recording from its labels and the knowledge base: labeled diagnoses first,
// then diagnoses suggested by the abnormal findings, weighted by murmur site/timing and age group.
import { NORMAL_FINDINGS, isHeartSite, type Diagnosis, type Finding, type RecordingLabels } from '../schema';
import { DIAGNOSIS_KB } from './diagnoses';
import { FINDING_KB } from './findings';

export interface RankedDiagnosis {
  diagnosis: Diagnosis;
  /** Why it is on the list: the labeled diagnosis, or the finding/site evidence favouring it. */
  basis: 'labeled' | 'findings';
  score: number;
}

/** Findings that make the recording abnormal (no normal sounds, no quality flags). */
export function abnormalFindings(labels: Pick<RecordingLabels, 'findings'>): Finding[] {
  return labels.findings.filter((f) => !NORMAL_FINDINGS.includes(f) && f !== 'poor-quality');
}

const YOUNG = new Set(['neonate', 'infant', 'child']);

function findingScores(labels: RecordingLabels): Map<Diagnosis, number> {
  const scores = new Map<Diagnosis, number>();
  for (const f of abnormalFindings(labels)) {
    FINDING_KB[f].suggests.forEach((d, i) => scores.set(d, (scores.get(d) ?? 0) + 3 - 0.4 * i));
  }
  const site = labels.murmur?.mostAudible ?? (isHeartSite(labels.site) ? labels.site : undefined);
  for (const [d, s] of scores) {
    const kb = DIAGNOSIS_KB[d];
    let bonus = 0;
    if (site && kb.sites?.includes(site)) bonus += 2;
    if (labels.murmur?.timing && kb.timings?.includes(labels.murmur.timing)) bonus += 2;
    if (kb.domain !== labels.domain) bonus -= 1.5;
    const young = labels.ageGroup !== undefined && YOUNG.has(labels.ageGroup);
    if (young && (d === 'copd' || d === 'pulmonary-fibrosis')) bonus -= 3;
    if (young && d === 'bronchiolitis') bonus += 1;
    if (labels.ageGroup === 'adult' && d === 'bronchiolitis') bonus -= 3;
    scores.set(d, s + bonus);
  }
  return scores;
}

/** Up to `k` ranked candidates; empty when the recording has no abnormal finding and no labeled diagnosis. */
export function rankDiagnoses(labels: RecordingLabels, k = 3): RankedDiagnosis[] {
  const out: RankedDiagnosis[] = labels.diagnosis.map((d, i) => ({
    diagnosis: d,
    basis: 'labeled',
    score: 100 - i,
  }));
  const ranked = [...findingScores(labels)].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  for (const [d, score] of ranked) {
    if (!out.some((r) => r.diagnosis === d)) out.push({ diagnosis: d, basis: 'findings', score });
  }
  const first = labels.diagnosis[0];
  if (first) {
    for (const d of DIAGNOSIS_KB[first].differentials) {
      if (!out.some((r) => r.diagnosis === d)) out.push({ diagnosis: d, basis: 'findings', score: 0 });
    }
  }
  return out.slice(0, k);
}
