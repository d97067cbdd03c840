// Waveform + spectrogram of the selected recording (wavesurfer.js with Spectrogram and Regions plugins), zoom,
// 1×/0.5× playback without pitch preservation, and filtered playback.
import { useEffect, useRef, useState } from 'react';
import { FILTER_MODES, type FilterMode } from '../core/audio/filters';
import type { RecordingMeta } from '../storage/recordings';
import { formatDuration } from './format';
import { ZOOM_MIN_PX_PER_SEC, usePlayer } from './usePlayer';

const MODES = Object.keys(FILTER_MODES).filter((m): m is FilterMode => m in FILTER_MODES);
const ZOOM_MIN = ZOOM_MIN_PX_PER_SEC;
const ZOOM_MAX = 500;

interface Controls {
  ready: boolean;
  playing: boolean;
  onPlay(): void;
  rate: number;
  setRate(r: number): void;
  mode: FilterMode;
  setMode(m: FilterMode): void;
  zoom: number;
  setZoom(z: number): void;
}

function PlaybackControls(c: Controls) {
  return (
    <div className="row controls">
      <button type="button" className="primary" disabled={!c.ready} onClick={c.onPlay}>
        {c.playing ? 'Pause' : 'Play'}
      </button>
      <fieldset className="segmented">
        <legend>Speed</legend>
        {[1, 0.5].map((r) => (
          <label key={r}>
            <input type="radio" name="rate" checked={c.rate === r} onChange={() => c.setRate(r)} />
            {r}×
          </label>
        ))}
      </fieldset>
      <label className="field inline" htmlFor="filter-mode">
        <span>Filter</span>
        <select
          id="filter-mode"
          value={c.mode}
          onChange={(e) => c.setMode(MODES.find((m) => m === e.target.value) ?? 'wide')}
        >
          {MODES.map((m) => (
            <option key={m} value={m}>
              {FILTER_MODES[m].label}
            </option>
          ))}
        </select>
      </label>
      <label className="field inline" htmlFor="zoom">
        <span>Zoom</span>
        <input
          id="zoom"
          type="range"
          min={ZOOM_MIN}
          max={ZOOM_MAX}
          value={c.zoom}
          onChange={(e) => c.setZoom(Number(e.target.value))}
        />
      </label>
    </div>
  );
}

export function Viewer({ meta }: { meta: RecordingMeta }) {
  const container = useRef<HTMLDivElement>(null);
  const [mode, setMode] = useState<FilterMode>('wide');
  const [rate, setRate] = useState(1);
  const [zoom, setZoom] = useState(ZOOM_MIN);
  const { player, ready, playing, error } = usePlayer(meta, container, mode);

  useEffect(() => {
    if (ready) player?.ws.zoom(zoom);
  }, [player, ready, zoom]);
  useEffect(() => player?.ws.setPlaybackRate(rate, false), [player, rate]);

  const togglePlay = async () => {
    if (!player) return;
    await player.playback.ensureStarted();
    await player.ws.playPause();
  };

  return (
    <section className="card viewer" aria-labelledby="viewer-title">
      <h2 id="viewer-title">
        {meta.name} <small>{formatDuration(meta.durationSec)}</small>
      </h2>
      <div
        ref={container}
        className="waveform"
        data-testid="waveform"
        data-ready={ready ? 'true' : 'false'}
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <PlaybackControls
        {...{ ready, playing, rate, setRate, mode, setMode, zoom, setZoom }}
        onPlay={() => void togglePlay()}
      />
    </section>
  );
}
