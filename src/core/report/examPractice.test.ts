// Per-site practice scores: normal/abnormal and findings overlap for the student, the model's call beside it.
import { describe, expect, it } from 'vitest';
import { examPracticeHistory, findingsOverlap, practiceAttempt, scoreExamPractice } from './examPractice';

describe('exam practice scoring', () => {
  it('scores each site and totals the exam, with the model judged only where it was assessed', () => {
    const score = scoreExamPractice([
      {
        site: 'MV',
        truth: { normal: false, findings: ['systolic-murmur'] },
        mark: { normal: false, findings: ['systolic-murmur', 's3'] },
        modelAbnormalP: 0.8,
      },
      {
        site: 'AV',
        truth: { normal: true, findings: [] },
        mark: { normal: false, findings: [] },
        modelAbnormalP: 0.7,
      },
      {
        site: 'PV',
        truth: { normal: true, findings: ['normal-s1s2'] },
        mark: { normal: true, findings: [] },
      },
    ]);
    expect(
      score.sites.map((s) => [s.site, s.normalCorrect, s.findingsOverlap, s.points, s.modelCorrect]),
    ).toEqual([
      ['MV', true, 0.5, 1.5, true],
      ['AV', false, 1, 1, false],
      ['PV', true, 1, 2, null],
    ]);
    expect(score.sites[0]).toMatchObject({ missed: [], extra: ['s3'] });
    expect(score).toMatchObject({ points: 4.5, maxPoints: 6, modelCorrect: 1, modelScored: 2 });
  });

  it('leaves normal sounds and quality flags out of the overlap', () => {
    expect(findingsOverlap(['vesicular', 'poor-quality'], [])).toBe(1);
    expect(findingsOverlap(['fine-crackles', 'wheeze'], ['wheeze'])).toBe(0.5);
  });

  it("keeps an attempt as the student scored it and reads one exam's history back newest first, with its best", () => {
    const score = (normal: boolean) =>
      scoreExamPractice([
        { site: 'AV', truth: { normal: true, findings: [] }, mark: { normal, findings: [] } },
        {
          site: 'MV',
          truth: { normal: false, findings: ['systolic-murmur'] },
          mark: { normal: false, findings: [] },
        },
      ]);
    const exam = { id: 'e1', label: 'Case 1' };
    const first = practiceAttempt('a1', exam, score(true), 100);
    expect(first).toEqual({
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
    const worse = practiceAttempt('a2', exam, score(false), 200);
    const same = practiceAttempt('a3', exam, score(true), 300);
    const other = practiceAttempt('b1', { id: 'e2', label: 'Case 2' }, score(true), 400);
    const h = examPracticeHistory([first, other, same, worse], 'e1');
    expect(h.attempts.map((a) => a.id)).toEqual(['a3', 'a2', 'a1']);
    expect(worse.points).toBe(2);
    expect(h.best?.id).toBe('a1');
    expect(examPracticeHistory([first], 'e9')).toEqual({ attempts: [], best: null });
  });
});
