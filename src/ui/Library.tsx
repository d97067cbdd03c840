// The recordings library: one button per recording (name, date, duration, site); selecting opens it in the viewer.
// An empty library offers synthetic samples to try the app without a stethoscope.
import { useState } from 'react';
import { siteName } from '../core/clinical/sites';
import { appStore, useApp } from '../state/app-store';
import { ExamList } from './exam/ExamList';
import { formatDate, formatDuration } from './format';
import { SYNTHETIC_ATTRIBUTION, createSampleExams, createSamples } from './samples';

function TrySample() {
  const app = useApp((s) => s);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const made = await createSamples();
      for (const m of made) app.upsertRecording(m);
      if (made[0]) app.select(made[0].id);
      for (const m of made) await app.placeRecording(m); // each sample a one-site exam, like any recording
      const exams = await createSampleExams({
        createExam: app.createExam,
        importIntoSite: app.importIntoSite,
        editRecording: app.editRecording,
        exam: (id) => appStore.getState().exams.find((e) => e.id === id),
      });
      if (exams[0]) app.openExam(exams[0]);
      app.pushToast({
        kind: 'info',
        text: `Added ${made.length} synthetic sample recordings and ${exams.length} sample exams (heart and lung).`,
      });
    } catch (e) {
      app.pushToast({
        kind: 'error',
        text: `Could not make the samples: ${e instanceof Error ? e.message : String(e)}`,
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="try-sample">
      <p>
        No recordings yet. Record or import one, or try synthetic heart and lung sounds made on this device.
      </p>
      <button
        type="button"
        className="primary"
        data-testid="try-sample"
        disabled={busy}
        onClick={() => void run()}
      >
        {busy ? 'Making samples…' : 'Try a sample'}
      </button>
    </div>
  );
}

export function Library() {
  const recordings = useApp((s) => s.recordings);
  const selectedId = useApp((s) => s.selectedId);
  const loaded = useApp((s) => s.libraryLoaded);
  const select = useApp((s) => s.select);
  return (
    <section className="card library" aria-labelledby="library-title">
      <h2 id="library-title">Recordings ({recordings.length})</h2>
      {!loaded && <p>Loading…</p>}
      {loaded && recordings.length === 0 && <TrySample />}
      <ul className="library-list" data-testid="library">
        {recordings.map((r) => (
          <li key={r.id}>
            <button
              type="button"
              className={`library-item${r.id === selectedId ? ' selected' : ''}`}
              aria-current={r.id === selectedId ? 'true' : undefined}
              data-testid="library-item"
              data-duration-sec={r.durationSec.toFixed(3)}
              data-synthetic={r.truth?.attribution === SYNTHETIC_ATTRIBUTION ? 'true' : undefined}
              onClick={() => select(r.id)}
            >
              <span className="item-name">{r.name}</span>
              <span className="item-meta">
                {formatDate(r.createdAtMs)} ·{' '}
                <span data-testid="item-duration">{formatDuration(r.durationSec)}</span> · {siteName(r.site)}
                {r.recovered ? ' · recovered' : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <ExamList />
    </section>
  );
}
