// The recording's waveform with analysis regions (S1/S2) drawn over it; clicking a region (or Enter on it) plays
// that stretch of sound, padded so a 0.1 s heart sound is audible.
import { useMemo, useRef } from 'react';
import type { Interval } from '../../core/analysis/heartSegments';
import { envelopePath } from './waveform';

const COLUMNS = 600;
const HEIGHT = 96;

const PAD_S = 0.15;

export interface Region {
  label: string;
  interval: Interval;
}

export function RegionWaveform(props: { samples: Float32Array; sampleRateHz: number; regions: Region[] }) {
  const ctxRef = useRef<AudioContext | null>(null);
  const path = useMemo(() => envelopePath(props.samples), [props.samples]);
  const durationS = props.samples.length / props.sampleRateHz;
  const x = (t: number) => (t / durationS) * COLUMNS;
  const play = (r: Region) => {
    const ctx = (ctxRef.current ??= new AudioContext());
    const from = Math.max(0, Math.floor((r.interval.startS - PAD_S) * props.sampleRateHz));
    const to = Math.min(props.samples.length, Math.ceil((r.interval.endS + PAD_S) * props.sampleRateHz));
    const buf = ctx.createBuffer(1, Math.max(1, to - from), props.sampleRateHz);
    buf.copyToChannel(props.samples.slice(from, to), 0);
    const src = ctx.createBufferSource();
    src.buffer = buf;
    src.connect(ctx.destination);
    void ctx.resume().then(() => src.start());
  };
  return (
    <svg
      className="waveform-regions"
      viewBox={`0 0 ${COLUMNS} ${HEIGHT}`}
      preserveAspectRatio="none"
      role="group"
      aria-label={`Waveform with ${props.regions.length} marked regions; activate one to listen to it`}
      data-testid="region-waveform"
    >
      <path className="wave" d={path} />
      {props.regions.map((r, i) => (
        <rect
          key={`${r.label}-${i}`}
          className={`region region--${r.label}`}
          x={x(r.interval.startS)}
          width={Math.max(2, x(r.interval.endS) - x(r.interval.startS))}
          y={0}
          height={HEIGHT}
          role="button"
          tabIndex={0}
          aria-label={`Listen to ${r.label} at ${r.interval.startS.toFixed(2)} s`}
          onClick={() => play(r)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              play(r);
            }
          }}
        >
          <title>{`${r.label} ${r.interval.startS.toFixed(2)}–${r.interval.endS.toFixed(2)} s`}</title>
        </rect>
      ))}
    </svg>
  );
}
