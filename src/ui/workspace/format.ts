// Small display formatters for the workspace (sizes, speeds, probabilities, an assessment's windows and doubts).
import type { RecordingAssessment, RecordingVerdict, UncertaintyReason } from '../../inference/protocol';
import { VERDICT_SIGNALS } from '../../core/manifest/verdict';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

export function formatTokensPerSecond(tps: number | null): string {
  return tps === null ? '– tokens/s' : `${tps.toFixed(tps < 10 ? 1 : 0)} tokens/s`;
}

export function formatPercent(p: number): string {
  return `${Math.round(p * 100)}%`;
}

/** How many windows the findings are averaged over, e.g. "3 windows (all of the recording, 10.24 s each)". */
export function formatWindows(
  a: Pick<RecordingAssessment, 'windows' | 'windowCount' | 'windowSeconds'>,
): string {
  const n = a.windows.length;
  const each = `${a.windowSeconds.toFixed(2)} s each`;
  if (n === a.windowCount) return `${n} window${n === 1 ? '' : 's'} (all of the recording, ${each})`;
  return `${n} of ${a.windowCount} windows (evenly spaced over the recording, ${each})`;
}

const REASON_TEXT: Record<UncertaintyReason, string> = {
  'low-confidence': 'no confident normal/abnormal call',
  'poor-quality': 'poor recording quality',
  'unlike-training': 'unlike the training data',
};

export function formatReasons(reasons: readonly UncertaintyReason[]): string {
  return reasons.map((r) => REASON_TEXT[r]).join(', ');
}

/**
 * What the findings heads decided, e.g. "Heard as abnormal: murmur 82% (threshold 50%)."; when a signal detector
 * decided it, "Heard as abnormal: a sustained tonal sound (wheeze detector) in 6% of the recording (threshold 3%) …".
 */
export function formatVerdict(
  v: Pick<RecordingVerdict, 'value' | 'evidence' | 'threshold' | 'signal'>,
  evidenceName: string,
): string {
  const p = formatPercent(v.evidence.probability);
  const t = formatPercent(v.threshold);
  switch (v.value) {
    case 'abnormal':
      if (v.signal)
        return `Heard as abnormal: a ${VERDICT_SIGNALS[v.signal.signal].name} in ${formatPercent(v.signal.value)} of the recording (threshold ${formatPercent(v.signal.threshold)}); the strongest finding head, ${evidenceName}, is ${p} (threshold ${t}).`;
      return `Heard as abnormal: ${evidenceName} ${p} (threshold ${t}).`;
    case 'normal':
      return `Heard as normal: the strongest finding, ${evidenceName}, is ${p} (below the ${t} threshold).`;
    case 'undecided':
      return `No verdict from the findings: the recording may be of poor quality (${evidenceName} ${p}, threshold ${t}). The answers are the language model's own; consider re-recording.`;
  }
}
