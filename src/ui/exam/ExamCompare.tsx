// Two sites of the exam asked together: the comparison task (which is abnormal and how they differ) and, for heart
// sites, the two-site location question (where is the murmur loudest), streamed like the per-site answers.
import { useState } from 'react';
import type { Exam } from '../../core/clinical/exam';
import type { Site } from '../../core/clinical/schema';
import { siteName } from '../../core/clinical/sites';
import { LOUDEST_INSTRUCTIONS } from '../../core/tasks/instructions';
import { useApp } from '../../state/app-store';
import { siteTarget, taskInstruction } from '../../state/slices/exam';
import { runKey } from '../../state/slices/inferenceRuns';
import { AnswerView } from '../workspace/AnswerView';

export function ExamCompare({ exam }: { exam: Exam }) {
  const recordings = useApp((s) => s.recordings);
  const ask = useApp((s) => s.ask);
  const busy = useApp((s) => s.activeRunKey !== null);
  const runs = useApp((s) => s.runs);
  const recorded = exam.sites.flatMap((s) => {
    const meta = recordings.find((r) => r.id === s.recordingId);
    return meta ? [{ site: s.site, meta }] : [];
  });
  const [a, setA] = useState<Site | null>(null);
  const [b, setB] = useState<Site | null>(null);
  if (recorded.length < 2) return null;
  const first = recorded.find((r) => r.site === a) ?? recorded[0];
  const second =
    recorded.find((r) => r.site === b && r.site !== first.site) ?? recorded.find((r) => r !== first);
  if (!second) return null;
  const ids = [first.meta.id, second.meta.id];
  const shown = (['comparison', 'location'] as const).flatMap((k) => runs[runKey(ids, k)] ?? []);
  const targets = [siteTarget(first.meta), siteTarget(second.meta)];
  const heart = targets.every((t) => t.domain === 'heart');
  const pick = (id: string, label: string, value: Site, set: (s: Site) => void) => (
    <label className="field field--inline" htmlFor={id}>
      <span>{label}</span>
      <select id={id} value={value} onChange={(e) => set(e.target.value as Site)}>
        {recorded.map((r) => (
          <option key={r.site} value={r.site}>
            {siteName(r.site)}
          </option>
        ))}
      </select>
    </label>
  );
  const compare = () => {
    const instruction = taskInstruction('comparison', targets[0].domain);
    void ask({
      kind: 'comparison',
      instruction,
      question: instruction.replaceAll('{sound}', 'sound'),
      targets,
    });
  };
  const loudest = () => void ask({ kind: 'location', instruction: LOUDEST_INSTRUCTIONS[0], targets });
  return (
    <section className="exam-compare" aria-labelledby="exam-compare-title">
      <h3 id="exam-compare-title">Two sites together</h3>
      <div className="row">
        {pick('exam-compare-a', 'Site', first.site, setA)}
        {pick('exam-compare-b', 'with', second.site, setB)}
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={compare}
          data-testid="exam-compare"
        >
          Compare
        </button>
        {heart && (
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={loudest}
            data-testid="exam-loudest"
          >
            Where is the murmur loudest?
          </button>
        )}
      </div>
      {shown.map((run) => (
        <AnswerView
          key={run.key}
          run={run}
          title={`${run.kind === 'location' ? 'Loudest murmur' : 'Comparison'}: ${siteName(first.site)} and ${siteName(second.site)}`}
          nowMs={performance.now()}
        />
      ))}
    </section>
  );
}
