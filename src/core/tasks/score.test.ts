// Hand-written answers with known verdicts (correct, wrong, negated, hedged, empty, off-topic) against the scorer.
import { describe, expect, it } from 'vitest';
import type { CorpusEntry } from '../clinical/corpus';
import { fixtureEntries } from './fixtures';
import { makeItem } from './registry';
import { scoreItem } from './score';
import type { TaskId } from './types';

const E = new Map(fixtureEntries().map((e) => [e.id.split('_')[0], e]));
const entry = (k: string): CorpusEntry => {
  const e = E.get(k);
  if (!e) throw new Error(`no fixture ${k}`);
  return e;
};

/** [task, fixture key(s), answer, expected correct]. Keys: h0 normal heart AV, hm0 holosystolic MV, hm1 mid-systolic AV,
 * hm3 early diastolic PV, hf0 S3, hf6 irregular rhythm, hu0 unknown, hq0 poor quality, y0 labeled aortic stenosis,
 * l0 normal lung posterior-left, lf1 fine crackles posterior-right, lf3 wheeze posterior-right (adult), lc0 crackles+wheeze. */
type Case = [TaskId, string, string, boolean];

const CASES: Case[] = [
  // classification: correct
  ['classification', 'h0', 'Normal.', true],
  ['classification', 'h0', 'This heart sound is normal.', true],
  ['classification', 'h0', 'No murmur; normal S1 and S2.', true],
  ['classification', 'h0', 'Nothing abnormal is heard.', true],
  ['classification', 'h0', 'There are no abnormalities in this recording.', true],
  ['classification', 'hm0', 'Abnormal: there is a systolic murmur.', true],
  ['classification', 'hm0', 'This is abnormal.', true],
  ['classification', 'hm0', 'I hear a murmur.', true],
  ['classification', 'hm0', 'Not normal, a holosystolic murmur is present.', true],
  ['classification', 'lf1', 'Abnormal lung sounds with crackles.', true],
  ['classification', 'l0', 'Normal vesicular breath sounds.', true],
  ['classification', 'l0', 'The lungs are clear.', true],
  ['classification', 'l0', 'No crackles or wheezes. Normal.', true],
  ['classification', 'hu0', 'Uncertain, please re-record.', true],
  ['classification', 'hq0', 'The quality is too poor to judge; please record again.', true],
  ['classification', 'hq0', 'I cannot determine whether this is normal.', true],
  // classification: wrong
  ['classification', 'h0', 'Abnormal.', false],
  ['classification', 'h0', 'There is a systolic murmur.', false],
  ['classification', 'hm0', 'Normal.', false],
  ['classification', 'hm0', 'No murmur is heard.', false],
  ['classification', 'hm0', 'Normal S1 and S2 with no added sounds.', false],
  ['classification', 'hu0', 'Normal.', false],
  ['classification', 'hu0', 'Abnormal, systolic murmur.', false],
  ['classification', 'l0', 'Wheezes are present.', false],
  ['classification', 'lf1', 'Normal breath sounds.', false],
  // classification: hedged, empty, off-topic
  ['classification', 'hm0', 'Possibly abnormal.', false],
  ['classification', 'hm0', 'There might be a murmur.', false],
  ['classification', 'hm0', '', false],
  ['classification', 'h0', '   ', false],
  ['classification', 'h0', 'The capital of France is Paris.', false],
  [
    'classification',
    'hm0',
    'I cannot help with that: I only analyse heart and lung sound recordings.',
    false,
  ],
  // detection: correct
  ['detection', 'hm0', 'Detected: a holosystolic murmur.', true],
  ['detection', 'hm0', 'A systolic murmur is present.', true],
  ['detection', 'hm0', 'Murmur present.', true],
  ['detection', 'hm3', 'Early diastolic murmur.', true],
  ['detection', 'hf0', 'There is an S3.', true],
  ['detection', 'hf0', 'A third heart sound is audible.', true],
  ['detection', 'hf6', 'The rhythm is irregular.', true],
  ['detection', 'lf1', 'Fine crackles at 1.2 s and 4 s.', true],
  ['detection', 'lf1', 'Fine crackles. No wheeze.', true],
  ['detection', 'lf1', 'Crackles are present.', true],
  ['detection', 'lf3', 'Wheezing is heard during expiration.', true],
  ['detection', 'lc0', 'Fine crackles and wheeze.', true],
  ['detection', 'lc0', 'Wheezes, and also fine crackles.', true],
  ['detection', 'h0', 'No abnormal sounds detected.', true],
  ['detection', 'h0', 'No murmur, click, gallop or rub.', true],
  ['detection', 'l0', 'No crackles, wheeze, rhonchi or stridor.', true],
  ['detection', 'l0', 'No adventitious sounds; normal vesicular breath sounds.', true],
  ['detection', 'hq0', 'Too noisy to report events, please re-record.', true],
  // detection: wrong (missed, extra, negated)
  ['detection', 'hm0', 'No murmur.', false],
  ['detection', 'hm0', 'A diastolic murmur.', false],
  ['detection', 'hm0', 'A systolic murmur and an S3.', false],
  ['detection', 'hm3', 'A systolic murmur.', false],
  ['detection', 'lf1', 'Wheeze.', false],
  ['detection', 'lf1', 'Coarse crackles.', false],
  ['detection', 'lf1', 'No crackles are heard.', false],
  ['detection', 'lf1', 'Crackles are absent.', false],
  ['detection', 'lc0', 'Fine crackles only, no wheeze.', false],
  ['detection', 'lc0', 'Wheeze.', false],
  ['detection', 'h0', 'A soft systolic murmur.', false],
  ['detection', 'l0', 'Fine crackles at the base.', false],
  ['detection', 'l0', 'Stridor.', false],
  // detection: hedged
  ['detection', 'lf1', 'Cannot exclude crackles.', false],
  ['detection', 'lf1', 'Possible fine crackles.', false],
  ['detection', 'hm0', 'There may be a murmur.', false],
  ['detection', 'h0', 'Cannot rule out a murmur.', false],
  ['detection', 'lf1', 'Fine crackles cannot be excluded.', false],
  ['detection', 'lc0', 'Possible wheeze, fine crackles.', false],
  ['detection', 'lc0', 'Fine crackles, which could point to pneumonia, and a wheeze.', true],
  ['detection', 'lc0', 'Fine crackles are heard; a wheeze is suspected.', false],
  // reporting
  [
    'reporting',
    'hm0',
    'Site: mitral area (MV). Findings: holosystolic murmur, grade 2/6. Impression: abnormal.',
    true,
  ],
  ['reporting', 'hm0', 'Mitral area: a blowing systolic murmur. Abnormal.', true],
  ['reporting', 'hm0', 'Site: mitral area. Findings: normal S1 and S2. Impression: normal.', false],
  [
    'reporting',
    'h0',
    'Site: aortic area. Findings: normal S1 and S2, no murmur. Impression: normal heart sounds.',
    true,
  ],
  ['reporting', 'h0', 'Site: aortic area. Findings: ejection click. Impression: abnormal.', false],
  [
    'reporting',
    'lf3',
    'Site: right posterior chest. Findings: wheeze. Impression: abnormal, consider asthma.',
    true,
  ],
  ['reporting', 'lf3', 'Findings: wheeze and rhonchi. Impression: abnormal.', false],
  ['reporting', 'hq0', 'Quality: inadequate. Impression: cannot be assessed; please re-record.', true],
  ['reporting', 'hq0', 'Quality: adequate. Findings: normal S1 and S2. Impression: normal.', false],
  // reasoning
  [
    'reasoning',
    'hm1',
    'Abnormal, because there is a mid-systolic murmur at the aortic area suggesting aortic stenosis.',
    true,
  ],
  ['reasoning', 'hm1', 'Abnormal. The evidence is a harsh systolic ejection murmur.', true],
  ['reasoning', 'hm1', 'Normal: there is no murmur and S1 and S2 are normal.', false],
  ['reasoning', 'hm1', 'Abnormal because of a diastolic murmur.', false],
  [
    'reasoning',
    'l0',
    'Normal, since breath sounds are vesicular and there are no crackles or wheezes.',
    true,
  ],
  ['reasoning', 'l0', 'Abnormal because of fine crackles.', false],
  ['reasoning', 'hf0', 'Abnormal: an S3 from rapid ventricular filling, suggesting heart failure.', true],
  ['reasoning', 'hf0', 'Abnormal. Evidence: an S4.', false],
  ['reasoning', 'hu0', 'I cannot judge this reliably; please re-record.', true],
  // differential
  ['differential', 'hm0', '1. Mitral regurgitation. 2. Tricuspid regurgitation. 3. VSD.', true],
  ['differential', 'hm0', 'Most likely mitral regurgitation; also consider mitral valve prolapse.', true],
  ['differential', 'hm0', '1. Aortic stenosis 2. Mitral regurgitation 3. VSD', false],
  ['differential', 'hm0', 'Aortic stenosis.', false],
  ['differential', 'hm1', 'Aortic stenosis is most likely, then pulmonic stenosis.', true],
  ['differential', 'hm1', 'Not aortic stenosis; mitral regurgitation.', false],
  ['differential', 'y0', 'Aortic stenosis, pulmonic stenosis, mitral regurgitation.', true],
  ['differential', 'y0', 'Mitral stenosis.', false],
  ['differential', 'lf1', 'Pneumonia first; also pulmonary fibrosis or heart failure.', true],
  ['differential', 'lf1', 'Asthma.', false],
  ['differential', 'lf3', 'Asthma, then COPD, then bronchitis.', true],
  ['differential', 'lf3', 'Pneumonia.', false],
  ['differential', 'h0', 'No abnormal findings, so no differential is needed.', true],
  ['differential', 'h0', 'Aortic stenosis.', false],
  ['differential', 'hq0', 'A differential cannot be given; please re-record.', true],
  ['differential', 'hq0', 'Aortic stenosis.', false],
  // location
  [
    'location',
    'hm0',
    'At the mitral area (MV) there is a holosystolic murmur suggesting mitral regurgitation.',
    true,
  ],
  ['location', 'hm0', 'At the apex a systolic murmur is heard.', true],
  ['location', 'hm0', 'At the aortic area there is a systolic murmur.', false],
  ['location', 'hm0', 'At the mitral area the sounds are normal.', false],
  ['location', 'h0', 'At the aortic area (AV) the sounds are normal.', true],
  ['location', 'h0', 'The sounds at the aortic area are normal, with no murmur.', true],
  ['location', 'lf1', 'At the right posterior chest there are fine crackles.', true],
  ['location', 'lf1', 'Fine crackles at the left posterior chest.', false],
  ['location', 'lf1', 'Right back: fine crackles heard.', true],
  ['location', 'l0', 'Left posterior chest: normal vesicular breath sounds.', true],
  ['location', 'l0', 'Right lateral chest: normal.', false],
];

/** [fixture pair, answer, expected correct]: hm0 abnormal, h0/h1 normal, y0 abnormal. */
const COMPARISONS: [string, string, string, boolean][] = [
  ['h0', 'hm0', 'Recording 2 is abnormal; recording 1 is normal.', true],
  ['h0', 'hm0', 'The second recording has a murmur, the first is normal.', true],
  ['h0', 'hm0', 'Recording 1 is normal. Recording 2 has a holosystolic murmur.', true],
  ['h0', 'hm0', 'Recording 1 is abnormal.', false],
  ['h0', 'hm0', 'Both recordings are abnormal.', false],
  ['hm0', 'h0', 'The first one is abnormal and the second one is normal.', true],
  ['hm0', 'h0', 'Recording 2 has a murmur.', false],
  ['h0', 'h1', 'Neither recording is abnormal.', true],
  ['h0', 'h1', 'Both are normal.', true],
  ['h0', 'h1', 'Recording 2 is abnormal.', false],
  ['hm0', 'y0', 'Both recordings are abnormal: each has a systolic murmur.', true],
  ['hm0', 'y0', 'Only recording 1 is abnormal.', false],
  ['hm0', 'y0', '', false],
];

describe('scorer on hand-written answers', () => {
  it('gives each answer its known verdict', () => {
    const wrong: string[] = [];
    CASES.forEach(([task, key, answer, expected], i) => {
      const item = makeItem({ task, id: `case-${i}`, split: 'test', entries: [entry(key)] });
      if (scoreItem(item, answer).correct !== expected)
        wrong.push(`${task}/${key}: "${answer}" expected ${expected}`);
    });
    COMPARISONS.forEach(([a, b, answer, expected], i) => {
      const item = makeItem({
        task: 'comparison',
        id: `cmp-${i}`,
        split: 'test',
        entries: [entry(a), entry(b)],
      });
      if (scoreItem(item, answer).correct !== expected)
        wrong.push(`comparison ${a}+${b}: "${answer}" expected ${expected}`);
    });
    console.log(
      `hand-written answers: ${CASES.length + COMPARISONS.length - wrong.length}/${CASES.length + COMPARISONS.length} as expected`,
    );
    expect(wrong).toEqual([]);
  });

  it('declines out-of-scope requests and nothing else', () => {
    const item = makeItem({
      task: 'classification',
      id: 'oos',
      split: 'test',
      entries: [entry('h0')],
      outOfScope: true,
    });
    expect(scoreItem(item, "I can't help with that: I only analyse heart and lung sounds.").correct).toBe(
      true,
    );
    expect(scoreItem(item, 'That is outside my scope; please consult a clinician.').correct).toBe(true);
    expect(scoreItem(item, 'Give 500 mg three times a day.').correct).toBe(false);
    expect(scoreItem(item, 'Normal.').correct).toBe(false);
    expect(scoreItem(item, '').correct).toBe(false);
  });

  it('answers where the murmur is loudest', () => {
    const loud = entry('hm0');
    const other = { ...entry('h0'), id: 'p_AV', patient: loud.patient };
    const item = makeItem({
      task: 'location',
      id: 'loud',
      split: 'test',
      entries: [other, loud],
      loudest: 'MV',
    });
    expect(scoreItem(item, 'The murmur is loudest at the mitral area.').correct).toBe(true);
    expect(scoreItem(item, 'It is best heard at the apex; it is softer at the aortic area.').correct).toBe(
      true,
    );
    expect(scoreItem(item, 'The murmur is loudest at the aortic area (AV).').correct).toBe(false);
    expect(scoreItem(item, 'Loudest in recording 2.').correct).toBe(false);
  });

  it('reports finding-level counts and ROUGE-L', () => {
    const item = makeItem({ task: 'detection', id: 'c', split: 'test', entries: [entry('lc0')] });
    const s = scoreItem(item, 'Fine crackles and rhonchi.');
    expect(s.tp).toEqual(['fine-crackles']);
    expect(s.fp).toEqual(['rhonchi']);
    expect(s.fn).toEqual(['wheeze']);
    expect(scoreItem(item, item.response).rougeL).toBe(1);
  });
});
