// Site selector drawn as a chest diagram (front: valve areas, anterior zones, trachea, lateral; back: posterior
// zones). Each spot is a radio in a radiogroup: click, or focus and press Enter/Space. Given an exam's progress, each
// of its sites is drawn as assessed, recorded, skipped or still to do (sites outside the exam are faded).
import { useState } from 'react';
import type { SiteProgress } from '../../core/clinical/exam';
import type { Site } from '../../core/clinical/schema';
import { siteName } from '../../core/clinical/sites';
import { VIEWBOX, spotsFor, viewOf, type SiteSpot, type View } from './bodyDiagram';

export const PROGRESS_TEXT: Readonly<Record<SiteProgress, string>> = {
  assessed: 'assessed',
  recorded: 'recorded, not assessed yet',
  skipped: 'skipped',
  pending: 'to do',
};

export function BodyDiagram(props: {
  value: Site;
  onChange(site: Site): void;
  idPrefix?: string;
  /** An exam's sites and where each stands; absent: a plain site picker. */
  progress?: ReadonlyMap<Site, SiteProgress>;
  /** The site the guided sequence goes to next, ringed on the map. */
  next?: Site | null;
}) {
  const [view, setView] = useState<View>(viewOf(props.value));
  const prefix = props.idPrefix ?? 'body';
  const { progress } = props;
  return (
    <div className="body-diagram">
      <div className="body-diagram__views" role="group" aria-label="Chest view">
        {(['front', 'back'] as const).map((v) => (
          <button
            key={v}
            type="button"
            aria-pressed={view === v}
            onClick={() => setView(v)}
            data-testid={`${prefix}-view-${v}`}
          >
            {v === 'front' ? 'Front' : 'Back'}
            {progress && <ViewCount progress={progress} view={v} />}
          </button>
        ))}
      </div>
      <svg
        viewBox={`0 0 ${VIEWBOX.width} ${VIEWBOX.height}`}
        role="radiogroup"
        aria-label={`Auscultation site, ${view} view`}
        className="body-diagram__svg"
      >
        <Torso view={view} />
        {spotsFor(view).map((s) => {
          const selected = props.value === s.site;
          const choose = () => props.onChange(s.site);
          const p = progress?.get(s.site);
          const isNext = props.next === s.site;
          const state =
            (p ? ` spot--${p}` : progress ? ' spot--outside' : '') + (isNext ? ' spot--next' : '');
          const label = p ? `${siteName(s.site)}, ${PROGRESS_TEXT[p]}` : siteName(s.site);
          return (
            <g
              key={s.site}
              role="radio"
              aria-checked={selected}
              aria-label={isNext ? `${label}, next` : label}
              tabIndex={0}
              data-site={s.site}
              data-progress={p}
              data-next={isNext || undefined}
              className={`spot spot--${s.domain}${selected ? ' spot--selected' : ''}${state}`}
              onClick={choose}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  choose();
                }
              }}
            >
              <title>{siteName(s.site)}</title>
              {isNext && <circle className="spot__next" cx={s.x} cy={s.y} r={16} aria-hidden="true" />}
              <circle cx={s.x} cy={s.y} r={s.domain === 'heart' ? 11 : 12} />
              <text x={s.x} y={s.y + 4} textAnchor="middle" aria-hidden="true">
                {s.short}
              </text>
              {p && <ProgressMark spot={s} progress={p} />}
            </g>
          );
        })}
      </svg>
      <p className="body-diagram__current" aria-live="polite">
        Site: <strong>{siteName(props.value)}</strong>
      </p>
    </div>
  );
}

/** A badge at the spot's upper right: a tick once assessed, a dot when recorded, a bar when skipped. */
function ProgressMark(props: { spot: SiteSpot; progress: SiteProgress }) {
  const { spot, progress } = props;
  if (progress === 'pending') return null;
  const x = spot.x + 9;
  const y = spot.y - 9;
  return (
    <g className={`spot__mark spot__mark--${progress}`} aria-hidden="true">
      <circle cx={x} cy={y} r={5} />
      {progress === 'assessed' && <path d={`M${x - 2.5} ${y} l2 2 l3.5 -4`} />}
      {progress === 'skipped' && <path d={`M${x - 2.5} ${y} h5`} />}
    </g>
  );
}

/** "2/4" on a view's button: the exam's sites done on that side of the chest. */
function ViewCount(props: { progress: ReadonlyMap<Site, SiteProgress>; view: View }) {
  const sites = spotsFor(props.view).filter((s) => props.progress.has(s.site));
  if (sites.length === 0) return null;
  const done = sites.filter((s) => props.progress.get(s.site) !== 'pending').length;
  return (
    <span className="body-diagram__count">
      {done}/{sites.length}
      <span className="visually-hidden"> sites done</span>
    </span>
  );
}

function Torso(props: { view: View }) {
  return (
    <g className="torso" aria-hidden="true">
      <path d="M70 20 Q100 8 130 20 L132 45 Q175 50 185 80 L190 240 L10 240 L15 80 Q25 50 68 45 Z" />
      {props.view === 'front' ? (
        <path
          className="torso__heart"
          d="M100 95 C80 80 72 120 100 175 C128 120 140 90 118 95 Q108 98 100 95 Z"
        />
      ) : (
        <line className="torso__spine" x1="100" y1="40" x2="100" y2="235" />
      )}
      <text x="6" y="255" className="torso__side">
        {props.view === 'front' ? 'R' : 'L'}
      </text>
      <text x="186" y="255" className="torso__side">
        {props.view === 'front' ? 'L' : 'R'}
      </text>
    </g>
  );
}
