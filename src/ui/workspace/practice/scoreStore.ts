// The running practice score survives reloads: kept in localStorage, read back defensively (a damaged or old value
// starts a fresh score instead of breaking the panel).
import { EMPTY_SCORE, type RunningScore } from './practice';

export const SCORE_KEY = 'auscult.practice.score.v1';

type KeyValue = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const store = (): KeyValue | null => (typeof localStorage === 'undefined' ? null : localStorage);

function isScore(v: unknown): v is RunningScore {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return (['cases', 'points', 'maxPoints', 'normalCorrect'] as const).every(
    (k) => typeof r[k] === 'number' && Number.isFinite(r[k]) && (r[k] as number) >= 0,
  );
}

export function loadScore(kv: KeyValue | null = store()): RunningScore {
  try {
    const v: unknown = JSON.parse(kv?.getItem(SCORE_KEY) ?? 'null');
    return isScore(v) ? v : EMPTY_SCORE;
  } catch {
    return EMPTY_SCORE;
  }
}

/** Best effort: a full or blocked storage only loses the persistence, never the score on screen. */
export function saveScore(score: RunningScore, kv: KeyValue | null = store()): void {
  try {
    if (score.cases === 0) kv?.removeItem(SCORE_KEY);
    else kv?.setItem(SCORE_KEY, JSON.stringify(score));
  } catch {
    // quota or privacy mode: keep going without persistence
  }
}
