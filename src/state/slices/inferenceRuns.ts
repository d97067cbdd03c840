// Pure bookkeeping of streamed answers: one run per (recordings, task) key with its text, token count, timing
// and tokens/s, so the store updates stay one-liners and the arithmetic is unit-tested.
import type { Domain, Site } from '../../core/clinical/schema';
import type { InferenceErrorName } from '../../inference/protocol';

export interface AskTarget {
  id: string;
  /** 'unknown': the engine decides heart or lung from the audio. */
  domain: Domain | 'unknown';
  site: Site;
}
export type RunStatus = 'streaming' | 'done' | 'error' | 'aborted';
export interface AnswerRun {
  key: string;
  /** Task id, 'free' for a typed question, or 'comparison'. */
  kind: string;
  question: string;
  recordingIds: string[];
  text: string;
  status: RunStatus;
  tokens: number;
  startedAtMs: number;
  firstTokenAtMs: number | null;
  endedAtMs: number | null;
  error: { name: InferenceErrorName; message: string } | null;
}

export function runKey(recordingIds: readonly string[], kind: string): string {
  return `${recordingIds.join('+')}|${kind}`;
}

export function startRun(
  kind: string,
  question: string,
  targets: readonly AskTarget[],
  nowMs: number,
): AnswerRun {
  const recordingIds = targets.map((t) => t.id);
  return {
    key: runKey(recordingIds, kind),
    kind,
    question,
    recordingIds,
    text: '',
    status: 'streaming',
    tokens: 0,
    startedAtMs: nowMs,
    firstTokenAtMs: null,
    endedAtMs: null,
    error: null,
  };
}

export function appendToken(run: AnswerRun, text: string, nowMs: number): AnswerRun {
  return {
    ...run,
    text: run.text + text,
    tokens: run.tokens + 1,
    firstTokenAtMs: run.firstTokenAtMs ?? nowMs,
  };
}

export function endRun(
  run: AnswerRun,
  nowMs: number,
  error?: { name: InferenceErrorName; message: string },
): AnswerRun {
  if (!error) return { ...run, status: 'done', endedAtMs: nowMs };
  return { ...run, status: error.name === 'aborted' ? 'aborted' : 'error', endedAtMs: nowMs, error };
}

/**
 * Decoding speed: tokens after the first over the time since the first (the first token's wait is prompt
 * processing, not decoding). Null until two tokens have arrived.
 */
export function tokensPerSecond(run: AnswerRun, nowMs: number): number | null {
  if (run.firstTokenAtMs === null || run.tokens < 2) return null;
  const end = run.endedAtMs ?? nowMs;
  const seconds = (end - run.firstTokenAtMs) / 1000;
  return seconds > 0 ? (run.tokens - 1) / seconds : null;
}

/** Time to first token in ms, or null before it arrived. */
export function timeToFirstTokenMs(run: AnswerRun): number | null {
  return run.firstTokenAtMs === null ? null : run.firstTokenAtMs - run.startedAtMs;
}
