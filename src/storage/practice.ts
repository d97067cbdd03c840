// A student's practice history in IndexedDB (exam attempts, practice cases, score resets; kept after an exam is
// deleted), and the running score an older Auscult kept in localStorage, read once so that it joins the history.
import type { PracticeRecord, RunningScore } from '../core/report/practiceHistory';
import { STORES, inTransaction, requestToPromise } from './db';

const P = STORES.practice;

export async function listPracticeRecords(): Promise<PracticeRecord[]> {
  const rows = await inTransaction([P], 'readonly', (tx) => requestToPromise(tx.objectStore(P).getAll()));
  return (rows as PracticeRecord[]).sort((a, b) => b.atMs - a.atMs);
}

export function putPracticeRecord(record: PracticeRecord): Promise<void> {
  return inTransaction([P], 'readwrite', (tx) => void tx.objectStore(P).put(record));
}

/** Where the running score of practice cases was kept before the history (one total, no cases). */
export const LEGACY_SCORE_KEY = 'auscult.practice.score.v1';

type KeyValue = Pick<Storage, 'getItem' | 'removeItem'>;
const local = (): KeyValue | null => (typeof localStorage === 'undefined' ? null : localStorage);

function isScore(v: unknown): v is RunningScore {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return (['cases', 'points', 'maxPoints', 'normalCorrect'] as const).every(
    (k) => typeof r[k] === 'number' && Number.isFinite(r[k]) && (r[k] as number) >= 0,
  );
}

/** The old running score, if one is kept and sound (a damaged value counts as none); storage errors count as none. */
export function readLegacyScore(kv: KeyValue | null = local()): RunningScore | null {
  try {
    const v: unknown = JSON.parse(kv?.getItem(LEGACY_SCORE_KEY) ?? 'null');
    return isScore(v) && v.cases > 0 ? v : null;
  } catch {
    return null;
  }
}

/** Removes the old running score once it is in the history (best effort: a blocked storage keeps it, read again). */
export function clearLegacyScore(kv: KeyValue | null = local()): void {
  try {
    kv?.removeItem(LEGACY_SCORE_KEY);
  } catch {
    // privacy mode: nothing was kept there to begin with
  }
}
