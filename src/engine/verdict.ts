// Normal or abnormal from heard findings: the manifest's `verdict` rule applied to a recording's aggregated heads, and
// the opening an answer then starts with. The findings heads decide; the decoder explains what follows.
import type { Domain, Finding, Site, TimedEvent } from '../core/clinical/schema';
import {
  VERDICT_SIGNALS,
  type SignalMeasures,
  type VerdictRule,
  type VerdictSignal,
} from '../core/manifest/verdict';
import {
  COMPARISON_OPENINGS,
  type DecidedVerdict,
  verdictOpening,
  whichAbnormalFrom,
} from '../core/tasks/openings';
import {
  NORMAL_SOUNDS,
  normalReportLines,
  REPORT_QUALITY_ADEQUATE,
  reportSiteLine,
} from '../core/tasks/render';
import { findingPhrase, joinList } from '../core/tasks/truth';
import type { TaskId } from '../core/tasks/types';
import type {
  FindingProbability,
  FrameEvents,
  RecordingAssessment,
  RecordingSignals,
  RecordingVerdict,
} from './types';

/**
 * The verdict on a recording of `domain`: abnormal when the strongest of the rule's heads for that domain reaches the
 * threshold, or else one of the domain's signal measures reaches its own threshold; 'undecided' when the rule's
 * `undecided` head (poor quality) reaches its own threshold first (such a recording may not be judgeable, and the
 * decoder says so itself). Null without a rule, or when the model lacks every head the rule names.
 */
export function verdictOf(
  findings: readonly FindingProbability[],
  domain: Domain,
  rule: VerdictRule | undefined,
  measures?: Partial<SignalMeasures>,
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
  const heard = heardFindings(findings, domain, rule, measures);
  if (evidence.probability >= threshold) return { value: 'abnormal', evidence, threshold, heard };
  const signal = firedSignals(domain, rule, measures)[0];
  if (signal) return { value: 'abnormal', evidence, threshold, heard, signal };
  return { value: 'normal', evidence, threshold, heard: [] };
}

/** The domain's signal measures at or above their thresholds, strongest share of its threshold first. */
function firedSignals(
  domain: Domain,
  rule: VerdictRule,
  measures: Partial<SignalMeasures> | undefined,
): { signal: VerdictSignal; value: number; threshold: number }[] {
  return (rule[domain].signals ?? [])
    .flatMap((s) => {
      const value = measures?.[s.signal];
      return value !== undefined && value >= s.threshold ? [{ ...s, value }] : [];
    })
    .sort((a, b) => b.value / Math.max(b.threshold, 1e-9) - a.value / Math.max(a.threshold, 1e-9));
}

/**
 * The specific findings a recording's verdict rests on: for each of the rule's heads (of the decided domain) at or
 * above the threshold, the most likely of the single-finding heads it covers (murmur → systolic or diastolic murmur,
 * crackles → fine or coarse), or its own finding when it stands for one; strongest first; then the finding of each
 * signal measure at or above its threshold (a wheeze the detector hears); no repeats.
 */
export function heardFindings(
  findings: readonly FindingProbability[],
  domain: Domain,
  rule: VerdictRule | undefined,
  measures?: Partial<SignalMeasures>,
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
  const fromHeads = out.sort((a, b) => b.p - a.p).map((o) => o.finding);
  const fromSignals = firedSignals(domain, rule, measures).map(
    (s) => VERDICT_SIGNALS[s.signal].finding as Finding,
  );
  return [...new Set([...fromHeads, ...fromSignals])];
}

/**
 * When the recording holds `f`: the spans of the frame-event channel standing for it; without such spans, those of
 * the signal measure whose finding it is (the wheeze detector's tracks); none otherwise.
 */
export function heardTimes(
  f: Finding,
  events: FrameEvents | undefined,
  signals?: RecordingSignals,
): TimedEvent[] {
  const channel = events?.channels.find((c) => c.findings.includes(f));
  const framed =
    events && channel
      ? events.spans
          .filter((s) => s.channel === channel.name)
          .map((s) => ({ type: f, startS: s.startS, endS: s.endS }))
      : [];
  if (framed.length > 0 || !signals) return framed;
  const measure = (Object.keys(VERDICT_SIGNALS) as VerdictSignal[]).find(
    (k) => VERDICT_SIGNALS[k].finding === f,
  );
  return measure ? signals.spans[measure].map((s) => ({ type: f, startS: s.startS, endS: s.endS })) : [];
}

/**
 * "Detected: a systolic murmur and wheeze" from the heard findings; the bare opening when none is specific. A finding
 * the frame-level event head places in time gets its times, as the reference answers write them ("fine crackles (at
 * 1.6–6.7 s)"). When every heard finding is placed, the sentence is whole and ends; otherwise the decoder goes on
 * (a murmur's grade and shape, say).
 */
export function detectionOpening(
  heard: readonly Finding[],
  events?: FrameEvents,
  signals?: RecordingSignals,
): string {
  const base = verdictOpening('detection', 'abnormal') as string;
  return heard.length === 0 ? base : `${base} ${timedFindings(heard, events, signals)}`;
}

/** "fine crackles (at 0.6–2.2 s) and wheeze (at 1.0–1.3 s)." — the period only when every finding is placed. */
function timedFindings(heard: readonly Finding[], events?: FrameEvents, signals?: RecordingSignals): string {
  const timed = heard.map((f) => ({ f, events: heardTimes(f, events, signals) }));
  const phrase = joinList(timed.map((t) => findingPhrase({ events: t.events }, t.f, true)));
  return `${phrase}${timed.every((t) => t.events.length > 0) ? '.' : ''}`;
}

/**
 * How a lung report opens once its verdict is decided, as the reference reports are laid out: the site, the quality,
 * then the findings heard (placed in time) or, for a normal verdict, the normal findings and impression. Heart reports
 * are left to the decoder: their heart-rate line comes before the findings.
 */
export function reportingOpening(
  site: Site,
  a: Pick<RecordingAssessment, 'domain' | 'events' | 'signals'> & { verdict: RecordingVerdict },
): string | null {
  if (a.domain.value !== 'lung') return null;
  const lines = [reportSiteLine(site), REPORT_QUALITY_ADEQUATE];
  if (a.verdict.value === 'normal')
    return [...lines, ...normalReportLines('lung', NORMAL_SOUNDS.lung[0])].join('\n');
  const findings =
    a.verdict.heard.length === 0 ? '' : ` ${timedFindings(a.verdict.heard, a.events, a.signals)}`;
  return [...lines, `Findings:${findings}`].join('\n');
}

/** The verdict an answer may open with: decided, and the recording not uncertain (that answer has its own opening). */
function openingVerdict(a: Pick<RecordingAssessment, 'verdict' | 'uncertainty'>): DecidedVerdict | null {
  if (a.verdict === null || a.verdict.value === 'undecided' || a.uncertainty.uncertain) return null;
  return a.verdict.value;
}

/**
 * The words a `task` answer about these recordings (at `sites`) starts with: the verdict's opening when one recording
 * is asked about and it has an opening verdict (a lung report's first lines); for a comparison of two such recordings,
 * which of them is abnormal; else null.
 */
export function answerOpening(
  task: TaskId | undefined,
  assessments: readonly Pick<
    RecordingAssessment,
    'verdict' | 'uncertainty' | 'events' | 'signals' | 'domain'
  >[],
  sites: readonly Site[] = [],
): string | null {
  const verdicts = assessments.map(openingVerdict);
  if (verdicts.length === 0 || verdicts.some((v) => v === null)) return null;
  if (task === 'comparison' && verdicts.length === 2)
    return COMPARISON_OPENINGS[whichAbnormalFrom(verdicts[0]!, verdicts[1]!)];
  if (verdicts.length !== 1) return null;
  const [a] = assessments;
  if (task === 'detection' && verdicts[0] === 'abnormal')
    return detectionOpening(a.verdict!.heard, a.events, a.signals);
  if (task === 'reporting') return reportingOpening(sites[0] ?? 'unknown', { ...a, verdict: a.verdict! });
  return verdictOpening(task, verdicts[0]!);
}
