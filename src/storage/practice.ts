// A student's practice attempts in IndexedDB: one row per practised exam, kept after the exam itself is deleted.
import type { PracticeAttempt } from '../core/report/examPractice';
import { STORES, inTransaction, requestToPromise } from './db';

const P = STORES.practice;

export async function listPracticeAttempts(): Promise<PracticeAttempt[]> {
  const rows = await inTransaction([P], 'readonly', (tx) => requestToPromise(tx.objectStore(P).getAll()));
  return (rows as PracticeAttempt[]).sort((a, b) => b.atMs - a.atMs);
}

export function putPracticeAttempt(attempt: PracticeAttempt): Promise<void> {
  return inTransaction([P], 'readwrite', (tx) => void tx.objectStore(P).put(attempt));
}
