// Deleting an exam with undo: the exam and its recordings leave the library at once and leave storage only after the
// undo period; Undo brings both back.
import type { StoreApi } from 'zustand';
import type { Exam } from '../../core/clinical/exam';
import { examRecordingIds } from '../../core/clinical/exam';
import type { RecordingMeta } from '../../core/clinical/recording';
import type { AppDeps } from '../deps';
import type { AppState } from '../store';
import type { ExamDeps } from './examDeps';

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
const newestFirst = (list: Exam[]) => [...list].sort((a, b) => b.createdAtMs - a.createdAtMs);

export function examDeleteActions(deps: ExamDeps, app: AppDeps, set: Set, get: Get) {
  const pending = new Map<
    string,
    { exam: Exam; hidden: RecordingMeta[]; timer: ReturnType<typeof setTimeout>; toastId: number }
  >();
  const finish = (id: string) => {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    get().dismissToast(p.toastId);
    deps
      .remove(p.exam)
      .catch((e) => get().pushToast({ kind: 'error', text: `Delete failed: ${errorText(e)}` }));
  };
  return {
    requestDeleteExam(id: string) {
      const exam = get().exams.find((e) => e.id === id);
      if (!exam || pending.has(id)) return;
      const ids = new Set(examRecordingIds(exam));
      const hidden = get().recordings.filter((r) => ids.has(r.id));
      const timer = setTimeout(() => finish(id), app.undoMs);
      const action = { label: 'Undo', run: () => get().undoDeleteExam(id) };
      const toastId = get().pushToast({ kind: 'info', text: `Deleted exam "${exam.label}".`, action });
      pending.set(id, { exam, hidden, timer, toastId });
      set((s) => ({
        exams: s.exams.filter((e) => e.id !== id),
        recordings: s.recordings.filter((r) => !ids.has(r.id)),
        activeExamId: s.activeExamId === id ? null : s.activeExamId,
        selectedId: s.selectedId && ids.has(s.selectedId) ? null : s.selectedId,
      }));
    },
    undoDeleteExam(id: string) {
      const p = pending.get(id);
      if (!p) return;
      clearTimeout(p.timer);
      pending.delete(id);
      get().dismissToast(p.toastId);
      set((s) => ({ exams: newestFirst([...s.exams, p.exam]) }));
      for (const m of p.hidden) get().upsertRecording(m);
    },
  };
}
