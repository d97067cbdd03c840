// One-click task prompts come from the registry (all seven, default wording), and the report collects done answers.
import { TASK_IDS } from '../../core/tasks/types';
import { describe, expect, it } from 'vitest';
import { TASKS } from '../../core/tasks/registry';
import { appendToken, endRun, startRun } from '../../state/slices/inferenceRuns';
import { reportAnswers, taskPrompts, taskRecordingIds } from './tasks';

describe('workspace tasks', () => {
  it('offers the seven tasks with the registry default wording for the domain', () => {
    const lung = taskPrompts('lung');
    expect(lung.map((p) => p.id)).toEqual([...TASK_IDS]); // every task, in the registry's order
    expect(lung[0].instruction).toBe(
      TASKS.classification.instructions[0].replaceAll('{sound}', 'lung sound'),
    );
    expect(lung.every((p) => !p.instruction.includes('{'))).toBe(true);
    const cmp = lung.find((p) => p.id === 'comparison');
    expect(cmp && taskRecordingIds(cmp, 'a', null)).toBeNull();
    expect(cmp && taskRecordingIds(cmp, 'a', 'b')).toEqual(['a', 'b']);
  });

  it('keeps the {sound} placeholder for the engine while heart or lung is undecided, and shows "sound"', () => {
    const [classification] = taskPrompts('unknown');
    expect(classification.instruction).toBe(TASKS.classification.instructions[0]);
    expect(classification.instruction).toContain('{sound}');
    expect(classification.question).toBe(TASKS.classification.instructions[0].replaceAll('{sound}', 'sound'));
    expect(taskPrompts('lung').every((p) => p.question === p.instruction)).toBe(true);
  });

  it('collects finished answers in task order, skipping unfinished ones', () => {
    const prompts = taskPrompts('heart');
    const t = { id: 'a', domain: 'heart' as const, site: 'AV' as const };
    const done = (kind: string, text: string, ids = [t]) =>
      endRun(appendToken(startRun(kind, 'q', ids, 0), text, 1), 2);
    const runs = Object.fromEntries(
      [
        done('reporting', ' Report. '),
        done('classification', 'Normal.'),
        startRun('detection', 'q', [t], 0),
        done('comparison', 'B is abnormal.', [t, { ...t, id: 'b' }]),
      ].map((r) => [r.key, r]),
    );
    const answers = reportAnswers(runs, prompts, 'a', 'b');
    expect(answers.map((a) => [a.task, a.answer])).toEqual([
      ['classification', 'Normal.'],
      ['reporting', 'Report.'],
      ['comparison', 'B is abnormal.'],
    ]);
  });
});
