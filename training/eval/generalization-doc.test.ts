// The generalization doc's hearing table: per left-out source, the AUC of each head and of the tonal-wheeze measure,
// computed from the full protocol's per-recording numbers (one row per exported model, however many labels share it).
import { describe, expect, it } from 'vitest';
import { generalizationMarkdown, summarizeGeneralization } from './generalization-doc';
import type { HeldOutResult } from './generalization';

function lungResult(recipe: string): HeldOutResult {
  // abnormal recordings: wheeze head and tonal share both higher; crackles head reversed
  const perRecording = Array.from({ length: 20 }, (_, i) => {
    const abnormal = i % 2 === 0;
    return {
      id: `kauh/DP${i}`,
      normal: !abnormal,
      domain: 'lung',
      probabilities: { abnormal: 0.5, crackles: abnormal ? 0.2 : 0.6, wheeze: abnormal ? 0.7 : 0.3 },
      signals: { 'tonal-wheeze': abnormal ? 0.05 + i / 1000 : 0 },
    };
  });
  return {
    recipe,
    source: 'kauh',
    protocol: 'full',
    recordings: 20,
    balancedAccuracy: 0.6,
    auc: 0.5,
    crackleWheezeMicroF1: 0.5,
    clinicalAccuracy: 0.4,
    perRecording,
    steps: {},
    createdAt: '2026-12-06T00:00:00.000Z',
  } as unknown as HeldOutResult;
}

describe('generalizationMarkdown: what hears a left-out source', () => {
  it('reports each head and the tonal share as AUCs, once per exported model', () => {
    const full = [
      ['a__bmdhs+kauh.json', { recipe: 'v5', leftOut: ['kauh'], model: '~/m', results: [lungResult('v5-fe')] }],
      ['b__bmdhs+kauh.json', { recipe: 'v5', leftOut: ['kauh'], model: '~/m', results: [lungResult('v5-tonal')] }],
    ] as Parameters<typeof generalizationMarkdown>[1];
    const md = generalizationMarkdown([], full, [], summarizeGeneralization(full, [], 'v5-tonal'));
    const rows = md.split('\n').filter((l) => l.startsWith('| v5-') && l.split('|').length === 11);
    expect(rows).toEqual(['| v5-fe | kauh | 20 | 0.500 | – | – | 0.000 | 1.000 | 1.000 |']);
  });
});

describe('summarizeGeneralization: classification-only degradation', () => {
  const report = (tasks: string[] | undefined, bacc: number, n: number) =>
    ({
      options: tasks ? { tasks } : {},
      summary: { n, accuracy: 0.7, byTask: { classification: { n, accuracy: 0.8, metrics: { balancedAccuracy: bacc } } } },
    }) as unknown as Parameters<typeof summarizeGeneralization>[1][number][1];

  it("keeps the final label's classification-only reports apart from the seven-task mix", () => {
    const s = summarizeGeneralization(
      [],
      [
        ['v5__clean', report(undefined, 0.6, 132)],
        ['v5__noise20', report(undefined, 0.55, 132)],
        ['v5-classification__clean', report(['classification'], 0.57, 1500)],
        ['v5-classification__noise20', report(['classification'], 0.56, 1500)],
        ['v4-classification__noise20', report(['classification'], 0.1, 1500)],
      ],
      'v5',
    );
    expect(s.clean).toEqual({ balancedAccuracy: 0.6, clinicalAccuracy: 0.7 });
    expect(s.degraded).toEqual({ noise20: { balancedAccuracy: 0.55, clinicalAccuracy: 0.7 } });
    expect(s.classificationOnly).toEqual({
      clean: { balancedAccuracy: 0.57, items: 1500 },
      noise20: { balancedAccuracy: 0.56, items: 1500 },
    });
  });
});
