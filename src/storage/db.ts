// Opens Auscult's IndexedDB database (upgrading older ones) and wraps its request/transaction callbacks in promises.
import { examsForLooseRecordings, type LooseRecording } from '../core/clinical/exam';

export const DB_NAME = 'auscult';
export const DB_VERSION = 3;
export const STORES = {
  recordings: 'recordings',
  chunks: 'chunks',
  files: 'files',
  exams: 'exams',
  practice: 'practice',
} as const;
export type StoreName = (typeof STORES)[keyof typeof STORES];

let opening: Promise<IDBDatabase> | null = null;

/**
 * The one shared connection; schema: recordings by id, PCM chunks by [recordingId, seq], files by [recordingId, kind],
 * exams by id, practice attempts by id. Version 2 adds the exams store and puts each recording made before it into a
 * one-site exam of its own (the recordings themselves stay as they were); version 3 adds the practice store. A
 * recording that no exam holds in a database already at version 2 or 3 gets its exam at startup instead
 * (exams.ts adoptLooseRecordings), which needs no new version.
 */
export function openDb(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = (e) => {
      const db = req.result;
      if (e.oldVersion < 1) {
        db.createObjectStore(STORES.recordings, { keyPath: 'id' });
        db.createObjectStore(STORES.chunks, { keyPath: ['recordingId', 'seq'] });
        db.createObjectStore(STORES.files, { keyPath: ['recordingId', 'kind'] });
      }
      if (e.oldVersion < 2) {
        db.createObjectStore(STORES.exams, { keyPath: 'id' });
        if (e.oldVersion >= 1 && req.transaction) examsForOlderRecordings(req.transaction);
      }
      if (e.oldVersion < 3) db.createObjectStore(STORES.practice, { keyPath: 'id' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
    req.onblocked = () =>
      reject(new Error('IndexedDB is blocked by another open tab; close other Auscult tabs.'));
  }).catch((e: unknown) => {
    opening = null;
    throw e;
  });
  return opening;
}

/** Inside the upgrade's transaction (so the new version is not reached without them): a one-site exam per recording. */
function examsForOlderRecordings(tx: IDBTransaction): void {
  const recordings = tx.objectStore(STORES.recordings).getAll();
  recordings.onsuccess = () => {
    const exams = tx.objectStore(STORES.exams);
    for (const exam of examsForLooseRecordings(recordings.result as LooseRecording[], [])) exams.put(exam);
  };
}

export function requestToPromise<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** Runs `work` in one transaction and resolves when it commits, so a failure (e.g. quota) rolls back everything in it. */
export async function inTransaction<T>(
  stores: StoreName[],
  mode: IDBTransactionMode,
  work: (tx: IDBTransaction) => Promise<T> | T,
): Promise<T> {
  const db = await openDb();
  const tx = db.transaction(stores, mode);
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
  done.catch(() => undefined); // observed below; avoids an unhandled rejection when `work` throws first
  try {
    const result = await work(tx);
    await done;
    return result;
  } catch (e) {
    if (!tx.error) safeAbort(tx);
    throw e;
  }
}

function safeAbort(tx: IDBTransaction): void {
  try {
    tx.abort();
  } catch {
    // already committed or aborted
  }
}
