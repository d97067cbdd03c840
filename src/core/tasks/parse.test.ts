// Abstaining answers: an answer that opens with "Uncertain:" (the engine's uncertainty sentence before the model's
// own answer) is read as the verdict 'uncertain', and scored as such for the classification task.
import { describe, expect, it } from 'vitest';
import { fixtureEntries } from './fixtures';
import { parseAnswer } from './parse';
import { makeItem } from './registry';
import { scoreItem } from './score';

const ABSTAIN =
  'Uncertain: the recording is unlike the training data (heart or lung unclear, P(lung) = 0.47).';
const entry = (key: string) => {
  const e = fixtureEntries().find((x) => x.id.split('_')[0] === key);
  if (!e) throw new Error(`no fixture ${key}`);
  return e;
};
const classification = (key: string) =>
  makeItem({ task: 'classification', id: `abstain-${key}`, split: 'test', entries: [entry(key)] });

describe('abstaining answers', () => {
  it('read as uncertain whatever the model says after the opening sentence', () => {
    for (const rest of ['Abnormal: there are fine crackles.', 'Normal vesicular breath sounds.', ''])
      expect(parseAnswer(`${ABSTAIN} ${rest}`).verdict).toBe('uncertain');
    expect(parseAnswer('  uncertain: poor quality. Normal.').verdict).toBe('uncertain');
  });

  it('leave answers that only mention uncertainty later to the usual rules (an abnormal claim wins there)', () => {
    expect(
      parseAnswer('Abnormal: a systolic murmur; its cause is uncertain: see a cardiologist.').verdict,
    ).toBe('abnormal');
  });

  it('score as uncertain on the classification task: right only where the labels are undetermined', () => {
    const answer = `${ABSTAIN} Abnormal: there are fine crackles.`;
    const onCrackles = scoreItem(classification('lf1'), answer); // labelled fine crackles
    expect([onCrackles.verdict, onCrackles.truthVerdict, onCrackles.correct]).toEqual([
      'uncertain',
      'abnormal',
      false,
    ]);
    const onUnknown = scoreItem(classification('hu0'), answer); // labels do not say normal or abnormal
    expect([onUnknown.verdict, onUnknown.truthVerdict, onUnknown.correct]).toEqual([
      'uncertain',
      'uncertain',
      true,
    ]);
    expect(scoreItem(classification('lf1'), 'Abnormal: there are fine crackles.').correct).toBe(true);
  });
});
