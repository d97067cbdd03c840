// Geometry of the body-diagram site selector: where each heart site and lung zone sits on a front and a back view
// of the chest (viewer's left = patient's right on the front view, as on a chart).
import type { Domain, HeartSite, LungSite, Site } from '../../core/clinical/schema';
import { isHeartSite, isLungSite } from '../../core/clinical/schema';

export type View = 'front' | 'back';
export interface SiteSpot {
  site: HeartSite | LungSite;
  domain: Domain;
  view: View;
  /** Centre in the 200 × 260 viewBox. */
  x: number;
  y: number;
  /** Short label drawn in the spot. */
  short: string;
}

export const VIEWBOX = { width: 200, height: 260 };

const LEVEL_Y = { upper: 95, middle: 140, lower: 185 } as const;
const LEVELS = ['upper', 'middle', 'lower'] as const;

function zoneSpots(view: View): SiteSpot[] {
  const aspect = view === 'front' ? 'anterior' : 'posterior';
  // Front view: patient's right is on the viewer's left. Back view: patient's right is on the viewer's right.
  const xOf = (side: 'left' | 'right') => ((side === 'right') === (view === 'front') ? 50 : 150);
  return (['left', 'right'] as const).flatMap((side) =>
    LEVELS.map((level) => ({
      site: `${aspect}-${side}-${level}` as LungSite,
      domain: 'lung' as const,
      view,
      x: xOf(side),
      y: LEVEL_Y[level],
      short: `${side[0].toUpperCase()}${level[0]}`,
    })),
  );
}

const HEART: SiteSpot[] = [
  { site: 'AV', domain: 'heart', view: 'front', x: 86, y: 92, short: 'A' },
  { site: 'PV', domain: 'heart', view: 'front', x: 114, y: 92, short: 'P' },
  { site: 'TV', domain: 'heart', view: 'front', x: 104, y: 150, short: 'T' },
  { site: 'MV', domain: 'heart', view: 'front', x: 124, y: 168, short: 'M' },
];

const EXTRA: SiteSpot[] = [
  { site: 'trachea', domain: 'lung', view: 'front', x: 100, y: 40, short: 'Tr' },
  { site: 'lateral-right', domain: 'lung', view: 'front', x: 18, y: 150, short: 'RL' },
  { site: 'lateral-left', domain: 'lung', view: 'front', x: 182, y: 150, short: 'LL' },
];

export const SPOTS: readonly SiteSpot[] = [...HEART, ...zoneSpots('front'), ...EXTRA, ...zoneSpots('back')];

export function spotsFor(view: View): SiteSpot[] {
  return SPOTS.filter((s) => s.view === view);
}

/** The view a site is drawn on (front for heart sites, trachea and lateral zones). */
export function viewOf(site: Site): View {
  return site.startsWith('posterior') ? 'back' : 'front';
}

/** Domain implied by a site; `unknown` keeps the caller's choice. */
export function domainOfSite(site: Site, fallback: Domain): Domain {
  if (isHeartSite(site)) return 'heart';
  if (isLungSite(site)) return 'lung';
  return fallback;
}

/** What the engine is told: the site's domain, else the user's choice, else 'unknown' (decided from the audio). */
export function inputDomain(site: Site, chosen: Domain | undefined): Domain | 'unknown' {
  return isHeartSite(site) || isLungSite(site) ? domainOfSite(site, 'heart') : (chosen ?? 'unknown');
}
