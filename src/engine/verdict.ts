// Normal or abnormal from heard findings: the manifest's `verdict` rule applied to a recording's aggregated heads, and
// the opening an answer then starts with. The findings heads decide; the decoder explains what follows.
import type { Domain, Finding, TimedEvent } from '../core/clinical/schema';
import type { VerdictRule } from '../core/manifest/verdict';
import { verdictOpening } from '../core/tasks/openings';
import { findingPhrase, joinList } from '../core/tasks/truth';
import type { TaskId } from '../core/tasks/types';
import type { FindingProbability, FrameEvents, RecordingAssessment, RecordingVerdict } from './types';

/**
 * The verdict on a recording of `domain`: abnormal when the strongest of the rule's heads for that domain reaches the
 * threshold; 'undecided' when the rule's `undecided` head (poor quality) reaches its own threshold first (such a
 * recording may not be judgeable, and the decoder says so itself). Null without a rule, or when the model lacks every
 * head the rule names.
 */
export function verdictOf(
  findings: readonly FindingProbability[],
  domain: Domain,
  rule: VerdictRule | undefined,
): RecordingVerdict | null {
  if (!rule) return null;
  const undecided = findings.find((f) => f.label === rule.undecided.head);
  if (undecided && undecided.probability >= rule.undecided.threshold)
    return {
      value: 'undecided',
      evidence: { label: undecided.label, probability: undecided.probability },
      threshold: rule.undecided.threshold,
      heard: [],
    };
  const { heads, threshold } = rule[domain];
  let evidence: { label: string; probability: number } | null = null;
  for (const f of findings)
    if (heads.includes(f.label) && (evidence === null || f.probability > evidence.probability))
      evidence = { label: f.label, probability: f.probability };
  if (evidence === null) return null;
  const value: 'normal' | 'abnormal' = evidence.probability >= threshold ? 'abnormal' : 'normal';
  return { value, evidence, threshold, heard: heardFindings(findings, domain, rule) };
}

/**
 * The specific findings a recording's verdict rests on: for each of the rule's heads (of the decided domain) at or
 * above the threshold, the most likely of the single-finding heads it covers (murmur → systolic or diastolic murmur,
 * crackles → fine or coarse), or its own finding when it stands for one; strongest first, no repeats.
 */
export function heardFindings(
  findings: readonly FindingProbability[],
  domain: Domain,
  rule: VerdictRule | undefined,
): Finding[] {
  if (!rule) return [];
  const { heads, threshold } = rule[domain];
  const single = findings.filter((f) => f.head?.kind === 'finding' && f.head.findings.length === 1);
  const out: { finding: Finding; p: number }[] = [];
  for (const f of findings) {
    if (!heads.includes(f.label) || f.probability < threshold || !f.head) continue;
    const covered = single.filter((c) => f.head!.findings.includes(c.head!.findings[0]));
    const best = covered.reduce<FindingProbability | null>(
      (b, c) => (b === null || c.probability > b.probability ? c : b),
      null,
    );
    const finding =
      best?.head?.findings[0] ?? (f.head.findings.length === 1 ? f.head.findings[0] : undefined);
    if (finding && !out.some((o) => o.finding === finding)) out.push({ finding, p: f.probability });
  }
  return out.sort((a, b) => b.p - a.p).map((o) => o.finding);
}

/** The spans of the frame-event channel standing for `f`, as timed events of `f` (none without such a channel). */
export function heardTimes(f: Finding, events: FrameEvents | undefined): TimedEvent[] {
  const channel = events?.channels.find((c) => c.findings.includes(f));
  if (!events || !channel) return [];
  return events.spans
    .filter((s) => s.channel === channel.name)
    .map((s) => ({ type: f, startS: s.startS, endS: s.endS }));
}

/**
 * "Detected: a systolic murmur and wheeze" from the heard findings; the bare opening when none is specific. A finding
 * the frame-level event head places in time gets its times, as the reference answers write them ("fine crackles (at
 * 1.6–6.7 s)"). When every heard finding is placed, the sentence is whole and ends; otherwise the decoder goes on
 * (a murmur's grade and shape, say).
 */
export function detectionOpening(heard: readonly Finding[], events?: FrameEvents): string {
  const base = verdictOpening('detection', 'abnormal') as string;
  if (heard.length === 0) return base;
  const timed = heard.map((f) => ({ f, events: heardTimes(f, events) }));
  const phrase = joinList(timed.map((t) => findingPhrase({ events: t.events }, t.f, true)));
  return `${base} ${phrase}${timed.every((t) => t.events.length > 0) ? '.' : ''}`;
}

/**
 * The words a `task` answer about these recordings starts with: the verdict's opening when one recording is asked
 * about, it has a verdict and it is not uncertain (an uncertain answer starts with its own sentence); else null.
 */
export function answerOpening(
  task: TaskId | undefined,
  assessments: readonly Pick<RecordingAssessment, 'verdict' | 'uncertainty' | 'events'>[],
): string | null {
  if (assessments.length !== 1) return null;
  const [a] = assessments;
  if (a.verdict === null || a.verdict.value === 'undecided' || a.uncertainty.uncertain) return null;
  if (task === 'detection' && a.verdict.value === 'abnormal')
    return detectionOpening(a.verdict.heard, a.events);
  return verdictOpening(task, a.verdict.value);
}
