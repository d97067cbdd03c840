import { describe, expect, it } from 'vitest';
import { labelsFromProbabilities, renderFromProbabilities, type ClassifierRecording } from './classifier';
import { scoreItem } from './score';
import { fixtureEntries } from './fixtures';
import { makeItem } from './registry';

const rec = (
  probs: Record<string, number>,
  domain: 'heart' | 'lung' = 'heart',
  site: ClassifierRecording['site'] = 'MV',
): ClassifierRecording => ({
  id: 'r',
  domain,
  site,
  probabilities: Object.entries(probs).map(([label, probability]) => ({ label, probability })),
});

describe('classifier + template', () => {
  it('thresholds probabilities into labels, ignoring the other domain', () => {
    const l = labelsFromProbabilities(rec({ 'systolic-murmur': 0.8, wheeze: 0.9, s3: 0.2 }));
    expect(l.findings).toEqual(['systolic-murmur']);
    expect(l.normal).toBe(false);
    expect(labelsFromProbabilities(rec({ 'systolic-murmur': 0.1 })).normal).toBe(true);
    expect(labelsFromProbabilities(rec({ 'poor-quality': 0.7 })).normal).toBeNull();
    expect(labelsFromProbabilities(rec({ s3: 0.4 }), { thresholds: { s3: 0.3 } }).findings).toEqual(['s3']);
  });
  it('renders answers the scorer judges like the matching reference', () => {
    const murmur = fixtureEntries().find((e) => e.id.startsWith('hm0'));
    if (!murmur) throw new Error('fixture');
    const item = makeItem({ task: 'detection', id: 'x', split: 'test', entries: [murmur] });
    const right = renderFromProbabilities({ id: 'x', task: 'detection' }, [rec({ 'systolic-murmur': 0.9 })]);
    const wrong = renderFromProbabilities({ id: 'x', task: 'detection' }, [rec({ 'systolic-murmur': 0.2 })]);
    expect(scoreItem(item, right).correct).toBe(true);
    expect(scoreItem(item, wrong).correct).toBe(false);
  });
  it('picks the recording with the stronger murmur for "where is it loudest"', () => {
    const a = { ...rec({ 'systolic-murmur': 0.3 }, 'heart', 'AV'), id: 'a' };
    const b = { ...rec({ 'systolic-murmur': 0.9 }, 'heart', 'MV'), id: 'b' };
    expect(renderFromProbabilities({ id: 'q', task: 'location', loudest: true }, [a, b])).toMatch(
      /loudest at the mitral area \(MV\)|best heard at the mitral area/,
    );
    const cmp = renderFromProbabilities({ id: 'q', task: 'comparison' }, [a, b]);
    expect(cmp).toMatch(/[Rr]ecording 2 is (the )?abnormal/);
  });
});
