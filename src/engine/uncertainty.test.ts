// The abstention rule on hand-made assessments: each reason at its threshold's edges, no rule = never abstain, and
// the opening sentence read back by the answer parser as the verdict 'uncertain'.
import { describe, expect, it } from 'vitest';
import { legacyHead } from '../core/manifest/heads';
import type { UncertaintyRule } from '../core/manifest/uncertainty';
import { parseAnswer } from '../core/tasks/parse';
import { assessmentOf } from './assessment';
import type { RecordingAssessment } from './types';
import { uncertainty, uncertaintySentence } from './uncertainty';

const HEADS = ['abnormal', 'poor-quality', 'lung'].map(legacyHead);
const RULE: UncertaintyRule = {
  abnormalBand: [0.35, 0.65],
  poorQualityMax: 0.7,
  domainMargin: 0.1,
  calibratedOn: 'test fixture',
};

/** A one-window assessment of a recording given as heart, with these aggregated probabilities. */
function assessed(
  abnormal: number,
  poorQuality: number,
  pLung: number,
  rule: UncertaintyRule | null = RULE,
): RecordingAssessment {
  const w = [{ index: 0, startS: 0, probabilities: [abnormal, poorQuality, pLung] }];
  return assessmentOf(w, 1, 10.24, HEADS, 'heart', { uncertainty: rule ?? undefined });
}

describe('uncertainty rule', () => {
  it('never abstains without a rule in the manifest', () => {
    expect(uncertainty(assessed(0.5, 0.99, 0.5), undefined)).toEqual({ uncertain: false, reasons: [] });
  });

  it('low confidence: the abnormal probability inside the band, edges included', () => {
    for (const [p, inside] of [
      [0.34, false],
      [0.35, true],
      [0.5, true],
      [0.65, true],
      [0.66, false],
      [0.05, false],
    ] as const)
      expect(uncertainty(assessed(p, 0, 0.05), RULE).reasons.includes('low-confidence')).toBe(inside);
  });

  it('poor quality: the poor-quality head above its maximum', () => {
    expect(uncertainty(assessed(0.9, 0.7, 0.05), RULE)).toEqual({ uncertain: false, reasons: [] });
    expect(uncertainty(assessed(0.9, 0.71, 0.05), RULE)).toEqual({
      uncertain: true,
      reasons: ['poor-quality'],
    });
  });

  it('unlike training: P(lung) within the margin of 0.5, whatever domain was given', () => {
    expect(uncertainty(assessed(0.9, 0, 0.41), RULE).reasons).toEqual(['unlike-training']);
    expect(uncertainty(assessed(0.9, 0, 0.59), RULE).reasons).toEqual(['unlike-training']);
    expect(uncertainty(assessed(0.9, 0, 0.39), RULE).reasons).toEqual([]);
    expect(uncertainty(assessed(0.9, 0, 0.62), RULE).reasons).toEqual([]);
  });

  it('lists every reason that holds', () => {
    expect(uncertainty(assessed(0.5, 0.9, 0.5), RULE)).toEqual({
      uncertain: true,
      reasons: ['low-confidence', 'poor-quality', 'unlike-training'],
    });
  });

  it('the engine stores the same verdict in the assessment', () => {
    expect(assessed(0.5, 0, 0.05).uncertainty).toEqual({ uncertain: true, reasons: ['low-confidence'] });
  });
});

describe('the uncertain answer', () => {
  it('opens with one sentence naming the reasons and numbers, which the parser reads as uncertain', () => {
    const s = uncertaintySentence([assessed(0.9, 0, 0.47)]);
    expect(s).toBe(
      'Uncertain: the recording is unlike the training data (heart or lung unclear, P(lung) = 0.47).',
    );
    expect(parseAnswer(`${s} Abnormal: a systolic murmur is heard.`).verdict).toBe('uncertain');
    const both = uncertaintySentence([assessed(0.05, 0, 0.05), assessed(0.5, 0.9, 0.05)]);
    expect(both).toBe(
      'Uncertain: recording 2 gives no confident normal/abnormal call (P(abnormal) = 0.50) and sounds of poor quality (P(poor quality) = 0.90).',
    );
    expect(parseAnswer(`${both} Recording 1 is abnormal.`).verdict).toBe('uncertain');
  });

  it('is absent when no recording is uncertain', () => {
    expect(uncertaintySentence([assessed(0.05, 0, 0.05)])).toBeNull();
    expect(uncertaintySentence([assessed(0.5, 0.9, 0.5, null)])).toBeNull(); // no rule in the manifest
  });
});
