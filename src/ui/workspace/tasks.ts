// The seven tasks as one-click prompts (default wording from the src/core/tasks registry) and the structured report
// that "Run all seven" fills from the streamed answers.
import type { Domain } from '../../core/clinical/schema';
import { fillInstruction } from '../../core/tasks/instructions';
import { TASKS } from '../../core/tasks/registry';
import { TASK_IDS, type TaskId } from '../../core/tasks/types';
import type { AnswerRun } from '../../state/slices/inferenceRuns';
import { runKey } from '../../state/slices/inferenceRuns';
import type { ReportAnswer } from '../../core/report/recordingReport';

export interface TaskPrompt {
  id: TaskId;
  title: string;
  description: string;
  /** What the model is asked; keeps the `{sound}` placeholder while heart or lung is undecided (the engine fills it). */
  instruction: string;
  /** The instruction as shown ("sound" while undecided). */
  question: string;
  /** Recordings the task asks about (comparison: 2). */
  recordings: 1 | 2;
}

/** The registry's first (default) instruction of each task, worded for the domain once it is known. */
export function taskPrompts(domain: Domain | 'unknown'): TaskPrompt[] {
  return TASK_IDS.map((id) => {
    const template = TASKS[id].instructions[0];
    const instruction = domain === 'unknown' ? template : fillInstruction(template, domain);
    return {
      id,
      title: TASKS[id].title,
      description: TASKS[id].description,
      instruction,
      question: instruction.replaceAll('{sound}', 'sound'),
      recordings: TASKS[id].recordings,
    };
  });
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
