// Per-site practice scores: normal/abnormal and findings overlap for the student, the model's call beside it.
import { describe, expect, it } from 'vitest';
import { findingsOverlap, scoreExamPractice } from './examPractice';

describe('exam practice scoring', () => {
  it('scores each site and totals the exam, with the model judged only where it was assessed', () => {
    const score = scoreExamPractice([
      {
        site: 'MV',
        truth: { normal: false, findings: ['systolic-murmur'] },
        mark: { normal: false, findings: ['systolic-murmur', 's3'] },
        modelCall: {
          abnormal: true,
          by: 'verdict',
          evidence: { site: 'MV', label: 'murmur', probability: 0.8 },
        },
      },
      {
        site: 'AV',
        truth: { normal: true, findings: [] },
        mark: { normal: false, findings: [] },
        modelCall: {
          abnormal: true,
          by: 'abnormal-head',
          evidence: { site: 'AV', label: 'abnormal', probability: 0.7 },
        },
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
});
