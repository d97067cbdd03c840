// What each auscultation site listens to: the valve area or lung region under the stethoscope, for site-aware
// answers ("a murmur at the mitral area suggests…"). Names come from ../sites.
import { isHeartSite, type HeartSite, type Site } from '../schema';
import type { KbSourceId } from './sources';

export interface HeartSiteInfo {
  landmark: string;
  listensTo: string;
  sources: KbSourceId[];
}

export const HEART_SITE_KB: Readonly<Record<HeartSite, HeartSiteInfo>> = {
  AV: {
    landmark: 'second right intercostal space at the sternal border',
    listensTo: 'the aortic valve and aortic outflow',
    sources: ['bates', 'circor'],
  },
  PV: {
    landmark: 'second left intercostal space at the sternal border',
    listensTo: 'the pulmonic valve and pulmonary outflow',
    sources: ['bates', 'circor'],
  },
  TV: {
    landmark: 'left lower sternal border (fourth or fifth intercostal space)',
    listensTo: 'the tricuspid valve and the right ventricle',
    sources: ['bates', 'circor'],
  },
  MV: {
    landmark: 'cardiac apex (fifth intercostal space, midclavicular line)',
    listensTo: 'the mitral valve and the left ventricle',
    sources: ['bates', 'circor'],
  },
  Phc: {
    landmark: 'another chest location chosen by the examiner',
    listensTo: 'sounds that are not tied to one valve area',
    sources: ['circor'],
  },
};

/** One sentence on what a site listens to, e.g. "The mitral area (cardiac apex …) listens to the mitral valve …". */
export function siteMeaning(site: Site): string {
  if (site === 'unknown') return 'The recording site is not known.';
  if (isHeartSite(site)) {
    const s = HEART_SITE_KB[site];
    return `This site (${s.landmark}) listens mainly to ${s.listensTo}.`;
  }
  if (site === 'trachea')
    return 'Over the trachea loud, tubular breath sounds are normal, and upper-airway narrowing is loudest here.';
  const [aspect, side, level] = site.split('-');
  const lobe = side === 'right' && level === 'middle' ? 'the right middle lobe' : `the ${side} lung`;
  const part =
    level === 'lower' || aspect === 'posterior' ? ', where changes at the lung bases show first' : '';
  return `This ${aspect} site listens to ${lobe}${part}.`;
}
