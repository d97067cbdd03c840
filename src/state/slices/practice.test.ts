// The practice slice: an exam practice's score and the practice cases are kept in storage and come back in a new store
// (a reload), with the running score since the last reset; the running score an older Auscult kept alone joins the
// history once; a failed save keeps the score on screen and says so; a record saved while the history loads stays.
import { describe, expect, it } from 'vitest';
import { scoreExamPractice } from '../../core/report/examPractice';
import { runningScore } from '../../core/report/practiceHistory';
import type { AppDeps } from '../deps';
import { createAppStore } from '../store';
import { memoryExamDeps } from './examDeps';
import { memoryPracticeDeps, type PracticeDeps } from './practice';

const exams = memoryExamDeps();
const appDeps = (practice: PracticeDeps): AppDeps => ({
  undoMs: 1000,
  library: {
    list: async () => [],
    update: async () => {
      throw new Error('unused');
    },
    remove: async () => undefined,
    recover: async () => ({ recovered: [], pendingImports: [] }),
  },
  capture: {
    start: async () => {
      throw new Error('unused');
    },
    importFile: async () => {
      throw new Error('unused');
    },
    resumeImport: async (m) => m,
  },
  exams,
  practice,
});

const score = scoreExamPractice([
  { site: 'AV', truth: { normal: true, findings: [] }, mark: { normal: true, findings: [] } },
  {
    site: 'MV',
    truth: { normal: false, findings: ['systolic-murmur'] },
    mark: { normal: true, findings: [] },
  },
]);

describe('practice slice', () => {
  it('keeps an exam practice score across a reload', async () => {
    const practice = memoryPracticeDeps();
    const first = createAppStore(appDeps(practice));
    const examId = await first.getState().createExam('heart-4', { label: 'Case 7' });
    await first.getState().initPractice();
    await first.getState().savePracticeAttempt(examId, score);
    expect(first.getState().practiceRecords).toHaveLength(1);

    const reloaded = createAppStore(appDeps(practice));
    expect(reloaded.getState().practiceRecords).toEqual([]);
    await reloaded.getState().initPractice();
    const [a] = reloaded.getState().practiceRecords;
    expect(a).toMatchObject({ kind: 'exam', examId, examLabel: 'Case 7', points: 2, maxPoints: 4 });
    expect(a.kind === 'exam' && a.sites.map((s) => [s.site, s.normalCorrect])).toEqual([
      ['AV', true],
      ['MV', false],
    ]);
  });

  it('shows a score it could not save, with a toast saying so', async () => {
    const practice = {
      ...memoryPracticeDeps(),
      put: async () => Promise.reject(new Error('QuotaExceededError')),
    };
    const store = createAppStore(appDeps(practice));
    const examId = await store.getState().createExam('heart-4', { label: 'Case 8' });
    await store.getState().savePracticeAttempt(examId, score);
    expect(store.getState().practiceRecords).toHaveLength(1);
    expect(
      store
        .getState()
        .toasts.map((t) => t.text)
        .join(),
    ).toMatch(/not saved \(QuotaExceededError\)/);
  });

  it('keeps an attempt saved before the stored history came back', async () => {
    const practice = memoryPracticeDeps();
    const old = createAppStore(appDeps(practice));
    const examId = await old.getState().createExam('heart-4', { label: 'Case 9' });
    await old.getState().savePracticeAttempt(examId, score);
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const slow = { ...practice, list: async () => (await gate, practice.list()) };
    const store = createAppStore(appDeps(slow));
    await store.getState().createExam('heart-4', { label: 'Case 10' });
    const loading = store.getState().initPractice();
    await store.getState().savePracticeAttempt(store.getState().activeExamId as string, score);
    release();
    await loading;
    expect(
      store
        .getState()
        .practiceRecords.map((a) => (a.kind === 'exam' ? a.examLabel : a.kind))
        .sort(),
    ).toEqual(['Case 10', 'Case 9']);
  });

  it('keeps practice cases and a reset across a reload: the running score counts the cases since the reset', async () => {
    const practice = memoryPracticeDeps();
    const first = createAppStore(appDeps(practice));
    await first.getState().initPractice();
    await first
      .getState()
      .savePracticeCase('aortic stenosis', { points: 3, maxPoints: 3, normalCorrect: true });
    await first.getState().resetPracticeScore();
    await first.getState().savePracticeCase('13918_AV', { points: 1.5, maxPoints: 3, normalCorrect: false });
    const reloaded = createAppStore(appDeps(practice));
    await reloaded.getState().initPractice();
    const records = reloaded.getState().practiceRecords;
    expect(records.map((r) => r.kind).sort()).toEqual(['case', 'case', 'reset']);
    expect(runningScore(records)).toEqual({ cases: 1, points: 1.5, maxPoints: 3, normalCorrect: 0 });
  });

  it('adds the running score an older Auscult kept alone to the history once, before everything else', async () => {
    let legacy: { cases: number; points: number; maxPoints: number; normalCorrect: number } | null = {
      cases: 4,
      points: 9.5,
      maxPoints: 12,
      normalCorrect: 3,
    };
    const practice = {
      ...memoryPracticeDeps(),
      legacyScore: () => legacy,
      clearLegacyScore: () => void (legacy = null),
    };
    const first = createAppStore(appDeps(practice));
    await first.getState().savePracticeCase('wheeze', { points: 2, maxPoints: 2, normalCorrect: true });
    await first.getState().initPractice();
    expect(legacy).toBeNull();
    expect(runningScore(first.getState().practiceRecords)).toEqual({
      cases: 5,
      points: 11.5,
      maxPoints: 14,
      normalCorrect: 4,
    });
    const [, oldest] = first.getState().practiceRecords;
    expect(oldest).toMatchObject({
      kind: 'case',
      title: 'Cases practised before the history was kept',
      cases: 4,
    });
    const reloaded = createAppStore(appDeps(practice));
    await reloaded.getState().initPractice();
    expect(reloaded.getState().practiceRecords).toHaveLength(2);
  });
});
