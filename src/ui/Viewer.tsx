// Waveform + spectrogram of the selected recording (wavesurfer.js with Spectrogram and Regions plugins; a long one is
// drawn from peaks and played by range, see usePlayer.ts, with the spectrogram of the window around the playhead), zoom,
// 1×/0.5× playback without pitch preservation, filtered playback, and the model's findings regions that play their
// span when clicked (on the waveform, in the list below it, or from the findings panel).
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { FILTER_MODES, type FilterMode } from '../core/audio/filters';
import type { RecordingMeta } from '../core/clinical/recording';
import { formatDuration } from './format';
import { FULL_VIEW_MAX_S, ZOOM_MIN_PX_PER_SEC, usePlayer, type Player } from './usePlayer';
import { WindowSpectrogram } from './WindowSpectrogram';
import { SPECTROGRAM_WINDOW_S } from './spectrogramFollower';
import { TimelineRegionList } from './workspace/TimelineRegions';
import { onPlayRegion, regionText, type TimelineLabel, type TimelineRegion } from './workspace/timeline';
import { useTimelineRegions } from './workspace/useTimeline';

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

const REGION_COLORS: Record<TimelineLabel, string> = {
  murmur: 'rgb(200 60 60 / 25%)',
  crackles: 'rgb(230 140 0 / 28%)',
  wheeze: 'rgb(60 90 200 / 25%)',
};

/** Narrowest region (CSS pixels) that carries its name, e.g. "Crackles 12.8–13.4 s". */
const REGION_LABEL_MIN_PX = 130;

/** Draws the findings regions on the waveform (redrawn when they change); clicking one calls `onClick`. */
function useWaveformRegions(
  player: Player | null,
  ready: boolean,
  regions: TimelineRegion[],
  onClick: (r: TimelineRegion) => void,
) {
  useEffect(() => {
    if (!player || !ready) return;
    player.regions.clearRegions();
    // A region names itself only where its name fits; narrow ones (frame-event spans) are named in the list below.
    const pxPerS = player.ws.getWrapper().clientWidth / Math.max(player.ws.getDuration(), 1e-6);
    for (const r of regions)
      player.regions.addRegion({
        id: r.id,
        start: r.startS,
        end: r.endS,
        color: REGION_COLORS[r.label],
        content: (r.endS - r.startS) * pxPerS >= REGION_LABEL_MIN_PX ? regionText(r) : undefined,
        drag: false,
        resize: false,
      });
    return player.regions.on('region-clicked', (region, e) => {
      e.stopPropagation();
      const r = regions.find((x) => x.id === region.id);
      if (r) onClick(r);
    });
  }, [player, ready, regions, onClick]);
}

/** Mirrors the media time and the span being played on the waveform element, for tests and assistive tools. */
function usePlaybackAttributes(player: Player | null, ref: RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const el = ref.current;
    if (!player || !el) return;
    return player.ws.on('timeupdate', (t) => void (el.dataset.timeS = t.toFixed(2)));
  }, [player, ref]);
}

export function Viewer({ meta }: { meta: RecordingMeta }) {
  const container = useRef<HTMLDivElement>(null);
  const [mode, setMode] = useState<FilterMode>('wide');
  const [rate, setRate] = useState(1);
  const [zoom, setZoom] = useState(ZOOM_MIN);
  const [playingRegion, setPlayingRegion] = useState<TimelineRegion | null>(null);
  const { player, full, ready, playing, error } = usePlayer(meta, container, mode);
  const regions = useTimelineRegions(meta);

  useEffect(() => {
    if (ready) player?.ws.zoom(zoom);
  }, [player, ready, zoom]);
  useEffect(() => player?.ws.setPlaybackRate(rate, false), [player, rate]);
  useEffect(() => {
    if (!playing) setPlayingRegion(null);
  }, [playing]);

  const togglePlay = async () => {
    if (!player) return;
    await player.playback.ensureStarted();
    await player.ws.playPause();
  };
  const playRegion = useCallback(
    async (r: TimelineRegion, at: number) => {
      if (!player || !ready) return;
      setRate(at);
      player.ws.setPlaybackRate(at, false);
      await player.playback.ensureStarted();
      setPlayingRegion(r);
      await player.ws.play(r.startS, r.endS);
    },
    [player, ready],
  );
  const playAtRate = useCallback((r: TimelineRegion) => void playRegion(r, rate), [playRegion, rate]);
  useWaveformRegions(player, ready, regions, playAtRate);
  usePlaybackAttributes(player, container);
  useEffect(
    () =>
      onPlayRegion((req) => {
        const r = regions.find((x) => x.id === req.regionId);
        if (req.recordingId !== meta.id || !r) return;
        container.current?.scrollIntoView({ block: 'nearest' });
        void playRegion(r, req.rate);
      }),
    [regions, meta.id, playRegion],
  );

  return (
    <section className="card viewer" aria-labelledby="viewer-title">
      <h2 id="viewer-title">
        {meta.name} <small>{formatDuration(meta.durationSec)}</small>
      </h2>
      <div
        ref={container}
        className="waveform"
        style={full ? undefined : { minHeight: 0 }} // no spectrogram below a long recording's waveform
        data-testid="waveform"
        data-ready={ready ? 'true' : 'false'}
        data-playing={playing ? 'true' : 'false'}
        data-regions={regions.length}
        data-playing-region={
          playingRegion ? `${playingRegion.startS.toFixed(2)}-${playingRegion.endS.toFixed(2)}` : ''
        }
      />
      {!full && (
        <>
          <WindowSpectrogram
            player={player}
            ready={ready}
            recordingId={meta.id}
            durationS={meta.durationSec}
          />
          <p className="muted" data-testid="waveform-peaks-note">
            A long recording (over {FULL_VIEW_MAX_S / 60} minutes): its waveform is drawn from peaks, and the
            spectrogram shows the {SPECTROGRAM_WINDOW_S} s around the playhead.
          </p>
        </>
      )}
      <TimelineRegionList
        recordingId={meta.id}
        regions={regions}
        playingId={playingRegion?.id ?? null}
        onPlay={(r, at) => void playRegion(r, at)}
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
