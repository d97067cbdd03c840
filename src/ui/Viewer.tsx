// Waveform + spectrogram of the selected recording (wavesurfer.js with Spectrogram and Regions plugins), zoom,
// 1×/0.5× playback without pitch preservation, and filtered playback.
import { useEffect, useRef, useState } from 'react';
import WaveSurfer from 'wavesurfer.js';
import SpectrogramPlugin from 'wavesurfer.js/dist/plugins/spectrogram.esm.js';
import RegionsPlugin from 'wavesurfer.js/dist/plugins/regions.esm.js';
import { FILTER_MODES, type FilterMode } from '../core/audio/filters';
import type { RecordingMeta } from '../storage/recordings';
import { getFile } from '../storage/recordings';
import { FilteredPlayback } from './playback';
import { formatDuration } from './format';

const MODES = Object.keys(FILTER_MODES).filter((m): m is FilterMode => m in FILTER_MODES);
const ZOOM_MIN = 10;
const ZOOM_MAX = 500;

interface Player {
  ws: WaveSurfer;
  playback: FilteredPlayback;
  /** Regions will mark S1/S2 and events later. */
  regions: ReturnType<typeof RegionsPlugin.create>;
}

function usePlayer(meta: RecordingMeta, container: React.RefObject<HTMLDivElement | null>, mode: FilterMode) {
  const [player, setPlayer] = useState<Player | null>(null);
  const [state, setState] = useState<{ ready: boolean; playing: boolean; error: string | null }>({
    ready: false,
    playing: false,
    error: null,
  });
  const modeRef = useRef(mode);
  modeRef.current = mode;
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    let disposed = false;
    let url = '';
    const media = new Audio();
    const regions = RegionsPlugin.create();
    const ws = WaveSurfer.create({
      container: el,
      media,
      height: 96,
      waveColor: '#3a7d8c',
      progressColor: '#0f4c5c',
      minPxPerSec: ZOOM_MIN,
      sampleRate: Math.min(meta.sampleRateHz || 8000, 16000),
      plugins: [
        regions,
        SpectrogramPlugin.create({ labels: true, height: 128, frequencyMax: 2000, useWebWorker: false }),
      ],
    });
    const playback = new FilteredPlayback(media, modeRef.current);
    ws.on('ready', () => setState((s) => ({ ...s, ready: true })));
    ws.on('play', () => setState((s) => ({ ...s, playing: true })));
    ws.on('pause', () => setState((s) => ({ ...s, playing: false })));
    ws.on('error', (e) => setState((s) => ({ ...s, error: String(e) })));
    void getFile(meta.id, 'wav').then((bytes) => {
      if (disposed) return;
      if (!bytes) return setState((s) => ({ ...s, error: 'The audio of this recording is missing.' }));
      url = URL.createObjectURL(new Blob([bytes.slice().buffer], { type: 'audio/wav' }));
      ws.load(url).catch((e: unknown) => {
        if (!disposed) setState((s) => ({ ...s, error: `Could not display this recording: ${String(e)}` }));
      });
    });
    setPlayer({ ws, playback, regions });
    return () => {
      disposed = true;
      ws.destroy();
      playback.dispose();
      if (url) URL.revokeObjectURL(url);
      setPlayer(null);
      setState({ ready: false, playing: false, error: null });
    };
  }, [meta.id, meta.sampleRateHz, container]);
  useEffect(() => player?.playback.setMode(mode), [player, mode]);
  return { player, ...state };
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
      <div className="row controls">
        <button type="button" className="primary" disabled={!ready} onClick={() => void togglePlay()}>
          {playing ? 'Pause' : 'Play'}
        </button>
        <fieldset className="segmented">
          <legend>Speed</legend>
          {[1, 0.5].map((r) => (
            <label key={r}>
              <input type="radio" name="rate" checked={rate === r} onChange={() => setRate(r)} />
              {r}×
            </label>
          ))}
        </fieldset>
        <label className="field inline" htmlFor="filter-mode">
          <span>Filter</span>
          <select
            id="filter-mode"
            value={mode}
            onChange={(e) => setMode(MODES.find((m) => m === e.target.value) ?? 'wide')}
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
            value={zoom}
            onChange={(e) => setZoom(Number(e.target.value))}
          />
        </label>
      </div>
    </section>
  );
}
