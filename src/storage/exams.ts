// Exams in IndexedDB: each exam's details and which recording each site holds (the recordings themselves stay in the
// recordings store); deleting an exam deletes its recordings; an imported exam comes in with its recordings at once;
// a saved recording that no exam holds is given a one-site exam of its own.
import type { Exam } from '../core/clinical/exam';
import { examRecordingIds, examsForLooseRecordings } from '../core/clinical/exam';
import { STORES, inTransaction, requestToPromise } from './db';
import type { RecordingMeta } from '../core/clinical/recording';
import { chunkRange, fileRange } from './recordings';

const { exams: E, recordings: R, chunks: C, files: F } = STORES;

export async function listExams(): Promise<Exam[]> {
  const rows = await inTransaction([E], 'readonly', (tx) => requestToPromise(tx.objectStore(E).getAll()));
  return (rows as Exam[]).sort((a, b) => b.createdAtMs - a.createdAtMs);
}

/**
 * Gives every saved (ready) recording that no exam holds a one-site exam, in one transaction, and returns the exams
 * made. Such recordings come from a database made before every recording had an exam (versions 2 and 3), or from a
 * recording saved when making its exam then failed (the recording is always saved first). Exam ids derive from the
 * recordings', so a second run makes nothing.
 */
export function adoptLooseRecordings(): Promise<Exam[]> {
  return inTransaction([E, R], 'readwrite', async (tx) => {
    const [recordings, exams] = await Promise.all([
      requestToPromise(tx.objectStore(R).getAll()),
      requestToPromise(tx.objectStore(E).getAll()),
    ]);
    const ready = (recordings as RecordingMeta[]).filter((m) => m.status === 'ready');
    const made = examsForLooseRecordings(ready, exams as Exam[]);
    for (const exam of made) tx.objectStore(E).put(exam);
    return made;
  });
}

export function putExam(exam: Exam): Promise<void> {
  return inTransaction([E], 'readwrite', (tx) => void tx.objectStore(E).put(exam));
}

/** Stores `exam` and removes the exams `forget` names, whose records only go: their recordings stay (moved into it). */
export function putExamForgetting(exam: Exam, forget: readonly string[]): Promise<void> {
  return inTransaction([E], 'readwrite', (tx) => {
    for (const id of forget) tx.objectStore(E).delete(id);
    tx.objectStore(E).put(exam);
  });
}

/** Removes the exam and every recording it holds (details, chunks, files) in one transaction. */
export function deleteExam(exam: Exam): Promise<void> {
  return inTransaction([E, R, C, F], 'readwrite', (tx) => {
    tx.objectStore(E).delete(exam.id);
    for (const id of examRecordingIds(exam)) {
      tx.objectStore(R).delete(id);
      tx.objectStore(C).delete(chunkRange(id));
      tx.objectStore(F).delete(fileRange(id));
    }
  });
}

/** Stores an exam read from a shared archive with its recordings' details, WAV and original files, all or nothing. */
export function saveImportedExam(
  exam: Exam,
  recordings: readonly { meta: RecordingMeta; wav: Uint8Array; original?: Uint8Array }[],
): Promise<void> {
  return inTransaction([E, R, F], 'readwrite', (tx) => {
    for (const { meta, wav, original } of recordings) {
      tx.objectStore(R).put(meta);
      tx.objectStore(F).put({ recordingId: meta.id, kind: 'wav', bytes: wav, type: 'audio/wav' });
      if (original)
        tx.objectStore(F).put({
          recordingId: meta.id,
          kind: 'original',
          bytes: original,
          type: meta.originalType ?? '',
        });
    }
    tx.objectStore(E).put(exam);
  });
}
