// The app's store instance wired to the real browser dependencies, and the React hook to read it.
import { useStore } from 'zustand';
import { importAudioFile, resumeImport } from '../capture/import';
import { startRecording } from '../capture/recorder';
import { deleteRecording, getFile, listRecordings, updateRecording } from '../storage/recordings';
import {
  adoptLooseRecordings,
  deleteExam,
  listExams,
  putExam,
  putExamForgetting,
  saveImportedExam,
} from '../storage/exams';
import {
  clearLegacyScore,
  listPracticeRecords,
  putPracticeRecord,
  readLegacyScore,
} from '../storage/practice';
import { recoverUnfinished } from '../storage/recover';
import { createAppStore, type AppState } from './store';
import { webInferenceDeps } from './slices/inferenceWeb';

export const appStore = createAppStore({
  library: {
    list: listRecordings,
    update: updateRecording,
    remove: deleteRecording,
    recover: recoverUnfinished,
  },
  capture: { start: startRecording, importFile: importAudioFile, resumeImport },
  undoMs: 8000,
  inference: webInferenceDeps(),
  exams: {
    list: listExams,
    adoptLoose: adoptLooseRecordings,
    put: putExam,
    putForgetting: putExamForgetting,
    remove: deleteExam,
    saveImported: saveImportedExam,
    getWav: (id) => getFile(id, 'wav'),
    getOriginal: (id) => getFile(id, 'original'),
    newId: () => crypto.randomUUID(),
    now: () => Date.now(),
  },
  practice: {
    list: listPracticeRecords,
    put: putPracticeRecord,
    legacyScore: () => readLegacyScore(),
    clearLegacyScore: () => clearLegacyScore(),
    newId: () => crypto.randomUUID(),
    now: () => Date.now(),
  },
});

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}
