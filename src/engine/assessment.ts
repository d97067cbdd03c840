// Whole-recording inference, the pure part: which windows to score (every one, or evenly spaced ones for very long
// recordings), the mean of their calibrated probabilities per label, the window the decoder hears, heart or lung, and
// what the manifest's rules make of them (abstain or not; normal or abnormal).
import type { Domain } from '../core/clinical/schema';
import type { FindingHead } from '../core/manifest/heads';
import type { ModelManifest } from '../core/manifest/manifest';
import type { DomainDecision, RecordingAssessment, RecordingSignals, WindowScores } from './types';
import { uncertainty } from './uncertainty';
import { verdictOf } from './verdict';

/** At most this many windows are scored (about 11 minutes of audio); longer recordings are sampled evenly. */
export const MAX_ASSESSED_WINDOWS = 64;

/**
 * Indices of the windows to score: all of 0..count−1, or `max` of them evenly spaced over the recording, always
 * including the first and the last, strictly increasing.
 */
export function evenlySpaced(count: number, max: number = MAX_ASSESSED_WINDOWS): number[] {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`a recording has at least one window, got ${count}`);
  if (!Number.isInteger(max) || max < 1)
    throw new RangeError(`at least one window must be scored, got ${max}`);
  if (count <= max) return Array.from({ length: count }, (_, i) => i);
  if (max === 1) return [0];
  // the step (count − 1) / (max − 1) exceeds 1 here, so rounding never repeats an index
  return Array.from({ length: max }, (_, i) => Math.round((i * (count - 1)) / (max - 1)));
}

/** Per label, the mean over windows of the probabilities (each window lists one per label). */
export function meanOverWindows(windows: readonly WindowScores[]): number[] {
  if (windows.length === 0) throw new RangeError('no windows to aggregate');
  const sums = new Array<number>(windows[0].probabilities.length).fill(0);
  for (const w of windows) w.probabilities.forEach((p, j) => (sums[j] += p));
  return sums.map((s) => s / windows.length);
}

/** Position in `perWindow` of the value closest to `target` (ties: the earliest). */
export function closestWindow(perWindow: readonly number[], target: number): number {
  if (perWindow.length === 0) throw new RangeError('no windows to choose from');
  let best = 0;
  for (let i = 1; i < perWindow.length; i++)
    if (Math.abs(perWindow[i] - target) < Math.abs(perWindow[best] - target)) best = i;
  return best;
}

/** The decided domain: the caller's when given, else lung when the aggregated P(lung) ≥ 0.5. */
export function decideDomain(given: Domain | 'unknown', pLung: number | null): DomainDecision {
  if (given !== 'unknown') return { value: given, source: 'given', pLung };
  if (pLung === null) return { value: 'heart', source: 'default', pLung }; // a model without a domain head
  return { value: pLung >= 0.5 ? 'lung' : 'heart', source: 'audio', pLung };
}

/**
 * The recording's window index the decoder should hear: the scored window whose abnormal probability lies closest
 * to the recording's aggregate (ties: the earliest); without an abnormal head, the first scored window.
 */
export function representativeWindow(
  windows: readonly WindowScores[],
  heads: readonly FindingHead[],
): number {
  const abnormal = heads.findIndex((h) => h.kind === 'abnormal');
  if (abnormal < 0) return windows[0].index;
  const mean = meanOverWindows(windows)[abnormal];
  return windows[
    closestWindow(
      windows.map((w) => w.probabilities[abnormal]),
      mean,
    )
  ].index;
}

/** The manifest's rules an assessment applies (each optional). */
export type AssessmentRules = Partial<Pick<ModelManifest, 'uncertainty' | 'verdict'>>;

/** The assessment of one recording from its scored windows (time order). */
export function assessmentOf(
  windows: WindowScores[],
  windowCount: number,
  windowSeconds: number,
  heads: readonly FindingHead[],
  given: Domain | 'unknown',
  rules: AssessmentRules,
  signals?: RecordingSignals,
): RecordingAssessment {
  const mean = meanOverWindows(windows);
  const findings = heads.map((head, j) => ({ label: head.label, probability: mean[j], head }));
  const d = heads.findIndex((h) => h.kind === 'domain');
  const pLung = d < 0 ? null : heads[d].domain === 'lung' ? mean[d] : 1 - mean[d];
  const domain = decideDomain(given, pLung);
  return {
    findings,
    windows,
    windowCount,
    windowSeconds,
    representative: representativeWindow(windows, heads),
    domain,
    uncertainty: uncertainty({ findings, domain }, rules.uncertainty),
    verdict: verdictOf(findings, domain.value, rules.verdict, signals?.measures),
    ...(signals ? { signals } : {}),
  };
}
