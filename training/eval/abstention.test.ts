// The abstention fit: wider bands answer fewer recordings, the answered ones are the confident ones, and the chosen
// rule keeps the coverage it promises.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../model/params';
import { fitUncertainty } from './abstention';

/** Recordings whose abnormal probability is right when far from 0.5 and a coin flip near it. */
function rows(n: number) {
  const r = mulberry32(4);
  return Array.from({ length: n }, (_, i) => {
    const normal = i % 2 === 0;
    const confident = r() < 0.7;
    const p = confident ? (normal ? 0.1 + 0.2 * r() : 0.7 + 0.2 * r()) : 0.4 + 0.2 * r();
    return {
      id: `x/${i}`,
      normal,
      domain: 'heart',
      probabilities: { abnormal: p, lung: 0.02, 'poor-quality': 0.1 },
    };
  });
}

describe('fitUncertainty', () => {
  it('trades coverage for balanced accuracy and keeps the promised coverage', () => {
    const fit = fitUncertainty(rows(400), 'test', 0.6);
    const cov = fit.curve.map((p) => p.coverage);
    for (let i = 1; i < cov.length; i++) expect(cov[i]).toBeLessThanOrEqual(cov[i - 1]);
    expect(fit.curve[0].coverage).toBe(1);
    expect(fit.chosen.coverage).toBeGreaterThanOrEqual(0.6);
    expect(fit.chosen.balancedAccuracy).toBeGreaterThan(fit.curve[0].balancedAccuracy + 0.1);
    for (const p of fit.curve)
      if (p.coverage >= 0.6) expect(fit.chosen.balancedAccuracy).toBeGreaterThanOrEqual(p.balancedAccuracy);
    expect(fit.rule.abnormalBand[0]).toBeCloseTo(0.5 - fit.chosen.halfWidth, 10);
  });

  it('abstains on recordings whose heart or lung is unclear', () => {
    const unclear = rows(10).map((x) => ({
      ...x,
      probabilities: { ...x.probabilities, abnormal: 0.95, lung: 0.5 },
    }));
    expect(fitUncertainty(unclear, 'test', 0).curve[0].coverage).toBe(0);
  });
});

describe('fitUncertainty when confidence says nothing', () => {
  it('keeps no abstention band when no band buys a point of balanced accuracy', () => {
    const r = mulberry32(8);
    // Probabilities unrelated to the truth: abstaining near 0.5 cannot help.
    const noise = Array.from({ length: 400 }, (_, i) => ({
      id: `n/${i}`,
      normal: i % 2 === 0,
      domain: 'heart',
      probabilities: { abnormal: r(), lung: 0.01, 'poor-quality': 0.1 },
    }));
    const fit = fitUncertainty(noise, 'test', 0.6);
    const gain =
      Math.max(...fit.curve.filter((p) => p.coverage >= 0.6).map((p) => p.balancedAccuracy)) -
      fit.curve[0].balancedAccuracy;
    expect(gain).toBeLessThan(0.01); // this seed's random probabilities: no band helps
    expect(fit.chosen.halfWidth).toBe(0);
    expect(fit.rule.abnormalBand).toEqual([0.5 - fit.chosen.halfWidth, 0.5 + fit.chosen.halfWidth]);
  });
});
