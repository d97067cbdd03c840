// React hook owning one wavesurfer.js instance (waveform + spectrogram + regions) for a stored recording,
// with playback routed through the stethoscope filter chain.
import { useEffect, useRef, useState, type RefObject } from 'react';
import WaveSurfer from 'wavesurfer.js';
import SpectrogramPlugin from 'wavesurfer.js/dist/plugins/spectrogram.esm.js';
import RegionsPlugin from 'wavesurfer.js/dist/plugins/regions.esm.js';
import type { FilterMode } from '../core/audio/filters';
import type { RecordingMeta } from '../core/clinical/recording';
import { readRecordingWav } from '../state/recordingFiles';
import { FilteredPlayback } from './playback';

export const ZOOM_MIN_PX_PER_SEC = 10;
/** Spectrogram range: heart and lung sounds of interest lie below 2 kHz. */
const SPECTROGRAM_MAX_HZ = 2000;

export interface Player {
  ws: WaveSurfer;
  playback: FilteredPlayback;
  /** Regions will mark S1/S2 and events later. */
  regions: ReturnType<typeof RegionsPlugin.create>;
}

export interface PlayerState {
  ready: boolean;
  playing: boolean;
  error: string | null;
}

const INITIAL: PlayerState = { ready: false, playing: false, error: null };

function createPlayer(container: HTMLElement, sampleRateHz: number, mode: FilterMode): Player {
  const media = new Audio();
  const regions = RegionsPlugin.create();
  const spectrogram = SpectrogramPlugin.create({
    labels: true,
    height: 128,
    frequencyMax: SPECTROGRAM_MAX_HZ,
    useWebWorker: false,
  });
  const ws = WaveSurfer.create({
    container,
    media,
    height: 96,
    waveColor: '#3a7d8c',
    progressColor: '#0f4c5c',
    minPxPerSec: ZOOM_MIN_PX_PER_SEC,
    // decode rate for display: enough for the spectrogram range, cheap for long recordings
    sampleRate: Math.min(sampleRateHz || 8000, 4 * SPECTROGRAM_MAX_HZ),
    plugins: [regions, spectrogram],
  });
  return { ws, regions, playback: new FilteredPlayback(media, mode) };
}

/** Loads the recording's WAV from IndexedDB into the player; returns the object URL to revoke later. */
async function loadAudio(player: Player, id: string): Promise<string> {
  const bytes = await readRecordingWav(id);
  if (!bytes) throw new Error('The audio of this recording is missing.');
  const url = URL.createObjectURL(new Blob([bytes.slice().buffer], { type: 'audio/wav' }));
  await player.ws.load(url);
  return url;
}

export function usePlayer(
  meta: RecordingMeta,
  container: RefObject<HTMLDivElement | null>,
  mode: FilterMode,
) {
  const [player, setPlayer] = useState<Player | null>(null);
  const [state, setState] = useState<PlayerState>(INITIAL);
  const modeRef = useRef(mode);
  useEffect(() => {
    modeRef.current = mode;
    player?.playback.setMode(mode);
  }, [player, mode]);

  const { id, sampleRateHz } = meta;
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    let disposed = false;
    let url = '';
    const p = createPlayer(el, sampleRateHz, modeRef.current);
    const patch = (next: Partial<PlayerState>) => !disposed && setState((s) => ({ ...s, ...next }));
    p.ws.on('ready', () => patch({ ready: true }));
    p.ws.on('play', () => patch({ playing: true }));
    p.ws.on('pause', () => patch({ playing: false }));
    loadAudio(p, id).then(
      (u) => (disposed ? URL.revokeObjectURL(u) : (url = u)),
      (e: unknown) =>
        patch({ error: `Could not display this recording: ${e instanceof Error ? e.message : String(e)}` }),
    );
    setPlayer(p);
    return () => {
      disposed = true;
      p.ws.destroy();
      p.playback.dispose();
      if (url) URL.revokeObjectURL(url);
      setPlayer(null);
      setState(INITIAL);
    };
  }, [id, sampleRateHz, container]);
  return { player, ...state };
}
