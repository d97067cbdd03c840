// Pretrain sampling by source weight: parsing, uniform default, and measured source frequencies.
import { describe, expect, it } from 'vitest';
import type { CorpusEntry } from '../../src/core/clinical/corpus';
import { mulberry32 } from '../model/params';
import { parseSourceWeights, pick, pretrainData } from './pretrain';

const entry = (i: number, source: string) =>
  ({ id: `${source}/${i}`, source, patient: `${i}`, domain: 'lung', site: 'unknown', findings: [], normal: true, events: [], diagnosis: [], split: 'train', audio: '', durationS: 10 }) as unknown as CorpusEntry;
const corpus = [...Array.from({ length: 30 }, (_, i) => entry(i, 'synth')), ...Array.from({ length: 10 }, (_, i) => entry(i, 'sprsound'))];

function share(spec: string, draws = 20000): number {
  const data = pretrainData(corpus, spec);
  const rand = mulberry32(7);
  let n = 0;
  for (let i = 0; i < draws; i++) if (pick(data, rand()).source === 'sprsound') n++;
  return n / draws;
}

describe('pretrain source weights', () => {
  it('parses source=weight lists and rejects bad entries', () => {
    expect([...parseSourceWeights('sprsound=3, synth=0.5')]).toEqual([['sprsound', 3], ['synth', 0.5]]);
    expect(parseSourceWeights('').size).toBe(0);
    expect(() => parseSourceWeights('sprsound')).toThrow(/bad entry/);
    expect(() => parseSourceWeights('sprsound=-1')).toThrow(/bad entry/);
    expect(() => pretrainData(corpus, 'synth=0,sprsound=0')).toThrow(/weight 0/);
  });

  it('draws each source in proportion to recordings × weight', () => {
    const uniform = share('');
    const weighted = share('sprsound=3');
    console.log(`sprsound share: uniform ${uniform.toFixed(3)} (expect 0.25), sprsound=3 ${weighted.toFixed(3)} (expect 0.5)`);
    expect(Math.abs(uniform - 0.25)).toBeLessThan(0.02);
    expect(Math.abs(weighted - 0.5)).toBeLessThan(0.02);
    expect(pretrainData(corpus, 'synth=0').cumulative).toBeDefined();
    expect(share('synth=0')).toBe(1);
  });
});
