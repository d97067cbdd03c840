// Normal or abnormal from heard findings: the manifest's `verdict` rule applied to a recording's aggregated heads, and
// the opening an answer then starts with. The findings heads decide; the decoder explains what follows.
import type { Domain } from '../core/clinical/schema';
import type { VerdictRule } from '../core/manifest/verdict';
import { verdictOpening } from '../core/tasks/openings';
import type { TaskId } from '../core/tasks/types';
import type { FindingProbability, RecordingAssessment, RecordingVerdict } from './types';

/**
 * The verdict on a recording of `domain`: abnormal when the strongest of the rule's heads for that domain reaches the
 * threshold. Null without a rule, when the model lacks every head the rule names, or when the rule's `undecided` head
 * (poor quality) reaches its threshold: such a recording may not be judgeable, and the decoder says so itself.
 */
export function verdictOf(
  findings: readonly FindingProbability[],
  domain: Domain,
  rule: VerdictRule | undefined,
): RecordingVerdict | null {
  if (!rule) return null;
  const undecided = findings.find((f) => f.label === rule.undecided.head);
  if (undecided && undecided.probability >= rule.undecided.threshold) return null;
  const { heads, threshold } = rule[domain];
  let evidence: { label: string; probability: number } | null = null;
  for (const f of findings)
    if (heads.includes(f.label) && (evidence === null || f.probability > evidence.probability))
      evidence = { label: f.label, probability: f.probability };
  if (evidence === null) return null;
  return { value: evidence.probability >= threshold ? 'abnormal' : 'normal', evidence, threshold };
}

/**
 * The words a `task` answer about these recordings starts with: the verdict's opening when one recording is asked
 * about, it has a verdict and it is not uncertain (an uncertain answer starts with its own sentence); else null.
 */
export function answerOpening(
  task: TaskId | undefined,
  assessments: readonly Pick<RecordingAssessment, 'verdict' | 'uncertainty'>[],
): string | null {
  if (assessments.length !== 1) return null;
  const [a] = assessments;
  if (a.verdict === null || a.uncertainty.uncertain) return null;
  return verdictOpening(task, a.verdict.value);
}
