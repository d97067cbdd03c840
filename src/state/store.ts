// The one Auscult store, composed from slices. New features (e.g. inference) add a slice here.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppDeps } from './deps';
import { createLibrarySlice, type LibrarySlice } from './library';
import { createRecorderSlice, type RecorderSlice } from './recorder';
import { createToastsSlice, type ToastsSlice } from './toasts';
import { createInferenceSlice, unconfiguredInference, type InferenceSlice } from './slices/inference';
import { createExamSlice, type ExamSlice } from './slices/exam';
import { memoryExamDeps } from './slices/examDeps';
import { createPracticeSlice, memoryPracticeDeps, type PracticeSlice } from './slices/practice';

export type AppState = LibrarySlice &
  RecorderSlice &
  ToastsSlice &
  InferenceSlice &
  ExamSlice &
  PracticeSlice;
export type AppStore = StoreApi<AppState>;

export function createAppStore(deps: AppDeps): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createToastsSlice(...a),
    ...createLibrarySlice(deps)(...a),
    ...createRecorderSlice(deps)(...a),
    ...createInferenceSlice<AppState>(deps.inference ?? unconfiguredInference)(...a),
    ...createExamSlice(deps.exams ?? memoryExamDeps(), deps)(...a),
    ...createPracticeSlice(deps.practice ?? memoryPracticeDeps())(...a),
  }));
}
