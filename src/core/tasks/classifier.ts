// "Classifier + template" answers: finding probabilities from an encoder's heads (the shape Engine.findings()
// returns) are thresholded into labels and rendered through the same task templates as the reference answers.
import {
  FINDINGS,
  HEART_FINDINGS,
  isFinding,
  NORMAL_FINDINGS,
  type Domain,
  type Finding,
  type HeartSite,
  type RecordingLabels,
  type Site,
} from '../clinical/schema';
import { makeRng } from './random';
import { TASKS } from './registry';
import { renderLoudest } from './render-multi';
import type { TaskId } from './types';

/** One recording's head outputs: label (a Finding, or 'abnormal') and its calibrated probability. */
export type FindingProbabilities = { label: string; probability: number }[];

export interface ClassifierRecording {
  id: string;
  domain: Domain;
  site: Site;
  probabilities: FindingProbabilities;
}

export interface ClassifierOptions {
  /** Probability at or above which a label counts as present (per label, else `default`). */
  thresholds?: Partial<Record<string, number>>;
  defaultThreshold?: number;
}

const HEART_LABELS = new Set<string>(HEART_FINDINGS);

function present(p: FindingProbabilities, opts: ClassifierOptions): Set<string> {
  const thr = (l: string) => opts.thresholds?.[l] ?? opts.defaultThreshold ?? 0.5;
  return new Set(p.filter((x) => x.probability >= thr(x.label)).map((x) => x.label));
}

/** Labels the heads support for one recording; findings of the other domain are ignored. */
export function labelsFromProbabilities(
  rec: ClassifierRecording,
  opts: ClassifierOptions = {},
): RecordingLabels {
  const on = present(rec.probabilities, opts);
  const inDomain = (f: Finding) => f === 'poor-quality' || HEART_LABELS.has(f) === (rec.domain === 'heart');
  const findings = FINDINGS.filter((f) => on.has(f) && inDomain(f) && !NORMAL_FINDINGS.includes(f));
  const abnormal = findings.some((f) => f !== 'poor-quality') || on.has('abnormal');
  const normal = on.has('poor-quality') ? null : !abnormal;
  if (normal) findings.push(rec.domain === 'heart' ? 'normal-s1s2' : 'vesicular');
  return {
    id: rec.id,
    source: 'manifest',
    patient: rec.id,
    domain: rec.domain,
    site: rec.site,
    findings,
    normal,
    events: [],
    diagnosis: [],
  };
}

/** Highest murmur probability of a recording (for "where is the murmur loudest"). */
export function murmurScore(p: FindingProbabilities): number {
  return Math.max(
    0,
    ...p.filter((x) => isFinding(x.label) && x.label.endsWith('-murmur')).map((x) => x.probability),
  );
}

export interface ClassifierQuestion {
  id: string;
  task: TaskId;
  /** True for a two-site "where is the murmur loudest" location question. */
  loudest?: boolean;
}

/** The answer a classifier-plus-template system gives; it is told the task and never declines. */
export function renderFromProbabilities(
  q: ClassifierQuestion,
  recs: ClassifierRecording[],
  opts: ClassifierOptions = {},
): string {
  const rng = makeRng(q.id);
  if (q.loudest && recs.length === 2) {
    const [a, b] =
      murmurScore(recs[0].probabilities) >= murmurScore(recs[1].probabilities)
        ? [recs[0], recs[1]]
        : [recs[1], recs[0]];
    return renderLoudest(labelsFromProbabilities(b, opts), a.site as HeartSite, rng);
  }
  return TASKS[q.task].render(
    recs.map((r) => labelsFromProbabilities(r, opts)),
    rng,
  );
}
