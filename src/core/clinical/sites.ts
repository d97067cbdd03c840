// Auscultation sites: dataset site codes (SPRSound p1–p4, ICBHI Tc/Al/…, CirCor AV/PV/TV/MV/Phc) mapped onto
// the schema's sites, and the human-readable names the app and the generated answers use.
import { HEART_SITES, isHeartSite, isLungSite, type HeartSite, type LungSite, type Site } from './schema';

/** SPRSound recording locations (file-name field 4), per the SPRSound README. */
export const SPRSOUND_SITES: Readonly<Record<string, LungSite>> = {
  p1: 'posterior-left',
  p2: 'lateral-left',
  p3: 'posterior-right',
  p4: 'lateral-right',
};

/**
 * ICBHI 2017 chest locations (file-name field 3): trachea, anterior/posterior/lateral × left/right.
 * ICBHI records no level, so the level-free zones are used.
 */
export const ICBHI_SITES: Readonly<Record<string, LungSite>> = {
  Tc: 'trachea',
  Al: 'anterior-left',
  Ar: 'anterior-right',
  Pl: 'posterior-left',
  Pr: 'posterior-right',
  Ll: 'lateral-left',
  Lr: 'lateral-right',
};

/** Maps a SPRSound location code ("p1".."p4") to a lung site, or undefined when the code is not one. */
export function sprsoundSite(code: string): LungSite | undefined {
  return Object.hasOwn(SPRSOUND_SITES, code) ? SPRSOUND_SITES[code] : undefined;
}

/** Maps an ICBHI chest-location code ("Tc", "Al", …) to a lung site, or undefined when the code is not one. */
export function icbhiSite(code: string): LungSite | undefined {
  return Object.hasOwn(ICBHI_SITES, code) ? ICBHI_SITES[code] : undefined;
}

/** Maps a CirCor location code (AV, PV, TV, MV, Phc) to a heart site, or undefined. */
export function circorSite(code: string): HeartSite | undefined {
  return isHeartSite(code) ? code : undefined;
}

const HEART_SITE_NAMES: Readonly<Record<HeartSite, string>> = {
  AV: 'aortic area',
  PV: 'pulmonic area',
  TV: 'tricuspid area',
  MV: 'mitral area',
  Phc: 'other site',
};

/** Human-readable site name, e.g. "mitral area", "left posterior chest, lower zone", "trachea". */
export function siteName(site: Site): string {
  if (site === 'unknown') return 'unknown site';
  if (isHeartSite(site)) return HEART_SITE_NAMES[site];
  if (site === 'trachea') return 'trachea';
  const [aspect, side, level] = site.split('-');
  const zone = `${side} ${aspect} chest`;
  return level ? `${zone}, ${level} zone` : zone;
}

/** Parses any site spelling the adapters and the JSONL manifest accept: schema names or dataset codes. */
export function parseSite(text: string): Site | undefined {
  const t = text.trim();
  if (t === 'unknown') return 'unknown';
  if (isHeartSite(t) || isLungSite(t)) return t;
  const upper = t.toUpperCase();
  const heart = HEART_SITES.find((h) => h.toUpperCase() === upper);
  return heart ?? sprsoundSite(t.toLowerCase()) ?? icbhiSite(t);
}
