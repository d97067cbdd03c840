// Practice slice: a student's history (scored exam practices, practice cases, score resets), loaded once from storage
// and added to as answers are revealed, so that the history, the best attempt per exam and the running score of the
// cases survive reloads. The running score an older Auscult kept alone joins the history on the first load.
import type { StateCreator } from 'zustand';
import type { ExamPracticeScore } from '../../core/report/examPractice';
import {
  caseAttempt,
  examAttempt,
  type PracticeRecord,
  type RunningScore,
} from '../../core/report/practiceHistory';
import type { AppState } from '../store';

/** Where the history is kept (IndexedDB in the app), the old running score, ids and time. */
export interface PracticeDeps {
  list(): Promise<PracticeRecord[]>;
  put(record: PracticeRecord): Promise<void>;
  /** The running score kept before the history (localStorage), null when there is none. */
  legacyScore(): RunningScore | null;
  clearLegacyScore(): void;
  newId(): string;
  now(): number;
}

export interface PracticeSlice {
  /** Newest first. */
  practiceRecords: PracticeRecord[];
  practiceLoaded: boolean;
  initPractice(): Promise<void>;
  /** Keeps the student's score of an exam practice; shown at once, stored in the background. */
  savePracticeAttempt(examId: string, score: ExamPracticeScore): Promise<void>;
  /** Keeps one practice case's score (`title`: the condition or the recording's name). */
  savePracticeCase(
    title: string,
    score: { points: number; maxPoints: number; normalCorrect: boolean },
  ): Promise<void>;
  /** Starts the running score of the cases again; the history keeps every case. */
  resetPracticeScore(): Promise<void>;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
const newestFirst = (list: PracticeRecord[]) => [...list].sort((a, b) => b.atMs - a.atMs);

export function memoryPracticeDeps(): PracticeDeps {
  const rows = new Map<string, PracticeRecord>();
  let n = 0;
  return {
    list: async () => [...rows.values()],
    put: async (r) => void rows.set(r.id, r),
    legacyScore: () => null,
    clearLegacyScore: () => undefined,
    newId: () => `practice-${++n}`,
    now: () => Date.now(),
  };
}

/** The old running score as one entry of the history, dated just before everything in it. */
async function adoptLegacyScore(deps: PracticeDeps, list: PracticeRecord[]): Promise<PracticeRecord[]> {
  const old = deps.legacyScore();
  if (!old) return list;
  const record: PracticeRecord = {
    kind: 'case',
    id: deps.newId(),
    title: 'Cases practised before the history was kept',
    atMs: Math.min(deps.now(), ...list.map((r) => r.atMs)) - 1,
    ...old,
  };
  await deps.put(record);
  deps.clearLegacyScore();
  return [...list, record];
}

export function createPracticeSlice(deps: PracticeDeps): StateCreator<AppState, [], [], PracticeSlice> {
  return (set, get) => {
    let initOnce: Promise<void> | null = null;
    /** Now, or just after the newest record: a case revealed in the same millisecond as a reset still counts. */
    const stamp = () => Math.max(deps.now(), ...get().practiceRecords.map((r) => r.atMs + 1));
    /** Shows a record at once and stores it; a failed save keeps it on screen and says so. */
    const keep = async (record: PracticeRecord) => {
      set((s) => ({ practiceRecords: newestFirst([...s.practiceRecords, record]) }));
      try {
        await deps.put(record);
      } catch (e) {
        get().pushToast({
          kind: 'error',
          text: `Your score is shown but was not saved (${errorText(e)}); free some storage space and practise again to keep it.`,
        });
      }
    };
    return {
      practiceRecords: [],
      practiceLoaded: false,
      initPractice: () =>
        (initOnce ??= deps
          .list()
          .then((list) => adoptLegacyScore(deps, list))
          .then((list) =>
            // a record kept before the list came back stays in it
            set((s) => ({
              practiceRecords: newestFirst([
                ...s.practiceRecords,
                ...list.filter((r) => !s.practiceRecords.some((x) => x.id === r.id)),
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
        if (exam) await keep(examAttempt(deps.newId(), exam, score, stamp()));
      },
      savePracticeCase: (title, score) => keep(caseAttempt(deps.newId(), title, score, stamp())),
      resetPracticeScore: () => keep({ kind: 'reset', id: deps.newId(), atMs: stamp() }),
    };
  };
}
