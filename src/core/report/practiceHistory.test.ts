// The practice history: exam attempts kept as scored with the best per exam, the running score of cases since the
// newest reset, the latest cases.
import { describe, expect, it } from 'vitest';
import { scoreExamPractice } from './examPractice';
import {
  EMPTY_SCORE,
  caseAttempt,
  examAttempt,
  examPracticeHistory,
  recentCases,
  runningScore,
  type PracticeRecord,
} from './practiceHistory';

const examScore = (normal: boolean) =>
  scoreExamPractice([
    { site: 'AV', truth: { normal: true, findings: [] }, mark: { normal, findings: [] } },
    {
      site: 'MV',
      truth: { normal: false, findings: ['systolic-murmur'] },
      mark: { normal: false, findings: [] },
    },
  ]);

describe('practice history', () => {
  it("keeps an exam attempt as the student scored it and reads one exam's history newest first, with its best", () => {
    const exam = { id: 'e1', label: 'Case 1' };
    const first = examAttempt('a1', exam, examScore(true), 100);
    expect(first).toEqual({
      kind: 'exam',
      id: 'a1',
      examId: 'e1',
      examLabel: 'Case 1',
      atMs: 100,
      points: 3,
      maxPoints: 4,
      sites: [
        { site: 'AV', points: 2, normalCorrect: true },
        { site: 'MV', points: 1, normalCorrect: true },
      ],
    });
    const worse = examAttempt('a2', exam, examScore(false), 200);
    const same = examAttempt('a3', exam, examScore(true), 300);
    const other = examAttempt('b1', { id: 'e2', label: 'Case 2' }, examScore(true), 400);
    const aCase = caseAttempt('c1', 'aortic stenosis', { points: 3, maxPoints: 3, normalCorrect: true }, 50);
    const h = examPracticeHistory([first, other, aCase, same, worse], 'e1');
    expect(h.attempts.map((a) => a.id)).toEqual(['a3', 'a2', 'a1']);
    expect(worse.points).toBe(2);
    expect(h.best?.id).toBe('a1');
    expect(examPracticeHistory([first], 'e9')).toEqual({ attempts: [], best: null });
  });

  it('sums the cases since the newest reset; the cases before it stay in the history', () => {
    const c = (id: string, atMs: number, points: number, normalCorrect: boolean) =>
      caseAttempt(id, `case ${id}`, { points, maxPoints: 3, normalCorrect }, atMs);
    const records: PracticeRecord[] = [
      c('1', 10, 3, true),
      { kind: 'reset', id: 'r1', atMs: 20 },
      c('2', 30, 2.5, true),
      { ...c('old', 5, 12, true), cases: 5, maxPoints: 15, normalCorrect: 4 },
      c('3', 40, 1, false),
      examAttempt('x', { id: 'e', label: 'E' }, examScore(true), 50),
    ];
    expect(runningScore(records)).toEqual({ cases: 2, points: 3.5, maxPoints: 6, normalCorrect: 1 });
    expect(runningScore(records.filter((r) => r.kind !== 'reset'))).toEqual({
      cases: 8,
      points: 18.5,
      maxPoints: 24,
      normalCorrect: 6,
    });
    expect(runningScore([{ kind: 'reset', id: 'r', atMs: 1 }])).toEqual(EMPTY_SCORE);
    expect(recentCases(records, 3).map((r) => r.id)).toEqual(['3', '2', '1']);
  });
});
