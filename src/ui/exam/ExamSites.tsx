// The guided sequence: the body map highlights the next site (or the one chosen on it) and draws every site as
// assessed, recorded, skipped or to do; each site can be recorded, imported into or skipped, and shows its progress
// and, once asked, the model's streamed answer for it.
import { useState } from 'react';
import type { Exam, ExamSite } from '../../core/clinical/exam';
import {
  examRecordingIds,
  examSiteProgress,
  holdsOnly,
  nextSite,
  siteState,
  type SiteProgress,
} from '../../core/clinical/exam';
import type { Site } from '../../core/clinical/schema';
import { siteName } from '../../core/clinical/sites';
import { siteCall, siteCallText } from '../../core/report/summary';
import type { ExamReportSite } from '../../core/report/examReport';
import { IMPORT_ACCEPT } from '../../capture/formats';
import { useApp } from '../../state/app-store';
import { EXAM_SITE_TASK } from '../../state/slices/exam';
import { runKey } from '../../state/slices/inferenceRuns';
import { BodyDiagram, PROGRESS_TEXT } from '../workspace/BodyDiagram';
import { viewOf } from '../workspace/bodyDiagram';

const STATE_TEXT = { recorded: 'recorded', skipped: 'skipped', pending: 'to do' } as const;

export function ExamSites(props: { exam: Exam; sites: ExamReportSite[] }) {
  const { exam } = props;
  const next = nextSite(exam);
  const [chosen, setChosen] = useState<Site | null>(null);
  const assessments = useApp((s) => s.assessments);
  const progress = examSiteProgress(exam, (id) => assessments[id]?.status === 'ready');
  // A site chosen on the map stays the focus until it is recorded or skipped; then the sequence goes on.
  const chosenDone = exam.sites.some((s) => s.site === chosen && siteState(s) !== 'pending');
  const focus = (chosenDone ? null : chosen) ?? next ?? exam.sites[0]?.site ?? 'unknown';
  const rows: ExamSite[] = exam.sites.some((s) => s.site === focus)
    ? exam.sites
    : [...exam.sites, { site: focus }];
  return (
    <div className="exam-sites">
      <div className="exam-sites__map">
        {/* remounted only when the focus moves to the other side of the chest, so the map shows it */}
        <BodyDiagram
          key={viewOf(focus)}
          value={focus}
          onChange={setChosen}
          idPrefix="exam-body"
          progress={progress}
          next={next}
        />
        <MapLegend progress={progress} />
        <p className="muted" data-testid="exam-next-site">
          {next ? `Next: ${siteName(next)}` : 'Every site is recorded or skipped.'}
        </p>
      </div>
      <ol className="exam-sites__list">
        {rows.map((s) => (
          <SiteRow
            key={s.site}
            exam={exam}
            site={s}
            isNext={s.site === next}
            isFocus={s.site === focus}
            report={props.sites.find((r) => r.site === s.site)}
          />
        ))}
      </ol>
    </div>
  );
}

/** What the map's marks mean, with how many of the exam's sites are in each state. */
function MapLegend(props: { progress: ReadonlyMap<Site, SiteProgress> }) {
  const states: SiteProgress[] = ['assessed', 'recorded', 'skipped', 'pending'];
  const count = (p: SiteProgress) => [...props.progress.values()].filter((x) => x === p).length;
  return (
    <ul className="exam-map-legend" aria-label="Sites on the map" data-testid="exam-map-legend">
      {states.map((p) => (
        <li key={p} className={`exam-map-legend__${p}`} data-state={p} data-count={count(p)}>
          <span className="exam-map-legend__swatch" aria-hidden="true" /> {count(p)} {PROGRESS_TEXT[p]}
        </li>
      ))}
    </ul>
  );
}

function SiteRow(props: {
  exam: Exam;
  site: ExamSite;
  isNext: boolean;
  isFocus: boolean;
  report?: ExamReportSite;
}) {
  const { exam, site } = props;
  const importIntoSite = useApp((s) => s.importIntoSite);
  const skipSite = useApp((s) => s.skipSite);
  const select = useApp((s) => s.select);
  const importing = useApp((s) => s.importing);
  const state = siteState(site);
  const name = siteName(site.site);
  return (
    <li
      className={`exam-site exam-site--${state}${props.isFocus ? ' exam-site--focus' : ''}`}
      data-testid={`exam-site-${site.site}`}
      data-state={state}
      aria-current={props.isNext ? 'step' : undefined}
    >
      <div className="row">
        <strong>{name}</strong>
        <span className="badge">{props.isNext ? 'next' : STATE_TEXT[state]}</span>
      </div>
      <div className="row">
        <RecordButton exam={exam} site={site.site} />
        <label className={`button secondary${importing ? ' busy' : ''}`}>
          {state === 'recorded' ? 'Replace' : 'Import'}
          <span className="visually-hidden"> a recording of the {name}</span>
          <input
            type="file"
            accept={IMPORT_ACCEPT}
            className="visually-hidden"
            data-testid={`exam-import-${site.site}`}
            disabled={importing}
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void importIntoSite(exam.id, site.site, f);
            }}
          />
        </label>
        {state !== 'recorded' && (
          <button
            type="button"
            className="secondary"
            data-testid={`exam-skip-${site.site}`}
            onClick={() => void skipSite(exam.id, site.site, state !== 'skipped')}
          >
            {state === 'skipped' ? 'Undo skip' : 'Skip'}
          </button>
        )}
        {site.recordingId && (
          <button type="button" className="secondary" onClick={() => select(site.recordingId as string)}>
            Open
          </button>
        )}
      </div>
      {state !== 'recorded' && <FromLibrary exam={exam} site={site.site} />}
      {site.recordingId && <SiteAnswer recordingId={site.recordingId} report={props.report} />}
    </li>
  );
}

function RecordButton(props: { exam: Exam; site: Site }) {
  const status = useApp((s) => s.recorderStatus);
  const target = useApp((s) => s.examRecordingTarget);
  const recordIntoSite = useApp((s) => s.recordIntoSite);
  const stopRecording = useApp((s) => s.stopRecording);
  const mine = target?.examId === props.exam.id && target.site === props.site && status !== 'idle';
  if (mine)
    return (
      <button
        type="button"
        className="danger"
        onClick={() => void stopRecording()}
        disabled={status !== 'recording'}
      >
        Stop
      </button>
    );
  return (
    <button
      type="button"
      className="secondary"
      disabled={status !== 'idle'}
      onClick={() => void recordIntoSite(props.exam.id, props.site)}
    >
      Record
    </button>
  );
}

function SiteAnswer(props: { recordingId: string; report?: ExamReportSite }) {
  const run = useApp((s) => s.runs[runKey([props.recordingId], EXAM_SITE_TASK)]);
  const assessed = useApp((s) => s.assessments[props.recordingId]);
  const call = props.report ? siteCall(props.report) : null;
  return (
    <div className="exam-site__answer">
      {assessed?.status === 'loading' && <p className="muted">Assessing…</p>}
      {assessed?.status === 'error' && <p className="error">{assessed.error.message}</p>}
      {call && (
        <p className="muted" data-testid="exam-site-abnormal" data-call={String(call.abnormal)}>
          {siteCallText(call)}
          {(props.report?.uncertainReasons?.length ?? 0) > 0 &&
            ` · unsure: ${props.report?.uncertainReasons?.join(', ')}`}
        </p>
      )}
      {run && (
        <p
          className="exam-site__text"
          data-testid="exam-answer"
          data-status={run.status}
          data-tokens={run.tokens}
        >
          {run.text || (run.status === 'streaming' ? 'Answering…' : '')}
          {run.error && run.status === 'error' && <span className="error"> {run.error.message}</span>}
        </p>
      )}
    </div>
  );
}

/**
 * A recording already in the library put into the site: one of no exam yet, or one alone in a one-recording exam
 * (recordings from before exams became such exams), which it then leaves.
 */
function FromLibrary(props: { exam: Exam; site: Site }) {
  const recordings = useApp((s) => s.recordings);
  const exams = useApp((s) => s.exams);
  const attach = useApp((s) => s.attachRecording);
  const held = new Set(
    exams.flatMap((e) => examRecordingIds(e).filter((id) => e.id === props.exam.id || !holdsOnly(e, id))),
  );
  const free = recordings.filter((r) => !held.has(r.id));
  if (free.length === 0) return null;
  const id = `exam-from-library-${props.site}`;
  return (
    <label className="field field--inline" htmlFor={id}>
      <span>or use a recording from the library</span>
      <select
        id={id}
        value=""
        data-testid={id}
        onChange={(e) => e.target.value && void attach(props.exam.id, props.site, e.target.value)}
      >
        <option value="">choose…</option>
        {free.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name} ({siteName(r.site)})
          </option>
        ))}
      </select>
    </label>
  );
}
