// Findings heads for the report tests, as the shipped manifests describe them (models/*/manifest.json: a murmur
// group and crackles group beside single findings), and the per-site outputs built on them.
import { HEART_FINDINGS, LUNG_FINDINGS, type Domain, type Finding } from '../clinical/schema';
import { legacyHead, type FindingHead, type HeadProbability } from '../manifest/heads';

const group = (label: string, findings: Finding[], domain: Domain): FindingHead => ({
  label,
  kind: 'finding',
  findings,
  domain,
});
const GROUPS: Record<string, FindingHead> = {
  murmur: group(
    'murmur',
    HEART_FINDINGS.filter((f) => f.endsWith('-murmur')),
    'heart',
  ),
  crackles: group(
    'crackles',
    LUNG_FINDINGS.filter((f) => f.endsWith('-crackles')),
    'lung',
  ),
};

/** The heads with these labels, in this order: 'murmur' and 'crackles' are groups, any other reads as legacyHead. */
export const headsLabeled = (...labels: string[]): FindingHead[] =>
  labels.map((label) => GROUPS[label] ?? legacyHead(label));

/** One output per head: the probability `p` gives its label, else `otherwise`. */
export const headOutputs = (
  heads: FindingHead[],
  p: Record<string, number>,
  otherwise: number,
): Required<HeadProbability>[] =>
  heads.map((head) => ({ label: head.label, probability: p[head.label] ?? otherwise, head }));
