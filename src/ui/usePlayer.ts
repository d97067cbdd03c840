// React hook owning one wavesurfer.js instance (waveform + spectrogram + regions) for a stored recording, with
// playback routed through the stethoscope filter chain. The media element plays the stored WAV's Blob, reading only
// the byte ranges it plays; a long recording's waveform is drawn from peaks the audio worker computed by range, so
// the page never reads or decodes it whole.
import { useEffect, useRef, useState, type RefObject } from 'react';
import WaveSurfer from 'wavesurfer.js';
import SpectrogramPlugin from 'wavesurfer.js/dist/plugins/spectrogram.esm.js';
import RegionsPlugin from 'wavesurfer.js/dist/plugins/regions.esm.js';
import type { FilterMode } from '../core/audio/filters';
import { interleavePeaks } from '../core/audio/peaks';
import type { RecordingMeta } from '../core/clinical/recording';
import { audioClient } from '../inference/audioClient';
import { recordingWavBlob } from '../state/recordingFiles';
import { FilteredPlayback } from './playback';

export const ZOOM_MIN_PX_PER_SEC = 10;
/** Spectrogram range (both views): heart and lung sounds of interest lie below 2 kHz. */
export const SPECTROGRAM_MAX_HZ = 2000;

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

/**
 * Up to two minutes (and 5.76 M frames, two minutes at 48 kHz), the view decodes the recording at the display rate
 * and shows its spectrogram, as it always did. A longer one is drawn from peaks, its spectrogram a window at a time by
 * the audio worker (WindowSpectrogram.tsx): decoding it whole is what froze the page for seconds on a one-hour one.
 */
export const FULL_VIEW_MAX_S = 120;
const FULL_VIEW_MAX_FRAMES = 120 * 48_000;

/** Whether the view decodes this recording (waveform and spectrogram) rather than drawing it from peaks. */
export function decodesForView(meta: Pick<RecordingMeta, 'durationSec' | 'sampleRateHz'>): boolean {
  return meta.durationSec <= FULL_VIEW_MAX_S && meta.durationSec * meta.sampleRateHz <= FULL_VIEW_MAX_FRAMES;
}

function createPlayer(
  container: HTMLElement,
  sampleRateHz: number,
  mode: FilterMode,
  withSpectrogram: boolean,
): Player {
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
    plugins: withSpectrogram ? [regions, spectrogram] : [regions],
  });
  return { ws, regions, playback: new FilteredPlayback(media, mode) };
}

/**
 * Loads the recording into the player: its stored WAV Blob as the media source (played by range), and either the
 * decoded audio (short recordings) or its peaks (long ones) for the waveform. Returns the object URL to revoke later.
 */
async function loadAudio(player: Player, id: string, full: boolean): Promise<string> {
  const blob = await recordingWavBlob(id);
  if (!blob) throw new Error('The audio of this recording is missing.');
  const url = URL.createObjectURL(blob);
  try {
    if (full) await player.ws.load(url);
    else {
      const peaks = await audioClient().peaks(id);
      await player.ws.load(url, [interleavePeaks(peaks)], peaks.frames / peaks.sampleRateHz);
    }
    return url;
  } catch (e) {
    URL.revokeObjectURL(url);
    throw e;
  }
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

  const { id, sampleRateHz, durationSec } = meta;
  const full = decodesForView({ durationSec, sampleRateHz });
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    let disposed = false;
    let url = '';
    const p = createPlayer(el, sampleRateHz, modeRef.current, full);
    const patch = (next: Partial<PlayerState>) => !disposed && setState((s) => ({ ...s, ...next }));
    p.ws.on('ready', () => patch({ ready: true }));
    p.ws.on('play', () => patch({ playing: true }));
    p.ws.on('pause', () => patch({ playing: false }));
    loadAudio(p, id, full).then(
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
  }, [id, sampleRateHz, full, container]);
  return { player, full, ...state };
}
