// The app shell: header (install/update), two panes — the recording (record or import, library, waveform, details,
// practice) and the answers (ask, answers, report, findings) — side by side on a desktop and as tabs on a phone, and
// the persistent research-use notice.
import { useEffect, useState } from 'react';
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
import { PaneTabs, useTwoPanes, type PaneId } from './Panes';
import { onPlayRegion } from './workspace/timeline';
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

/** A pane: a labelled region on a desktop, a tab panel on a phone (hidden unless its tab is chosen). */
function Pane(props: { id: PaneId; title: string; tabs: PaneId | null; children: React.ReactNode }) {
  const asTab = props.tabs !== null;
  return (
    <section
      id={`pane-${props.id}`}
      className={`pane pane--${props.id}`}
      data-testid={`pane-${props.id}`}
      role={asTab ? 'tabpanel' : 'region'}
      aria-labelledby={asTab ? `tab-${props.id}` : undefined}
      aria-label={asTab ? undefined : props.title}
      hidden={asTab && props.tabs !== props.id}
    >
      {props.children}
    </section>
  );
}

function Workspace() {
  const selected = useApp((s) => s.recordings.find((r) => r.id === s.selectedId) ?? null);
  const twoPanes = useTwoPanes();
  const [tab, setTab] = useState<PaneId>('recording');
  const shown = twoPanes ? null : tab;
  // Playing a findings region from the answers pane shows the waveform it plays on.
  useEffect(() => onPlayRegion(() => setTab('recording')), []);
  return (
    <main id="main" className="layout">
      {!twoPanes && <PaneTabs value={tab} onChange={setTab} hasRecording={selected !== null} />}
      <Pane id="recording" title="Recording" tabs={shown}>
        {selected && <Viewer key={`v-${selected.id}`} meta={selected} />}
        {/* On a desktop this part scrolls and the waveform above it stays in view, beside the answers. */}
        <div className="pane__scroll">
          <ExamPanel />
          <RecorderPanel />
          <Library />
          {selected && (
            <section className="card" aria-label="Details">
              <RecordingDetails key={`d-${selected.id}`} meta={selected} />
              <RecordingTruth key={`t-${selected.id}`} meta={selected} />
            </section>
          )}
          <PracticePanel />
        </div>
      </Pane>
      <div className="pane-column">
        {PANELS.map(({ id, title, Component }) => (
          <Pane key={id} id={id} title={title} tabs={shown}>
            {selected ? (
              <div className="card panel">
                <Component recording={selected} />
              </div>
            ) : (
              <p className="card muted">
                Record, import or choose a recording to see its {title.toLowerCase()}.
              </p>
            )}
          </Pane>
        ))}
      </div>
    </main>
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
      <Workspace />
      <footer className="disclaimer" data-testid="disclaimer">
        <p role="note">
          Research and education use only — not a medical device. Do not use for diagnosis or treatment.
        </p>
      </footer>
      <Toasts />
    </>
  );
}
