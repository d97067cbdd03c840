// Hard negatives for DPO: the bench's own answer renderer (makeItem) run on contradicted labels — wrong normality,
// a wrong finding, a wrong site — kept only when the scorer marks the rendered answer wrong for the real item.
import type { CorpusEntry } from '../../src/core/clinical/corpus';
import {
  HEART_FINDINGS,
  HEART_SITES,
  LUNG_FINDINGS,
  LUNG_SITES,
  NORMAL_FINDINGS,
  type Finding,
  type RecordingLabels,
  type Site,
} from '../../src/core/clinical/schema';
import { makeItem } from '../../src/core/tasks/registry';
import { scoreItem } from '../../src/core/tasks/score';
import type { BenchItem } from '../../src/core/tasks/types';
import type { Rand } from '../train/augment';

export const HARD_KINDS = ['normality', 'finding', 'site'] as const;
export type HardKind = (typeof HARD_KINDS)[number];

const pickOf = <T>(xs: readonly T[], rand: Rand): T => xs[Math.floor(rand() * xs.length)];
/** Abnormal findings the renderer can state for a domain (normal sounds, rubs and bronchial breathing left out). */
const ABNORMAL: Record<'heart' | 'lung', Finding[]> = {
  heart: HEART_FINDINGS.filter((f) => !NORMAL_FINDINGS.includes(f) && f !== 'pericardial-rub'),
  lung: LUNG_FINDINGS.filter((f) => !NORMAL_FINDINGS.includes(f) && f !== 'bronchial' && f !== 'pleural-rub'),
};
const normalFinding = (l: RecordingLabels): Finding => (l.domain === 'heart' ? 'normal-s1s2' : 'vesicular');

/** Labels contradicting `l` in one way, or undefined when that contradiction does not apply. */
export function contradict(l: RecordingLabels, kind: HardKind, rand: Rand): RecordingLabels | undefined {
  const abnormal = l.findings.filter((f) => ABNORMAL[l.domain].includes(f));
  const plain = { ...l, events: [], diagnosis: [], murmur: undefined };
  if (kind === 'normality') {
    if (l.normal === null || l.findings.includes('poor-quality')) return undefined;
    return l.normal
      ? { ...plain, normal: false, findings: [pickOf(ABNORMAL[l.domain], rand)] }
      : { ...plain, normal: true, findings: [normalFinding(l)] };
  }
  if (kind === 'finding') {
    if (!abnormal.length) return undefined;
    const others = ABNORMAL[l.domain].filter((f) => !l.findings.includes(f));
    const drop = pickOf(abnormal, rand);
    return { ...plain, findings: [...l.findings.filter((f) => f !== drop), pickOf(others, rand)] };
  }
  const sites: readonly Site[] = l.domain === 'heart' ? HEART_SITES : LUNG_SITES;
  return {
    ...l,
    site: pickOf(
      sites.filter((s) => s !== l.site),
      rand,
    ),
  };
}

/** A wrong answer to `item` rendered from contradicted labels of its first recording, if the scorer rejects it. */
export function hardNegative(item: BenchItem, kind: HardKind, rand: Rand): string | undefined {
  if (item.outOfScope || item.loudest) return undefined;
  const wrong = contradict(item.labels[0], kind, rand);
  if (!wrong) return undefined;
  const entries: CorpusEntry[] = [wrong, ...item.labels.slice(1)].map((l, i) => ({
    ...l,
    audio: item.audio[i],
    durationS: 0,
    split: item.split,
  }));
  const answer = makeItem({ task: item.task, id: item.id, split: item.split, entries }).response;
  return answer !== item.response && !scoreItem(item, answer).correct ? answer : undefined;
}
