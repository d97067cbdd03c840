// The clinical workspace panel: site on a body diagram, the seven tasks as one-click prompts, a free question,
// comparison with a second recording, streamed answers in a live region, "Run all seven" and the report.
import { useEffect, useRef, useState } from 'react';
import type { RecordingMeta } from '../../core/clinical/recording';
import { useApp } from '../../state/app-store';
import { runKey, type AskTarget } from '../../state/slices/inferenceRuns';
import { AnswerView } from './AnswerView';
import { ComparePicker, FreeQuestion, SiteSection, TaskGrid } from './AskControls';
import { inputDomain } from './bodyDiagram';
import { domainOrHeart, shownDomain } from './domain';
import { ModelBar } from './ModelBar';
import { ReportView } from './ReportView';
import { useAnalysis } from './analysis';
import { reportAnswers, taskPrompts, taskRecordingIds, type TaskPrompt } from './tasks';
import './workspace.css';

export function AskPanel({ recording }: { recording: RecordingMeta }) {
  const recordings = useApp((s) => s.recordings);
  const runs = useApp((s) => s.runs);
  const activeKey = useApp((s) => s.activeRunKey);
  const runningAll = useApp((s) => s.runningAll);
  const { ask, runAll, stopAsking, editRecording } = useApp((s) => s);
  const assessed = useApp((s) => s.assessments[recording.id]);
  const others = recordings.filter((r) => r.id !== recording.id);
  const [partnerId, setPartnerId] = useState<string | null>(others[0]?.id ?? null);
  const partner = others.find((r) => r.id === partnerId) ?? null;
  const decided = shownDomain(recording, assessed?.status === 'ready' ? assessed.assessment : null);
  const domain = domainOrHeart(decided);
  const prompts = taskPrompts(decided.value);
  const analysis = useAnalysis(recording.id, domain);
  const busy = activeKey !== null;
  const liveRef = useRef<HTMLDivElement>(null);
  const answersRef = useRef<HTMLElement>(null);
  const lastKind = useRef<string | null>(null);
  // An answer is read where it streams, then where it stays (beside the waveform on a desktop, on screen on a phone).
  useEffect(() => {
    if (activeKey) {
      lastKind.current = runs[activeKey]?.kind ?? null;
      liveRef.current?.scrollIntoView({ block: 'nearest' });
    } else if (lastKind.current) {
      const done = answersRef.current?.querySelector(`[data-testid="answer-${lastKind.current}"]`);
      done?.scrollIntoView({ block: 'nearest' });
      lastKind.current = null;
    }
    // only when a run starts or ends, not on each streamed token
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeKey]);

  const targetOf = (m: RecordingMeta): AskTarget => ({
    id: m.id,
    domain: inputDomain(m.site, m.domain),
    site: m.site,
  });
  const targetsFor = (p: TaskPrompt): AskTarget[] | null => {
    const ids = taskRecordingIds(p, recording.id, partner?.id ?? null);
    return ids && ids.map((id) => targetOf(id === recording.id ? recording : (partner as RecordingMeta)));
  };
  const runTask = (p: TaskPrompt) => {
    const targets = targetsFor(p);
    if (targets) void ask({ kind: p.id, instruction: p.instruction, question: p.question, targets });
  };
  const runnable = prompts.filter((p) => targetsFor(p) !== null);
  const active = activeKey ? runs[activeKey] : undefined;
  const shown = [
    ...prompts.map((p) => ({ p, ids: taskRecordingIds(p, recording.id, partner?.id ?? null) })),
    { p: null, ids: [recording.id] },
  ]
    .map(({ p, ids }) => (ids ? runs[runKey(ids, p?.id ?? 'free')] : undefined))
    .filter((r) => r !== undefined);

  return (
    <div className="ask-panel" data-testid="ask-panel">
      <h2>Ask the model</h2>
      <ModelBar />
      <SiteSection
        site={recording.site}
        onSite={(site) => void editRecording(recording.id, { site })}
        domain={decided}
        onDomain={(d) => void editRecording(recording.id, { domain: d })}
      />
      <ComparePicker others={others} value={partner?.id ?? null} onChange={setPartnerId} />
      <TaskGrid prompts={prompts} busy={busy} canRun={(p) => targetsFor(p) !== null} onRun={runTask} />
      <FreeQuestion
        busy={busy}
        onAsk={(q) => void ask({ kind: 'free', instruction: q, targets: [targetOf(recording)] })}
      />
      <div className="row">
        <button
          type="button"
          className="primary"
          data-testid="run-all"
          disabled={busy}
          onClick={() =>
            void runAll(
              runnable.map((p) => ({
                kind: p.id,
                instruction: p.instruction,
                question: p.question,
                targets: targetsFor(p) ?? [],
              })),
            )
          }
        >
          Run all {runnable.length === 7 ? 'seven' : runnable.length}
        </button>
        {busy && (
          <button type="button" className="danger" onClick={stopAsking}>
            Stop
          </button>
        )}
        {runningAll && <span className="muted">Running every task…</span>}
      </div>
      <div
        ref={liveRef}
        className="live-answer"
        aria-live="polite"
        aria-atomic="false"
        data-testid="live-answer"
      >
        {active ? active.text : ''}
      </div>
      <section ref={answersRef} aria-labelledby="answers-title" className="answers">
        <h3 id="answers-title" className={shown.length === 0 ? 'visually-hidden' : undefined}>
          Answers
        </h3>
        {shown.map((run) => (
          <AnswerView
            key={run.key}
            run={run}
            title={prompts.find((p) => p.id === run.kind)?.title ?? 'Your question'}
            nowMs={performance.now()}
          />
        ))}
      </section>
      <ReportView
        recording={recording}
        domain={domain}
        answers={reportAnswers(runs, prompts, recording.id, partner?.id ?? null)}
        analysis={analysis.status === 'ready' ? analysis.value : null}
      />
    </div>
  );
}
