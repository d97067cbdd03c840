// What the exam slice needs from outside (exam storage, a recording's WAV and original file, ids and time), and an
// in-memory stand-in for stores built without IndexedDB (unit tests of other slices).
import { examsForLooseRecordings, type Exam, type LooseRecording } from '../../core/clinical/exam';
import type { RecordingMeta } from '../../core/clinical/recording';

/** A recording with its files, as an exam archive carries it. */
export interface ExamRecordingFiles {
  meta: RecordingMeta;
  wav: Uint8Array;
  original?: Uint8Array;
}

export interface ExamDeps {
  list(): Promise<Exam[]>;
  /** Gives each saved recording that no exam holds a one-site exam; returns those made (none on a second run). */
  adoptLoose(): Promise<Exam[]>;
  put(exam: Exam): Promise<void>;
  /** Stores `exam` and drops the exams `forget` names, keeping their recordings (which `exam` now holds). */
  putForgetting(exam: Exam, forget: readonly string[]): Promise<void>;
  /** Deletes the exam and the recordings it holds. */
  remove(exam: Exam): Promise<void>;
  saveImported(exam: Exam, recordings: readonly ExamRecordingFiles[]): Promise<void>;
  /** The stored 16-bit WAV of a recording, byte for byte. */
  getWav(recordingId: string): Promise<Uint8Array | null>;
  /** An imported recording's file as it came in; null for microphone recordings. */
  getOriginal(recordingId: string): Promise<Uint8Array | null>;
  newId(): string;
  now(): number;
}

/** `recordings`: the saved recordings `adoptLoose` looks at (none unless given). */
export function memoryExamDeps(recordings: () => readonly LooseRecording[] = () => []): ExamDeps {
  const exams = new Map<string, Exam>();
  const wavs = new Map<string, Uint8Array>();
  const originals = new Map<string, Uint8Array>();
  let n = 0;
  return {
    list: async () => [...exams.values()],
    adoptLoose: async () => {
      const made = examsForLooseRecordings(recordings(), [...exams.values()]);
      for (const e of made) exams.set(e.id, e);
      return made;
    },
    put: async (e) => void exams.set(e.id, e),
    putForgetting: async (e, forget) => {
      for (const id of forget) exams.delete(id);
      exams.set(e.id, e);
    },
    remove: async (e) => void exams.delete(e.id),
    saveImported: async (e, recs) => {
      exams.set(e.id, e);
      for (const r of recs) {
        wavs.set(r.meta.id, r.wav);
        if (r.original) originals.set(r.meta.id, r.original);
      }
    },
    getWav: async (id) => wavs.get(id) ?? null,
    getOriginal: async (id) => originals.get(id) ?? null,
    newId: () => `exam-${++n}`,
    now: () => Date.now(),
  };
}
