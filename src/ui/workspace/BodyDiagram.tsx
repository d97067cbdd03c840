// Site selector drawn as a chest diagram (front: valve areas, anterior zones, trachea, lateral; back: posterior
// zones). Each spot is a radio in a radiogroup: click, or focus and press Enter/Space.
import { useState } from 'react';
import type { Site } from '../../core/clinical/schema';
import { siteName } from '../../core/clinical/sites';
import { VIEWBOX, spotsFor, viewOf, type View } from './bodyDiagram';

export function BodyDiagram(props: { value: Site; onChange(site: Site): void; idPrefix?: string }) {
  const [view, setView] = useState<View>(viewOf(props.value));
  const prefix = props.idPrefix ?? 'body';
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
          return (
            <g
              key={s.site}
              role="radio"
              aria-checked={selected}
              aria-label={siteName(s.site)}
              tabIndex={0}
              data-site={s.site}
              className={`spot spot--${s.domain}${selected ? ' spot--selected' : ''}`}
              onClick={choose}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  choose();
                }
              }}
            >
              <title>{siteName(s.site)}</title>
              <circle cx={s.x} cy={s.y} r={s.domain === 'heart' ? 11 : 12} />
              <text x={s.x} y={s.y + 4} textAnchor="middle" aria-hidden="true">
                {s.short}
              </text>
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
