// The app shell: header (install/update), the workspace (recorder, viewer, details, panels), library, and the
// persistent research-use notice.
import { useEffect } from 'react';
import { useApp } from '../state/app-store';
import { Library } from './Library';
import { ExamPanel } from './exam/ExamPanel';
import { PANELS } from './panels';
import { PracticePanel } from './workspace/practice/PracticePanel';
import { RecorderPanel } from './RecorderPanel';
import { RecordingDetails } from './RecordingDetails';
import { RecordingTruth } from './RecordingTruth';
import { Toasts } from './Toasts';
import { Viewer } from './Viewer';
import { usePwa } from './pwa';

function Header() {
  const pwa = usePwa();
  return (
    <header className="app-header">
      <h1>Auscult</h1>
      <div className="row">
        {pwa.offlineReady && (
          <span className="badge" data-testid="offline-ready">
            Works offline
          </span>
        )}
        {pwa.applyUpdate && (
          <button type="button" className="primary" onClick={pwa.applyUpdate}>
            Update available — reload
          </button>
        )}
        {pwa.install && (
          <button type="button" className="secondary" onClick={pwa.install}>
            Install app
          </button>
        )}
      </div>
    </header>
  );
}

function Workspace() {
  const selected = useApp((s) => s.recordings.find((r) => r.id === s.selectedId) ?? null);
  return (
    <div className="workspace">
      <ExamPanel />
      <RecorderPanel />
      {selected && (
        <>
          <Viewer key={`v-${selected.id}`} meta={selected} />
          <section className="card" aria-label="Details">
            <RecordingDetails key={`d-${selected.id}`} meta={selected} />
            <RecordingTruth key={`t-${selected.id}`} meta={selected} />
          </section>
          {PANELS.map(({ id, title, Component }) => (
            <section key={id} className="card panel" aria-label={title}>
              <Component recording={selected} />
            </section>
          ))}
        </>
      )}
      <PracticePanel />
    </div>
  );
}

export function App() {
  const initLibrary = useApp((s) => s.initLibrary);
  useEffect(() => void initLibrary(), [initLibrary]);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header />
      <main id="main" className="layout">
        <Workspace />
        <aside className="sidebar">
          <Library />
        </aside>
      </main>
      <footer className="disclaimer" role="note" data-testid="disclaimer">
        Research and education use only — not a medical device. Do not use for diagnosis or treatment.
      </footer>
      <Toasts />
    </>
  );
}
