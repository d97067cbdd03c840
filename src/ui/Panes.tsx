// The layout's panes: whether the screen is wide enough for two side by side, and the phone's tabs between them
// (an ARIA tablist: arrow keys, Home and End move between tabs).
import { useSyncExternalStore, type KeyboardEvent } from 'react';

export const PANE_IDS = ['recording', 'ask', 'findings'] as const;
export type PaneId = (typeof PANE_IDS)[number];

const TAB_NAMES: Record<PaneId, string> = { recording: 'Recording', ask: 'Answers', findings: 'Findings' };

/** Two panes from this width on (styles.css uses the same breakpoint). */
const TWO_PANES_QUERY = '(min-width: 860px)';

function subscribe(onChange: () => void): () => void {
  const mq = window.matchMedia(TWO_PANES_QUERY);
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}

export function useTwoPanes(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(TWO_PANES_QUERY).matches,
    () => true,
  );
}

export function PaneTabs(props: { value: PaneId; onChange(id: PaneId): void; hasRecording: boolean }) {
  const move = (e: KeyboardEvent, from: number) => {
    const last = PANE_IDS.length - 1;
    const to =
      e.key === 'ArrowRight'
        ? from === last
          ? 0
          : from + 1
        : e.key === 'ArrowLeft'
          ? from === 0
            ? last
            : from - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : null;
    if (to === null) return;
    e.preventDefault();
    props.onChange(PANE_IDS[to]);
    document.getElementById(`tab-${PANE_IDS[to]}`)?.focus();
  };
  return (
    <div className="pane-tabs" role="tablist" aria-label="Panes">
      {PANE_IDS.map((id, i) => (
        <button
          key={id}
          id={`tab-${id}`}
          type="button"
          role="tab"
          aria-selected={props.value === id}
          aria-controls={`pane-${id}`}
          tabIndex={props.value === id ? 0 : -1}
          data-testid={`tab-${id}`}
          onClick={() => props.onChange(id)}
          onKeyDown={(e) => move(e, i)}
        >
          {TAB_NAMES[id]}
          {id !== 'recording' && !props.hasRecording && (
            <span className="visually-hidden"> (no recording chosen)</span>
          )}
        </button>
      ))}
    </div>
  );
}
