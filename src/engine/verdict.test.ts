// The findings-decided verdict on hand-made assessments: the strongest of the domain's heads against the threshold
// (edges included), the other domain's heads ignored, no rule = no verdict; a signal measure beside the heads; and when
// an answer opens with it.
import { describe, expect, it } from 'vitest';
import { legacyHead, type FindingHead } from '../core/manifest/heads';
import { verdictRuleError, type VerdictRule } from '../core/manifest/verdict';
import { parseAnswer } from '../core/tasks/parse';
import { assessmentOf } from './assessment';
import { continueAfter } from './engine';
import { COMPARISON_OPENINGS } from '../core/tasks/openings';
import type { Finding, RecordingLabels } from '../core/clinical/schema';
import { makeRng } from '../core/tasks/random';
import { renderReporting } from '../core/tasks/render';
import { scoreItem } from '../core/tasks/score';
import type { BenchItem } from '../core/tasks/types';
import { answerOpening, detectionOpening, heardFindings, verdictOf } from './verdict';
import type { FrameEvents } from './types';
import { frameEventsFixture } from '../core/manifest/fixtures';

const HEADS = ['abnormal', 'murmur', 'extra-sound', 'crackles', 'wheeze', 'lung', 'poor-quality'].map(
  legacyHead,
);
const RULE: VerdictRule = {
  heart: { heads: ['murmur', 'extra-sound'], threshold: 0.4 },
  lung: { heads: ['crackles', 'wheeze'], threshold: 0.6 },
  undecided: { head: 'poor-quality', threshold: 0.7 },
  calibratedOn: 'test fixture',
};

/** A one-window assessment with these aggregated probabilities, in HEADS order (poor quality 0.1 unless given). */
function assessed(p: number[], domain: 'heart' | 'lung', rules = { verdict: RULE }) {
  const probabilities = p.length === HEADS.length ? p : [...p, 0.1];
  return assessmentOf([{ index: 0, startS: 0, probabilities }], 1, 10.24, HEADS, domain, rules);
}

describe('verdictOf', () => {
  it('is abnormal when the strongest of the domain heads reaches the threshold, edges included', () => {
    for (const [murmur, extra, value] of [
      [0.39, 0.1, 'normal'],
      [0.4, 0.1, 'abnormal'],
      [0.1, 0.41, 'abnormal'],
      [0.2, 0.3, 'normal'],
    ] as const) {
      const a = assessed([0.99, murmur, extra, 0.99, 0.99, 0.01], 'heart');
      expect(a.verdict?.value).toBe(value);
      expect(a.verdict?.evidence).toEqual(
        murmur >= extra
          ? { label: 'murmur', probability: murmur }
          : { label: 'extra-sound', probability: extra },
      );
      expect(a.verdict?.threshold).toBe(0.4);
    }
  });

  it('uses the decided domain: lung heads for a lung recording, the abnormal head never', () => {
    expect(assessed([0.99, 0.99, 0.99, 0.59, 0.2, 0.9], 'lung').verdict?.value).toBe('normal');
    expect(assessed([0.01, 0.0, 0.0, 0.2, 0.6, 0.9], 'lung').verdict).toEqual({
      value: 'abnormal',
      evidence: { label: 'wheeze', probability: 0.6 },
      threshold: 0.6,
      heard: ['wheeze'],
    });
  });

  it('gives no verdict when the poor-quality head reaches the undecided threshold, edges included', () => {
    expect(assessed([0.9, 0.9, 0.1, 0.1, 0.1, 0.1, 0.69], 'heart').verdict?.value).toBe('abnormal');
    const a = assessed([0.9, 0.9, 0.1, 0.1, 0.1, 0.1, 0.7], 'heart');
    expect(a.verdict).toEqual({
      value: 'undecided',
      evidence: { label: 'poor-quality', probability: 0.7 },
      threshold: 0.7,
      heard: [],
    });
    expect(answerOpening('classification', [a])).toBeNull(); // the decoder answers alone
  });

  it('gives no verdict without a rule, or when the model lacks every head the rule names', () => {
    expect(
      assessed([0.9, 0.9, 0.9, 0.9, 0.9, 0.1], 'heart', { verdict: undefined as never }).verdict,
    ).toBeNull();
    const other = { ...RULE, heart: { heads: ['diastolic-murmur'], threshold: 0.5 } };
    expect(verdictOf([{ label: 'murmur', probability: 0.9 }], 'heart', other)).toBeNull();
  });
});

describe('heardFindings and the detection opening', () => {
  const heads: FindingHead[] = [
    { label: 'murmur', kind: 'finding', findings: ['systolic-murmur', 'diastolic-murmur'], domain: 'heart' },
    legacyHead('systolic-murmur'),
    legacyHead('diastolic-murmur'),
    { label: 'crackles', kind: 'finding', findings: ['fine-crackles', 'coarse-crackles'], domain: 'lung' },
    legacyHead('fine-crackles'),
    legacyHead('coarse-crackles'),
    legacyHead('wheeze'),
  ];
  const rule: VerdictRule = {
    heart: { heads: ['murmur'], threshold: 0.5 },
    lung: { heads: ['crackles', 'wheeze'], threshold: 0.5 },
    undecided: { head: 'poor-quality', threshold: 0.9 },
    calibratedOn: 'test fixture',
  };
  const findings = (p: number[]) => heads.map((head, i) => ({ label: head.label, probability: p[i], head }));

  it('names the most likely specific finding under each head at or above the threshold, strongest first', () => {
    expect(heardFindings(findings([0.8, 0.3, 0.6, 0, 0, 0, 0]), 'heart', rule)).toEqual(['diastolic-murmur']);
    expect(heardFindings(findings([0.4, 0.9, 0, 0, 0, 0, 0]), 'heart', rule)).toEqual([]);
    expect(heardFindings(findings([0, 0, 0, 0.6, 0.2, 0.5, 0.9]), 'lung', rule)).toEqual([
      'wheeze',
      'coarse-crackles',
    ]);
  });

  it('opens a detection answer with them, worded as the reference answers are', () => {
    expect(detectionOpening(['systolic-murmur'])).toBe('Detected: a systolic murmur');
    expect(detectionOpening(['wheeze', 'fine-crackles'])).toBe('Detected: wheeze and fine crackles');
    expect(detectionOpening([])).toBe('Detected:');
    const parsed = parseAnswer(`${detectionOpening(['wheeze', 'fine-crackles'])}.`);
    expect([...parsed.asserted].sort()).toEqual(['fine-crackles', 'wheeze']);
  });

  it('places findings in time from the frame-level events, and ends the sentence when every one is placed', () => {
    const events: FrameEvents = {
      channels: frameEventsFixture().channels,
      hopS: 0.32,
      spans: [
        { channel: 'discontinuous', startS: 1.6, endS: 6.72, peak: 0.9 },
        { channel: 'continuous', startS: 3.2, endS: 4.16, peak: 0.8 },
        { channel: 'discontinuous', startS: 12.8, endS: 13.44, peak: 0.7 },
      ],
    };
    expect(detectionOpening(['fine-crackles', 'wheeze'], events)).toBe(
      'Detected: fine crackles (at 1.6–6.7 s, 12.8–13.4 s) and wheeze (at 3.2–4.2 s).',
    );
    // A murmur has no frame channel: no times, and the decoder goes on with its grade and shape.
    expect(detectionOpening(['systolic-murmur', 'wheeze'], events)).toBe(
      'Detected: a systolic murmur and wheeze (at 3.2–4.2 s)',
    );
    // A heard finding whose channel heard no span gets no times.
    const quiet = { ...events, spans: events.spans.filter((x) => x.channel === 'discontinuous') };
    expect(detectionOpening(['wheeze'], quiet)).toBe('Detected: wheeze');
    const parsed = parseAnswer(detectionOpening(['fine-crackles', 'wheeze'], events));
    expect([...parsed.asserted].sort()).toEqual(['fine-crackles', 'wheeze']);
  });
});

describe('answerOpening', () => {
  const normal = assessed([0.9, 0.1, 0.1, 0.1, 0.1, 0.1], 'heart');
  const abnormal = assessed([0.1, 0.9, 0.1, 0.1, 0.1, 0.1], 'heart');

  it('opens verdict-carrying tasks with words the answer parser reads as that verdict', () => {
    expect(answerOpening('classification', [normal])).toBe('Normal.');
    expect(answerOpening('classification', [abnormal])).toBe('Abnormal.');
    for (const task of ['classification', 'reasoning'] as const) {
      expect(parseAnswer(answerOpening(task, [normal])!).verdict).toBe('normal');
      expect(parseAnswer(answerOpening(task, [abnormal])!).verdict).toBe('abnormal');
    }
    expect(answerOpening('detection', [normal])).toBe('No abnormal sounds detected.');
  });

  it('does not open free questions, other tasks, two recordings, uncertain ones or verdict-less ones', () => {
    expect(answerOpening(undefined, [abnormal])).toBeNull();
    expect(answerOpening('location', [abnormal])).toBeNull();
    expect(answerOpening('comparison', [abnormal])).toBeNull();
    expect(answerOpening('classification', [abnormal, normal])).toBeNull();
    expect(answerOpening('comparison', [abnormal, { ...normal, verdict: null }])).toBeNull();
    expect(
      answerOpening('classification', [
        { ...abnormal, uncertainty: { uncertain: true, reasons: ['poor-quality'] } },
      ]),
    ).toBeNull();
    expect(answerOpening('classification', [{ ...abnormal, verdict: null }])).toBeNull();
  });
});

/** RULE with the tonal-wheeze measure deciding lungs at 0.03 beside the heads. */
const SIGNAL_RULE: VerdictRule = {
  ...RULE,
  lung: { ...RULE.lung, signals: [{ signal: 'tonal-wheeze', threshold: 0.03 }] },
};

/** A one-window lung assessment under SIGNAL_RULE with this tonal share (its one track at 2.5–3.1 s). */
const lungAssessed = (p: number[], share: number) =>
  assessmentOf(
    [{ index: 0, startS: 0, probabilities: [...p, 0.1] }],
    1,
    10.24,
    HEADS,
    'lung',
    { verdict: SIGNAL_RULE },
    { measures: { 'tonal-wheeze': share }, spans: { 'tonal-wheeze': [{ startS: 2.5, endS: 3.1 }] } },
  );

describe('signal measures in the verdict', () => {
  it('makes a recording abnormal when the measure reaches its threshold while every head stays under its own', () => {
    const heads = [0.9, 0.1, 0.1, 0.3, 0.4, 0.9];
    expect(lungAssessed(heads, 0.029).verdict?.value).toBe('normal');
    const a = lungAssessed(heads, 0.03);
    expect(a.verdict).toEqual({
      value: 'abnormal',
      evidence: { label: 'wheeze', probability: 0.4 },
      threshold: 0.6,
      heard: ['wheeze'],
      signal: { signal: 'tonal-wheeze', value: 0.03, threshold: 0.03 },
    });
    // a heart recording's verdict never rests on a lung measure
    const heart = assessmentOf(
      [{ index: 0, startS: 0, probabilities: [0.9, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1] }],
      1,
      10.24,
      HEADS,
      'heart',
      { verdict: SIGNAL_RULE },
      { measures: { 'tonal-wheeze': 0.5 }, spans: { 'tonal-wheeze': [] } },
    );
    expect(heart.verdict?.value).toBe('normal');
  });

  it("names the detector's wheeze beside the heads' findings, at the detector's times", () => {
    // the crackles head decides (it names no one crackle type here); the measure adds the wheeze it heard
    const a = lungAssessed([0.9, 0.1, 0.1, 0.8, 0.1, 0.9], 0.2);
    expect(a.verdict?.value).toBe('abnormal');
    expect(a.verdict?.heard).toEqual(['wheeze']);
    expect(a.verdict?.signal).toBeUndefined();
    // heard by the wheeze head and by the detector: named once
    expect(lungAssessed([0.9, 0.1, 0.1, 0.1, 0.8, 0.9], 0.2).verdict?.heard).toEqual(['wheeze']);
    expect(answerOpening('detection', [lungAssessed([0.9, 0.1, 0.1, 0.3, 0.1, 0.9], 0.2)])).toBe(
      'Detected: wheeze (at 2.5–3.1 s).',
    );
    const p = parseAnswer(answerOpening('detection', [lungAssessed([0.9, 0.1, 0.1, 0.3, 0.1, 0.9], 0.2)])!);
    expect(p.verdict).toBe('abnormal');
  });

  it('is checked in the manifest: a known measure of the same domain, with a share for threshold', () => {
    const labels = HEADS.map((h) => h.label);
    expect(verdictRuleError(SIGNAL_RULE, labels)).toBeNull();
    const bad = (signals: unknown) => verdictRuleError({ ...RULE, lung: { ...RULE.lung, signals } }, labels);
    expect(bad([{ signal: 'hum', threshold: 0.1 }])).toMatch(/unknown signal 'hum'/);
    expect(bad([{ signal: 'tonal-wheeze', threshold: 2 }])).toMatch(/share/);
    expect(
      verdictRuleError(
        { ...RULE, heart: { ...RULE.heart, signals: [{ signal: 'tonal-wheeze', threshold: 0.1 }] } },
        labels,
      ),
    ).toMatch(/another domain/);
  });
});

describe('lung report openings', () => {
  const lung = lungAssessed;
  const labels = (findings: Finding[], events: RecordingLabels['events']): RecordingLabels => ({
    id: 'kauh/DP1',
    source: 'kauh',
    patient: 'P1',
    domain: 'lung',
    site: 'posterior-left-lower',
    findings,
    normal: findings.length === 0,
    events,
    diagnosis: [],
  });

  it("opens an abnormal one with the reference report's first lines, the findings heard at their times", () => {
    const opening = answerOpening(
      'reporting',
      [lung([0.9, 0.1, 0.1, 0.3, 0.1, 0.9], 0.2)],
      ['posterior-left-lower'],
    )!;
    expect(opening).toBe(
      'Site: left posterior chest, lower zone (posterior-left-lower).\nQuality: adequate.\nFindings: wheeze (at 2.5–3.1 s).',
    );
    const reference = renderReporting(
      labels(['wheeze'], [{ type: 'wheeze', startS: 2.5, endS: 3.1 }]),
      makeRng(1),
    );
    expect(reference.startsWith(opening)).toBe(true);
  });

  it('writes a normal one whole, as the scorer reads a correct normal report', () => {
    const opening = answerOpening(
      'reporting',
      [lung([0.9, 0.1, 0.1, 0.3, 0.1, 0.9], 0)],
      ['posterior-left-lower'],
    )!;
    const item = {
      id: 'reporting/kauh/DP1/0',
      task: 'reporting' as const,
      domain: 'lung' as const,
      audio: ['x.wav'],
      instruction: 'Write a report.',
      response: renderReporting(labels([], []), makeRng(1)),
      labels: [labels([], [])],
    } as unknown as BenchItem;
    expect(scoreItem(item, opening).correct).toBe(true);
  });

  it('leaves heart reports to the decoder (their heart-rate line comes first)', () => {
    const heart = assessed([0.1, 0.9, 0.1, 0.1, 0.1, 0.1], 'heart');
    expect(answerOpening('reporting', [heart], ['MV'])).toBeNull();
  });
});

describe('comparison openings', () => {
  const normal = assessed([0.9, 0.1, 0.1, 0.1, 0.1, 0.1], 'heart');
  const abnormal = assessed([0.1, 0.9, 0.1, 0.1, 0.1, 0.1], 'heart');

  it('names the abnormal recording from both verdicts, in words the answer parser reads back', () => {
    const cases = [
      [[abnormal, normal], 'first'],
      [[normal, abnormal], 'second'],
      [[abnormal, abnormal], 'both'],
      [[normal, normal], 'neither'],
    ] as const;
    for (const [pair, which] of cases) {
      const opening = answerOpening('comparison', pair)!;
      expect(parseAnswer(opening).whichAbnormal).toBe(which);
      // the reference answers open with the same words
      expect(opening).toBe(COMPARISON_OPENINGS[which]);
    }
  });

  it('leaves the comparison to the decoder when either recording is uncertain or undecided', () => {
    const uncertain = { ...abnormal, uncertainty: { uncertain: true, reasons: ['poor-quality' as const] } };
    expect(answerOpening('comparison', [uncertain, normal])).toBeNull();
    const undecided = { ...normal, verdict: { ...normal.verdict!, value: 'undecided' as const } };
    expect(answerOpening('comparison', [abnormal, undecided])).toBeNull();
  });
});

describe('continueAfter', () => {
  async function collect(opening: string, deltas: string[]): Promise<string[]> {
    async function* rest() {
      yield* deltas;
    }
    const out: string[] = [];
    for await (const d of continueAfter(opening, rest())) out.push(d);
    return out;
  }

  it('yields the opening first, and spaces the continuation from it once', async () => {
    expect(await collect('Normal.', ['Normal', ' S1 and S2.'])).toEqual([
      'Normal.',
      ' Normal',
      ' S1 and S2.',
    ]);
    expect(await collect('Normal.', [' Normal', ' S1.'])).toEqual(['Normal.', ' Normal', ' S1.']);
    expect(await collect('Detected:', ['', 'a murmur'])).toEqual(['Detected:', '', ' a murmur']);
    expect(await collect('1.', [])).toEqual(['1.']);
  });
});
