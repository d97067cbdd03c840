// Practice cases are deterministic synthesized recordings with labels; answers are scored against those labels.
import { describe, expect, it } from 'vitest';
import { caseAttempt, runningScore } from './practiceHistory';
import { findingChoices, makeCase, scoreCase } from './practiceCase';

const SHORT_S = 2; // short cases keep the test fast; the app uses PRACTICE_DURATION_S

describe('practice mode', () => {
  it('makes the same labelled case for the same seed, different conditions across seeds', () => {
    const a = makeCase(3, SHORT_S);
    const b = makeCase(3, SHORT_S);
    expect(a.title).toBe(b.title);
    expect(a.samples).toEqual(b.samples);
    expect(a.samples.length).toBe(SHORT_S * a.sampleRateHz);
    expect(new Set([0, 1, 2].map((s) => makeCase(s, SHORT_S).title)).size).toBe(3);
    const normal = makeCase(0, SHORT_S);
    expect(normal.title).toBe('normal heart');
    expect(normal.source).toBe('synth');
    expect(normal.normal).toBe(true);
  });

  it('scores normal/abnormal, findings overlap and site, and keeps a running total', () => {
    const c = makeCase(1, SHORT_S);
    expect(c.normal).toBe(false);
    const truth = c.findings.filter((f) => findingChoices(c.domain).includes(f));
    const perfect = scoreCase(c, { normal: false, findings: truth, site: c.site });
    expect(perfect).toMatchObject({
      normalCorrect: true,
      findingsOverlap: 1,
      siteCorrect: true,
      points: 3,
      maxPoints: 3,
    });
    const wrong = scoreCase(c, { normal: true, findings: [], site: 'unknown' });
    expect(wrong.points).toBe(0);
    expect(wrong.missed).toEqual(truth);
    const total = runningScore([caseAttempt('1', c.title, perfect, 1), caseAttempt('2', c.title, wrong, 2)]);
    expect(total).toEqual({ cases: 2, points: 3, maxPoints: 6, normalCorrect: 1 });
  });

  it('does not score the site of a case whose site is unknown', () => {
    const c = { ...makeCase(1, SHORT_S), site: 'unknown' as const };
    const s = scoreCase(c, { normal: false, findings: [], site: 'AV' });
    expect(s.siteCorrect).toBeNull();
    expect(s.maxPoints).toBe(2);
    expect(s.points).toBe(1);
  });
});
