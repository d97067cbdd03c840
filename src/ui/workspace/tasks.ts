// The seven tasks as one-click prompts (default wording from the src/core/tasks registry) and the structured report
// that "Run all seven" fills from the streamed answers.
import type { Domain } from '../../core/clinical/schema';
import { fillInstruction } from '../../core/tasks/instructions';
import { TASKS } from '../../core/tasks/registry';
import { TASK_IDS, type TaskId } from '../../core/tasks/types';
import type { AnswerRun } from '../../state/slices/inferenceRuns';
import { runKey } from '../../state/slices/inferenceRuns';
import type { ReportAnswer } from './report/report';

export interface TaskPrompt {
  id: TaskId;
  title: string;
  description: string;
  instruction: string;
  /** Recordings the task asks about (comparison: 2). */
  recordings: 1 | 2;
}

/** The registry's first (default) instruction of each task, worded for the domain. */
export function taskPrompts(domain: Domain): TaskPrompt[] {
  return TASK_IDS.map((id) => ({
    id,
    title: TASKS[id].title,
    description: TASKS[id].description,
    instruction: fillInstruction(TASKS[id].instructions[0], domain),
    recordings: TASKS[id].recordings,
  }));
}

/** Recording ids a task is asked about: the selected one, plus the comparison partner for two-recording tasks. */
export function taskRecordingIds(
  task: TaskPrompt,
  selectedId: string,
  partnerId: string | null,
): string[] | null {
  if (task.recordings === 1) return [selectedId];
  return partnerId && partnerId !== selectedId ? [selectedId, partnerId] : null;
}

/** The finished answers for the selected recording, in task order (tasks not yet answered are left out). */
export function reportAnswers(
  runs: Readonly<Record<string, AnswerRun>>,
  prompts: readonly TaskPrompt[],
  selectedId: string,
  partnerId: string | null,
): ReportAnswer[] {
  const out: ReportAnswer[] = [];
  for (const p of prompts) {
    const ids = taskRecordingIds(p, selectedId, partnerId);
    const run = ids ? runs[runKey(ids, p.id)] : undefined;
    if (run?.status === 'done')
      out.push({ task: p.id, title: p.title, instruction: run.question, answer: run.text.trim() });
  }
  return out;
}
