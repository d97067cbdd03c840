// The practice slice: an exam practice's score is kept in storage and comes back in a new store (a reload); a failed
// save keeps the score on screen and says so; an attempt saved while the history loads is not lost.
import { describe, expect, it } from 'vitest';
import { scoreExamPractice } from '../../core/report/examPractice';
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
    expect(first.getState().practiceAttempts).toHaveLength(1);

    const reloaded = createAppStore(appDeps(practice));
    expect(reloaded.getState().practiceAttempts).toEqual([]);
    await reloaded.getState().initPractice();
    const [a] = reloaded.getState().practiceAttempts;
    expect(a).toMatchObject({ examId, examLabel: 'Case 7', points: 2, maxPoints: 4 });
    expect(a.sites.map((s) => [s.site, s.normalCorrect])).toEqual([
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
    expect(store.getState().practiceAttempts).toHaveLength(1);
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
        .practiceAttempts.map((a) => a.examLabel)
        .sort(),
    ).toEqual(['Case 10', 'Case 9']);
  });
});
