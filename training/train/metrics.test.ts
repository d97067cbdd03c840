// The pretrain validation targets: murmur on real heart recordings, normal/abnormal on real lung recordings; the
// synthesizer's recordings (easy) must not count.
import { describe, expect, it } from 'vitest';
import type { CorpusEntry } from '../../src/core/clinical/corpus';
import { HEAD_LABELS } from './data';
import { keyHeadMetrics } from './metrics';

const entry = (id: string, source: CorpusEntry['source'], normal: boolean): CorpusEntry => ({
  id,
  source,
  patient: id,
  domain: 'lung',
  site: 'posterior-left',
  findings: normal ? [] : ['wheeze'],
  normal,
  events: [],
  diagnosis: [],
  audio: `${id}.wav`,
  durationS: 10,
  split: 'val',
});

describe('keyHeadMetrics', () => {
  it('scores lung normal/abnormal on real recordings only', () => {
    const j = HEAD_LABELS.indexOf('abnormal');
    const probs = (xs: number[]) => xs.map((p) => HEAD_LABELS.map((_, k) => (k === j ? p : 0.5)));
    // Real recordings: the abnormal one scores lower than a normal one (AUC 0.5 over two normals, one abnormal).
    const real = [entry('a', 'sprsound', true), entry('b', 'sprsound', false), entry('c', 'sprsound', true)];
    // Synthetic ones that the head ranks perfectly.
    const synth = [entry('s1', 'synth', true), entry('s2', 'synth', false)];
    const k = keyHeadMetrics(probs([0.9, 0.6, 0.3, 0.1, 0.99]), [...real, ...synth]);
    expect(k.lungAuc).toBeCloseTo(0.5);
    expect(keyHeadMetrics(probs([0.1, 0.99]), synth).lungAuc).toBeNaN();
  });
});
