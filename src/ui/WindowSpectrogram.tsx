// The spectrogram under a long recording's waveform: the window around the playhead (see spectrogramFollower.ts),
// computed by the audio worker from only that range of the saved recording and drawn here from its bytes.
import { useEffect, useRef, useState } from 'react';
import type { Spectrogram } from '../core/audio/spectrogram';
import { audioClient } from '../inference/audioClient';
import { createFollower } from './spectrogramFollower';
import { SPECTROGRAM_MAX_HZ, type Player } from './usePlayer';

/** Waiting this long after the playhead leaves the window asks once for a burst of seeks. */
const DEBOUNCE_MS = 200;

/** Dark blue → the waveform's teal → warm yellow → near white, for 0 (quiet) … 255 (the window's loudest). */
const COLOR_STOPS: [number, [number, number, number]][] = [
  [0, [10, 22, 38]],
  [0.45, [58, 125, 140]],
  [0.8, [240, 196, 80]],
  [1, [255, 250, 225]],
];
/** RGBA of each byte value, four entries a value. */
const PALETTE = Uint8ClampedArray.from({ length: 256 * 4 }, (_, n) => {
  const [v, j] = [Math.floor(n / 4), n % 4];
  if (j === 3) return 255;
  const x = v / 255;
  const i = Math.max(
    1,
    COLOR_STOPS.findIndex(([at]) => at >= x),
  );
  const [[a, ca], [b, cb]] = [COLOR_STOPS[i - 1], COLOR_STOPS[i]];
  return ca[j] + ((x - a) / (b - a)) * (cb[j] - ca[j]);
});

/** Paints frames left to right and 0 Hz at the bottom, one pixel per frame and bin (CSS stretches it). */
function paint(canvas: HTMLCanvasElement, s: Spectrogram): void {
  canvas.width = s.frames;
  canvas.height = s.bins;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(s.frames, s.bins);
  for (let f = 0; f < s.frames; f++)
    for (let b = 0; b < s.bins; b++) {
      const v = s.values[f * s.bins + b] * 4;
      const p = ((s.bins - 1 - b) * s.frames + f) * 4;
      for (let j = 0; j < 4; j++) img.data[p + j] = PALETTE[v + j];
    }
  ctx.putImageData(img, 0, 0);
}

const label = (s: Spectrogram) => `Spectrogram ${s.fromS.toFixed(1)}–${s.toS.toFixed(1)} s`;

/** Follows the playhead of a ready player with the spectrogram of the window around it. */
function useWindowSpectrogram(player: Player | null, ready: boolean, recordingId: string, durationS: number) {
  const [shown, setShown] = useState<Spectrogram | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [timeS, setTimeS] = useState(0);
  useEffect(() => {
    if (!player || !ready) return;
    const follower = createFollower<Spectrogram>({
      fetch: (w) => audioClient().spectrogram(recordingId, w.fromS, w.seconds, SPECTROGRAM_MAX_HZ),
      show: (s) => {
        setShown(s);
        setError(null);
      },
      fail: (e) => setError(e instanceof Error ? e.message : String(e)),
      durationS,
      debounceMs: DEBOUNCE_MS,
    });
    follower.at(player.ws.getCurrentTime());
    const off = player.ws.on('timeupdate', (t) => {
      setTimeS(t);
      follower.at(t);
    });
    return () => {
      off();
      follower.dispose();
      setShown(null);
      setError(null);
    };
  }, [player, ready, recordingId, durationS]);
  return { shown, error, timeS };
}

/** The playhead's place across the window shown, as a CSS `left`, or null when it is outside it. */
function playheadLeft(s: Spectrogram | null, timeS: number): string | null {
  if (!s || timeS < s.fromS || timeS > s.toS || s.toS <= s.fromS) return null;
  return `${((100 * (timeS - s.fromS)) / (s.toS - s.fromS)).toFixed(2)}%`;
}

export function WindowSpectrogram(props: {
  player: Player | null;
  ready: boolean;
  recordingId: string;
  durationS: number;
}) {
  const { shown, error, timeS } = useWindowSpectrogram(
    props.player,
    props.ready,
    props.recordingId,
    props.durationS,
  );
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (shown && canvas.current) paint(canvas.current, shown);
  }, [shown]);
  const left = playheadLeft(shown, timeS);
  const name = shown ? `${label(shown)}, 0–${Math.round(shown.maxHz)} Hz` : 'Spectrogram (computing)';
  return (
    <figure
      className="window-spectrogram"
      data-testid="window-spectrogram"
      data-from-s={shown?.fromS.toFixed(2) ?? ''}
      data-to-s={shown?.toS.toFixed(2) ?? ''}
      aria-busy={shown ? 'false' : 'true'}
    >
      <div className="window-spectrogram-plot">
        <canvas ref={canvas} role="img" aria-label={name} width={1} height={1} />
        {left && <div className="window-spectrogram-playhead" aria-hidden="true" style={{ left }} />}
      </div>
      <figcaption className="muted">
        {shown ? `${label(shown)} · 0–${(shown.maxHz / 1000).toFixed(1)} kHz` : 'Spectrogram: computing…'}
      </figcaption>
      {error && (
        <p className="error" role="alert">
          Could not compute the spectrogram: {error}
        </p>
      )}
    </figure>
  );
}
