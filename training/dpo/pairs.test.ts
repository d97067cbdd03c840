// Pair construction: scorer-ranked candidates (ties skipped, the reference stands in when no sample is correct) and
// hard negatives rendered from contradicted labels that the scorer marks wrong.
import { describe, expect, it } from 'vitest';
import { fixtureEntries } from '../../src/core/tasks/fixtures';
import { makeItem } from '../../src/core/tasks/registry';
import { scoreItem } from '../../src/core/tasks/score';
import { mulberry32 } from '../model/params';
import { contradict, hardNegative } from './hard-negatives';
import { clinicalScore, hardPairs, sampledPair } from './pairs';

const entries = fixtureEntries();
const normalHeart = entries.find((e) => e.domain === 'heart' && e.normal === true)!;
const murmur = entries.find((e) => e.findings.includes('systolic-murmur') && e.normal === false)!;
const item = makeItem({ task: 'classification', id: 'c/1', split: 'train', entries: [normalHeart] });
const fixed = (answers: string[]) => {
  let i = 0;
  return () => answers[i++ % answers.length];
};

describe('preference pairs', () => {
  it('ranks by the scorer: correct beats wrong verdict', () => {
    expect(clinicalScore(item, item.response)).toBeGreaterThan(
      clinicalScore(item, 'This recording is abnormal.'),
    );
    const p = sampledPair(item, fixed(['Abnormal recording.', 'Normal recording.']), 2, [1], mulberry32(1))!;
    expect(p.chosen).toBe('Normal recording.');
    expect(p.rejected).toBe('Abnormal recording.');
  });

  it('skips ties and uses the reference when no sample is correct', () => {
    expect(sampledPair(item, fixed(['Normal.', 'Normal recording.']), 2, [1], mulberry32(1))).toBeUndefined();
    const p = sampledPair(
      item,
      fixed(['Abnormal. There is a systolic murmur.', 'Abnormal.']),
      2,
      [1],
      mulberry32(1),
    );
    expect(p?.chosen).toBe(item.response);
  });

  it('hard negatives contradict the labels and score wrong', () => {
    const flipped = contradict(normalHeart, 'normality', mulberry32(2))!;
    expect(flipped.normal).toBe(false);
    const changed = contradict(murmur, 'finding', mulberry32(3))!;
    expect(changed.findings).not.toEqual(murmur.findings);
    const det = makeItem({ task: 'detection', id: 'd/1', split: 'train', entries: [murmur] });
    const wrong = hardNegative(det, 'finding', mulberry32(4))!;
    console.log(`reference: ${det.response}\nhard negative: ${wrong}`);
    expect(scoreItem(det, wrong).correct).toBe(false);
    expect(scoreItem(det, det.response).correct).toBe(true);
    const items = entries.map((e, i) =>
      makeItem({ task: 'reporting', id: `r/${i}`, split: 'train', entries: [e] }),
    );
    const pairs = hardPairs(items, 5);
    expect(pairs.length).toBeGreaterThan(items.length / 2);
    expect(pairs.every((p) => p.chosenScore > p.rejectedScore)).toBe(true);
  });
});
