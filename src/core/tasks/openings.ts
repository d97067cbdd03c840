// How an answer opens once its verdict is known, per task: the reference renderers (./render.ts) start their answers
// with these words, and the engine starts an answer with them when the findings heads decide the verdict.
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
