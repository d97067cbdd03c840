// The findings regions under the waveform as a keyboard-reachable list: each plays its span at 1× or 0.5×.
import { formatPercent } from './format';
import { TIMELINE_NAMES, regionText, type TimelineRegion } from './timeline';

export function regionDomId(recordingId: string, regionId: string): string {
  return `region-${recordingId}-${regionId}`;
}

const SOURCE_TEXT: Record<TimelineRegion['source'], string> = {
  frames: "the model's frame-level events, where its frames reach their thresholds",
  windows: 'model findings head, windows at or above 50%',
};

/** What the regions are: frame-level event spans, whole windows, or both (labels no frame channel covers). */
function sourceText(regions: TimelineRegion[]): string {
  const sources = (['frames', 'windows'] as const).filter((x) => regions.some((r) => r.source === x));
  return sources.map((x) => SOURCE_TEXT[x]).join('; ');
}

export function TimelineRegionList(props: {
  recordingId: string;
  regions: TimelineRegion[];
  playingId: string | null;
  onPlay(r: TimelineRegion, rate: 1 | 0.5): void;
}) {
  const { regions } = props;
  if (regions.length === 0) return null;
  return (
    <div className="timeline-regions" role="group" aria-labelledby={`regions-${props.recordingId}`}>
      <h3 id={`regions-${props.recordingId}`} className="timeline-regions__title">
        Findings on the timeline ({sourceText(regions)})
      </h3>
      <ul>
        {regions.map((r) => (
          <li
            key={r.id}
            id={regionDomId(props.recordingId, r.id)}
            tabIndex={-1}
            className={`timeline-region timeline-region--${r.label}`}
            data-testid="timeline-region"
            data-region-id={r.id}
            data-source={r.source}
            data-start-s={r.startS.toFixed(2)}
            data-end-s={r.endS.toFixed(2)}
            aria-current={props.playingId === r.id ? 'true' : undefined}
          >
            <span>
              {regionText(r)} <small className="muted">(peak {formatPercent(r.peak)})</small>
            </span>
            {([1, 0.5] as const).map((rate) => (
              <button
                key={rate}
                type="button"
                className="secondary"
                aria-label={`Play ${TIMELINE_NAMES[r.label].toLowerCase()} ${r.startS.toFixed(1)}–${r.endS.toFixed(1)} s at ${rate}×`}
                onClick={() => props.onPlay(r, rate)}
              >
                ▶ {rate}×
              </button>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}
