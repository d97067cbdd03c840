// Record button, live level meter, clipping and ignored-constraint warnings, and the import button.
import { useApp } from '../state/app-store';
import { meterFraction } from '../capture/level';
import { IMPORT_ACCEPT } from '../capture/formats';
import { SitePicker } from './SitePicker';
import { formatDuration } from './format';

function LevelMeter({ dbfs }: { dbfs: number }) {
  const fraction = meterFraction(dbfs);
  return (
    <div
      className="meter"
      role="meter"
      aria-label="Input level"
      aria-valuemin={-60}
      aria-valuemax={0}
      aria-valuenow={Math.round(dbfs)}
      aria-valuetext={`${Math.round(dbfs)} dBFS`}
    >
      <div className="meter-fill" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
    </div>
  );
}

function ImportButton() {
  const importing = useApp((s) => s.importing);
  const importFiles = useApp((s) => s.importFiles);
  return (
    <label className={`button secondary${importing ? ' busy' : ''}`}>
      {importing ? 'Importing…' : 'Import audio file'}
      <input
        type="file"
        className="visually-hidden"
        accept={IMPORT_ACCEPT}
        multiple
        data-testid="import-input"
        disabled={importing}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length) void importFiles(files);
        }}
      />
    </label>
  );
}

export function RecorderPanel() {
  const s = useApp((st) => st);
  const recording = s.recorderStatus === 'recording';
  const busy = s.recorderStatus === 'starting' || s.recorderStatus === 'stopping';
  return (
    <section className="card recorder" aria-labelledby="recorder-title">
      <h2 id="recorder-title">Record or import</h2>
      <SitePicker id="draft-site" label="Auscultation site" value={s.draftSite} onChange={s.setDraftSite} />
      <div className="row">
        <button
          type="button"
          className={recording ? 'danger' : 'primary'}
          aria-pressed={recording}
          disabled={busy}
          onClick={() => void (recording ? s.stopRecording() : s.startRecording())}
        >
          {recording
            ? 'Stop'
            : s.recorderStatus === 'starting'
              ? 'Starting…'
              : s.recorderStatus === 'stopping'
                ? 'Saving…'
                : 'Record'}
        </button>
        <span className="elapsed" data-testid="elapsed" aria-live="off">
          {formatDuration(s.elapsedSec)}
        </span>
        <ImportButton />
      </div>
      {(recording || busy) && <LevelMeter dbfs={s.levelDbfs} />}
      {s.clipped && (
        <p className="warning" role="alert">
          Clipping: the signal reached full scale. Lower the stethoscope or microphone gain and record again.
        </p>
      )}
      {s.micWarnings.map((w) => (
        <p key={w} className="warning" role="alert">
          {w}
        </p>
      ))}
      {s.recorderError && (
        <p className="error" role="alert" data-testid="recorder-error">
          {s.recorderError}
        </p>
      )}
    </section>
  );
}
