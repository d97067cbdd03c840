// Practice slice: a student's scored attempts at exams, loaded once from storage and added to as they are revealed,
// so that the history (and the best attempt per exam) survives reloads.
import type { StateCreator } from 'zustand';
import {
  practiceAttempt,
  type ExamPracticeScore,
  type PracticeAttempt,
} from '../../core/report/examPractice';
import type { AppState } from '../store';

/** Where attempts are kept (IndexedDB in the app), ids and time. */
export interface PracticeDeps {
  list(): Promise<PracticeAttempt[]>;
  put(attempt: PracticeAttempt): Promise<void>;
  newId(): string;
  now(): number;
}

export interface PracticeSlice {
  /** Newest first. */
  practiceAttempts: PracticeAttempt[];
  practiceLoaded: boolean;
  initPractice(): Promise<void>;
  /** Keeps the student's score of an exam practice; shown at once, stored in the background. */
  savePracticeAttempt(examId: string, score: ExamPracticeScore): Promise<void>;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
const newestFirst = (list: PracticeAttempt[]) => [...list].sort((a, b) => b.atMs - a.atMs);

export function memoryPracticeDeps(): PracticeDeps {
  const rows = new Map<string, PracticeAttempt>();
  let n = 0;
  return {
    list: async () => [...rows.values()],
    put: async (a) => void rows.set(a.id, a),
    newId: () => `attempt-${++n}`,
    now: () => Date.now(),
  };
}

export function createPracticeSlice(deps: PracticeDeps): StateCreator<AppState, [], [], PracticeSlice> {
  return (set, get) => {
    let initOnce: Promise<void> | null = null;
    return {
      practiceAttempts: [],
      practiceLoaded: false,
      initPractice: () =>
        (initOnce ??= deps
          .list()
          .then((list) =>
            // an attempt saved before the list came back stays in it
            set((s) => ({
              practiceAttempts: newestFirst([
                ...s.practiceAttempts,
                ...list.filter((a) => !s.practiceAttempts.some((x) => x.id === a.id)),
              ]),
              practiceLoaded: true,
            })),
          )
          .catch((e) => {
            set({ practiceLoaded: true });
            get().pushToast({
              kind: 'error',
              text: `Your practice history could not be loaded: ${errorText(e)}`,
            });
          })),
      async savePracticeAttempt(examId, score) {
        const exam = get().exams.find((e) => e.id === examId);
        if (!exam) return;
        const attempt = practiceAttempt(deps.newId(), exam, score, deps.now());
        set((s) => ({ practiceAttempts: newestFirst([...s.practiceAttempts, attempt]) }));
        try {
          await deps.put(attempt);
        } catch (e) {
          get().pushToast({
            kind: 'error',
            text: `Your score is shown but was not saved (${errorText(e)}); free some storage space and practise again to keep it.`,
          });
        }
      },
    };
  };
}
