// The analysed window's waveform with analysis regions (S1/S2) drawn over it; clicking a region (or Enter on it)
// plays that stretch of sound, padded so a 0.1 s heart sound is audible, read from the saved recording by range.
import { useMemo } from 'react';
import type { Interval } from '../../core/analysis/heartSegments';
import { playRecordingRange } from '../rangePlayback';
import type { RecordingAnalysis } from './analysis';
import { envelopePath } from './waveform';

const HEIGHT = 96;

const PAD_S = 0.15;

export interface Region {
  label: string;
  interval: Interval;
}

export function RegionWaveform(props: { recordingId: string; analysis: RecordingAnalysis }) {
  const { envelope, windowSeconds, regions } = props.analysis;
  const columns = Math.max(1, envelope.min.length);
  const path = useMemo(() => envelopePath(envelope, HEIGHT), [envelope]);
  const x = (t: number) => (windowSeconds > 0 ? (t / windowSeconds) * columns : 0);
  const play = (r: Region) =>
    void playRecordingRange(
      props.recordingId,
      r.interval.startS - PAD_S,
      Math.min(windowSeconds, r.interval.endS + PAD_S),
    );
  return (
    <svg
      className="waveform-regions"
      viewBox={`0 0 ${columns} ${HEIGHT}`}
      preserveAspectRatio="none"
      role="group"
      aria-label={`Waveform with ${regions.length} marked regions; activate one to listen to it`}
      data-testid="region-waveform"
    >
      <path className="wave" d={path} />
      {regions.map((r, i) => (
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
