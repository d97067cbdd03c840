// Fitting the verdict rule on hand-made rows: the objective averages balanced accuracy over sources (a big source's
// prior does not decide), forward selection adds only heads that help, and only real-recording-taught heads compete.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/clinical/schema';
import { legacyHead, type FindingHead } from '../../src/core/manifest/heads';
import { verdictRuleError } from '../../src/core/manifest/verdict';
import { fitDomain, fitUndecided, fitVerdict, realSupport, signalCandidates, sourceBalancedAccuracy, verdictCandidates, type VerdictRow } from './verdict-fit';

const row = (source: string, normal: boolean, probabilities: Record<string, number>, domain: 'heart' | 'lung' = 'heart'): VerdictRow => ({
  source,
  domain,
  truth: normal ? 'normal' : 'abnormal',
  probabilities,
});

/** n rows of a source: abnormal ones with `signal` high on `head`, normal ones low; `noise` on the other head. */
function rows(source: string, n: number, head: string, hi: number, lo: number, domain: 'heart' | 'lung' = 'heart'): VerdictRow[] {
  return Array.from({ length: n }, (_, i) => {
    const abnormal = i % 2 === 0;
    return row(source, !abnormal, { [head]: abnormal ? hi : lo, noise: (i * 0.37) % 1 }, domain);
  });
}

describe('sourceBalancedAccuracy', () => {
  it('averages over sources with both classes, so one large source does not dominate', () => {
    const big = rows('big', 200, 'murmur', 0.9, 0.1); // separable at 0.5
    const small = rows('small', 20, 'murmur', 0.3, 0.1); // abnormal below 0.5: bacc 0.5 there
    expect(sourceBalancedAccuracy([...big, ...small], ['murmur'], 0.5)).toBeCloseTo((1 + 0.5) / 2, 10);
    expect(sourceBalancedAccuracy([...big, ...small], ['murmur'], 0.2)).toBeCloseTo(1, 10);
    const oneClass = Array.from({ length: 30 }, () => row('only-abnormal', false, { murmur: 0.9 }));
    expect(sourceBalancedAccuracy([...big, ...oneClass], ['murmur'], 0.5)).toBe(1);
  });
});

describe('fitUndecided', () => {
  it('puts the threshold between judgeable and uncertain recordings, and leaves uncertain ones out of the verdict fit', () => {
    const judgeable = rows('a', 40, 'murmur', 0.9, 0.1).map((r) => ({ ...r, probabilities: { ...r.probabilities, 'poor-quality': 0.2 } }));
    const poor: VerdictRow[] = Array.from({ length: 10 }, () => ({
      source: 'a',
      domain: 'heart',
      truth: 'uncertain',
      probabilities: { murmur: 0.95, 'poor-quality': 0.8 },
    }));
    const u = fitUndecided([...judgeable, ...poor], 'poor-quality');
    expect(u.balancedAccuracy).toBe(1);
    expect(u.threshold).toBeGreaterThan(0.2);
    expect(u.threshold).toBeLessThanOrEqual(0.8);
    expect(sourceBalancedAccuracy([...judgeable, ...poor], ['murmur'], 0.5)).toBe(1); // the poor rows do not count
  });

  it('never takes more than the allowed share of a source\'s judgeable recordings from the verdict', () => {
    // judgeable recordings spread over 0.05..0.95; uncertain ones all at 0.9: a low threshold would separate better
    // on balance but leave most judgeable recordings undecided
    const judgeable: VerdictRow[] = Array.from({ length: 40 }, (_, i) => ({
      source: 'a', domain: 'heart', truth: i % 2 ? 'normal' : 'abnormal', probabilities: { 'poor-quality': 0.05 + (0.9 * i) / 39 },
    }));
    const poor: VerdictRow[] = Array.from({ length: 10 }, () => ({ source: 'a', domain: 'heart', truth: 'uncertain', probabilities: { 'poor-quality': 0.9 } }));
    const u = fitUndecided([...judgeable, ...poor], 'poor-quality', 0.1);
    const taken = judgeable.filter((r) => r.probabilities['poor-quality'] >= u.threshold).length / judgeable.length;
    expect(taken).toBeLessThanOrEqual(0.1);
    expect(u.threshold).toBeGreaterThan(0.8);
    expect(fitUndecided(judgeable, 'poor-quality', 0.1).threshold).toBe(1); // nothing to separate: never undecided
    const mid = poor.map((r) => ({ ...r, probabilities: { 'poor-quality': 0.6 } }));
    const capped = fitUndecided([...judgeable, ...mid], 'poor-quality', 0.1).threshold;
    expect(fitUndecided([...judgeable, ...mid], 'poor-quality').threshold).toBeLessThan(capped); // uncapped: lower
  });
});

describe('fitDomain', () => {
  it('chooses the informative head and a threshold between the classes, and skips a useless one', () => {
    const fit = fitDomain([...rows('a', 40, 'murmur', 0.8, 0.2), ...rows('b', 40, 'murmur', 0.7, 0.25)], ['noise', 'murmur']);
    expect(fit.heads).toEqual(['murmur']);
    expect(fit.threshold).toBeGreaterThan(0.25);
    expect(fit.threshold).toBeLessThanOrEqual(0.7);
    expect(fit.balancedAccuracy).toBe(1);
    expect(fit.sources).toEqual(['a', 'b']);
  });

  it('adds a second head when each explains a different source', () => {
    const a = rows('a', 40, 'crackles', 0.9, 0.1, 'lung').map((r) => ({ ...r, probabilities: { ...r.probabilities, wheeze: 0.1 } }));
    const b = rows('b', 40, 'wheeze', 0.9, 0.1, 'lung').map((r) => ({ ...r, probabilities: { ...r.probabilities, crackles: 0.1 } }));
    expect(fitDomain([...a, ...b], ['crackles', 'wheeze']).heads.sort()).toEqual(['crackles', 'wheeze']);
  });
});

describe('signal measures in the fit', () => {
  /** Lung rows of two sources: the head separates `a` only; the tonal share separates both (abnormal 0.06, normal 0). */
  const lung = (tonal: boolean): VerdictRow[] =>
    ['a', 'b'].flatMap((source) =>
      Array.from({ length: 40 }, (_, i) => {
        const abnormal = i % 2 === 0;
        const head = source === 'a' ? (abnormal ? 0.9 : 0.1) : 0.1;
        return {
          ...row(source, !abnormal, { wheeze: head }, 'lung'),
          signals: { 'tonal-wheeze': tonal && abnormal ? 0.06 : 0 },
        };
      }),
    );

  it('adds a measure with its own threshold when it raises the objective, and only then', () => {
    const f = fitDomain(lung(true), ['wheeze'], undefined, signalCandidates('lung'));
    expect(f.heads).toEqual(['wheeze']);
    expect(f.signals).toHaveLength(1);
    expect(f.signals![0].signal).toBe('tonal-wheeze');
    expect(f.signals![0].threshold).toBeGreaterThan(0);
    expect(f.signals![0].threshold).toBeLessThanOrEqual(0.06);
    expect(f.balancedAccuracy).toBe(1);
    expect(fitDomain(lung(true), ['wheeze']).balancedAccuracy).toBe(0.75); // heads alone: a separated, b at chance
    // a measure that says nothing is not added
    expect(fitDomain(lung(false), ['wheeze'], undefined, signalCandidates('lung')).signals).toBeUndefined();
    expect(signalCandidates('heart')).toEqual([]);
  });
});

describe('candidates and the fitted rule', () => {
  const finding = (label: string, findings: Finding[], domain: FindingHead['domain']): FindingHead => ({ label, kind: 'finding', findings, domain });
  const heads: FindingHead[] = [
    legacyHead('abnormal'),
    finding('murmur', ['systolic-murmur', 'diastolic-murmur'], 'heart'),
    legacyHead('irregular-rhythm'),
    finding('crackles', ['fine-crackles', 'coarse-crackles'], 'lung'),
    legacyHead('wheeze'),
    legacyHead('rhonchi'),
    legacyHead('poor-quality'),
    legacyHead('lung'),
  ];
  const train = [
    ...Array.from({ length: 150 }, () => ({ source: 'circor', findings: ['systolic-murmur'] })),
    ...Array.from({ length: 150 }, () => ({ source: 'sprsound', findings: ['fine-crackles', 'wheeze', 'poor-quality'] })),
    ...Array.from({ length: 300 }, () => ({ source: 'synth', findings: ['rhonchi', 'irregular-rhythm'] })),
  ];

  it('counts real support only, and offers only domain finding heads real recordings taught', () => {
    const support = realSupport(heads, train);
    expect(support.rhonchi).toBe(0); // synthesized only
    expect(support.murmur).toBe(150);
    expect(verdictCandidates(heads, 'heart', support)).toEqual(['murmur']);
    expect(verdictCandidates(heads, 'lung', support)).toEqual(['crackles', 'wheeze']);
  });

  it('writes a rule the manifest accepts', () => {
    const poor = (source: string): VerdictRow[] =>
      Array.from({ length: 6 }, () => ({ source, domain: 'heart', truth: 'uncertain', probabilities: { 'poor-quality': 0.9 } }));
    const data = [...rows('circor', 40, 'murmur', 0.8, 0.1), ...rows('sprsound', 40, 'crackles', 0.7, 0.2, 'lung'), ...poor('circor')];
    const fit = fitVerdict(data, heads, realSupport(heads, train), 'test rows');
    expect(fit.rule.heart.heads).toEqual(['murmur']);
    expect(fit.rule.lung.heads).toEqual(['crackles']);
    expect(fit.rule.undecided.head).toBe('poor-quality');
    expect(verdictRuleError(fit.rule, heads.map((h) => h.label))).toBeNull();
    expect(verdictRuleError({ ...fit.rule, lung: { heads: ['nope'], threshold: 0.5 } }, ['murmur'])).toMatch(/nope/);
    expect(verdictRuleError({ ...fit.rule, heart: { heads: ['murmur'], threshold: 2 } }, ['murmur', 'crackles'])).toMatch(/threshold/);
  });
});
