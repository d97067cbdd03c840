// How an answer opens once its verdict is known, per task: the reference renderers (./render.ts) start their answers
// with these words, and the engine starts an answer with them when the findings heads decide the verdict.
import type { WhichAbnormal } from './parse';
import type { TaskId } from './types';

export type DecidedVerdict = 'normal' | 'abnormal';

/** Tasks whose answer opens with words that carry the verdict, and those words. */
export const VERDICT_OPENINGS: Partial<Record<TaskId, Record<DecidedVerdict, string>>> = {
  classification: { normal: 'Normal.', abnormal: 'Abnormal.' },
  detection: { normal: 'No abnormal sounds detected.', abnormal: 'Detected:' },
  reasoning: { normal: 'Normal. Evidence:', abnormal: 'Abnormal. Evidence:' },
  differential: {
    normal: 'No abnormal findings, so no differential diagnosis is needed.',
    abnormal: '1.',
  },
};

/** The opening of a `task` answer with `verdict`, or null for tasks whose first words do not carry it. */
export function verdictOpening(task: TaskId | undefined, verdict: DecidedVerdict): string | null {
  return task === undefined ? null : (VERDICT_OPENINGS[task]?.[verdict] ?? null);
}

/**
 * How a comparison answer opens once each recording's verdict is known: which one is abnormal. The reference renderer
 * (./render-multi.ts) writes these words; the engine opens with them when the findings heads decided both verdicts.
 */
export const COMPARISON_OPENINGS: Record<WhichAbnormal, string> = {
  first: 'Recording 1 is the abnormal one:',
  second: 'Recording 2 is the abnormal one:',
  both: 'Both recordings are abnormal:',
  neither: 'Both recordings are normal; there is no meaningful difference between them.',
};

/** Which of two recordings is abnormal, from their verdicts. */
export function whichAbnormalFrom(first: DecidedVerdict, second: DecidedVerdict): WhichAbnormal {
  if (first === 'abnormal') return second === 'abnormal' ? 'both' : 'first';
  return second === 'abnormal' ? 'second' : 'neither';
}
