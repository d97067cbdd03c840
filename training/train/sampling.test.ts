// Training sampling: source weights (parsing, uniform default, measured source frequencies), balance by source and
// label, and sources left out of a stage.
import { describe, expect, it } from 'vitest';
import type { CorpusEntry } from '../../src/core/clinical/corpus';
import { mulberry32 } from '../model/params';
import type { BenchItem } from '../../src/core/tasks/types';
import { parseSourceWeights, pick, pretrainData } from './pretrain';
import { balancedSampler, itemsWithoutSources, labelClass, sourceOfId } from './sampling';

const entry = (i: number, source: string) =>
  ({
    id: `${source}/${i}`,
    source,
    patient: `${i}`,
    domain: 'lung',
    site: 'unknown',
    findings: [],
    normal: true,
    events: [],
    diagnosis: [],
    split: 'train',
    audio: '',
    durationS: 10,
  }) as unknown as CorpusEntry;
const corpus = [
  ...Array.from({ length: 30 }, (_, i) => entry(i, 'synth')),
  ...Array.from({ length: 10 }, (_, i) => entry(i, 'sprsound')),
];

function share(spec: string, draws = 20000): number {
  const data = pretrainData(corpus, spec);
  const rand = mulberry32(7);
  let n = 0;
  for (let i = 0; i < draws; i++) if (pick(data, rand()).source === 'sprsound') n++;
  return n / draws;
}

describe('pretrain source weights', () => {
  it('parses source=weight lists and rejects bad entries', () => {
    expect([...parseSourceWeights('sprsound=3, synth=0.5')]).toEqual([
      ['sprsound', 3],
      ['synth', 0.5],
    ]);
    expect(parseSourceWeights('').size).toBe(0);
    expect(() => parseSourceWeights('sprsound')).toThrow(/bad entry/);
    expect(() => parseSourceWeights('sprsound=-1')).toThrow(/bad entry/);
    expect(() => pretrainData(corpus, 'synth=0,sprsound=0')).toThrow(/weight 0/);
  });

  it('draws each source in proportion to recordings × weight', () => {
    const uniform = share('');
    const weighted = share('sprsound=3');
    console.log(
      `sprsound share: uniform ${uniform.toFixed(3)} (expect 0.25), sprsound=3 ${weighted.toFixed(3)} (expect 0.5)`,
    );
    expect(Math.abs(uniform - 0.25)).toBeLessThan(0.02);
    expect(Math.abs(weighted - 0.5)).toBeLessThan(0.02);
    expect(pretrainData(corpus, 'synth=0').cumulative).toBeDefined();
    expect(share('synth=0')).toBe(1);
  });
});

describe('source- and label-balanced sampling', () => {
  const labelled = (i: number, source: string, normal: boolean | null) =>
    ({ ...entry(i, source), normal }) as CorpusEntry;
  // synth: 60 normal + 20 abnormal; sprsound: 5 normal + 15 abnormal; yaseen: 10 unlabelled.
  const mixed = [
    ...Array.from({ length: 60 }, (_, i) => labelled(i, 'synth', true)),
    ...Array.from({ length: 20 }, (_, i) => labelled(100 + i, 'synth', false)),
    ...Array.from({ length: 5 }, (_, i) => labelled(i, 'sprsound', true)),
    ...Array.from({ length: 15 }, (_, i) => labelled(100 + i, 'sprsound', false)),
    ...Array.from({ length: 10 }, (_, i) => labelled(i, 'yaseen', null)),
  ];

  it('draws every source equally often, and each label class equally often within its source', () => {
    const draw = balancedSampler(mixed, (e) => e.source, labelClass);
    const rand = mulberry32(11);
    const counts = new Map<string, number>();
    const n = 30000;
    for (let i = 0; i < n; i++) {
      const e = draw(rand);
      const k = `${e.source}:${labelClass(e)}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const share = (k: string) => (counts.get(k) ?? 0) / n;
    for (const k of ['synth:normal', 'synth:abnormal', 'sprsound:normal', 'sprsound:abnormal'])
      expect(share(k)).toBeCloseTo(1 / 6, 1);
    expect(share('yaseen:unlabelled')).toBeCloseTo(1 / 3, 1);
  });

  it('pretrainData leaves excluded sources out of training and balances when asked', () => {
    const data = pretrainData(mixed, '', 'source-label', 'sprsound');
    expect(data.train.some((e) => e.source === 'sprsound')).toBe(false);
    expect(data.balanced).toBeDefined();
    const rand = mulberry32(2);
    for (let i = 0; i < 500; i++) expect(data.balanced!(rand).source).not.toBe('sprsound');
    expect(() => pretrainData(mixed, '', 'by-source')).toThrow(/balance/);
  });

  it('bench items with any recording from an excluded source are left out', () => {
    const items = [
      { id: 'a', recordings: ['kauh/BP1'] },
      { id: 'b', recordings: ['circor/1_AV', 'kauh/DP1'] },
      { id: 'c', recordings: ['circor/1_AV'] },
    ] as unknown as BenchItem[];
    expect(itemsWithoutSources(items, 'kauh').map((i) => i.id)).toEqual(['c']);
    expect(itemsWithoutSources(items, '')).toHaveLength(3);
    expect(sourceOfId('bmdhs/MR_002_sit_Mit')).toBe('bmdhs');
  });
});
