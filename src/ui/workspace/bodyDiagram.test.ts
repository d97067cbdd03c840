// The body diagram offers every heart valve area and every front/back lung zone, each at a distinct, clickable place.
import { describe, expect, it } from 'vitest';
import { isHeartSite, isLungSite } from '../../core/clinical/schema';
import { SPOTS, VIEWBOX, domainOfSite, spotsFor, viewOf } from './bodyDiagram';

describe('body diagram', () => {
  it('has the four valve areas and all anterior and posterior zones', () => {
    const sites = SPOTS.map((s) => s.site);
    for (const s of ['AV', 'PV', 'TV', 'MV']) expect(sites).toContain(s);
    for (const aspect of ['anterior', 'posterior'])
      for (const side of ['left', 'right'])
        for (const level of ['upper', 'middle', 'lower'])
          expect(sites).toContain(`${aspect}-${side}-${level}`);
    expect(new Set(sites).size).toBe(sites.length);
    for (const s of SPOTS) expect(s.domain === 'heart' ? isHeartSite(s.site) : isLungSite(s.site)).toBe(true);
  });

  it('keeps spots inside the picture and at least a finger-width (24 units) apart within a view', () => {
    for (const view of ['front', 'back'] as const) {
      const spots = spotsFor(view);
      for (const a of spots) {
        expect(a.x).toBeGreaterThan(0);
        expect(a.x).toBeLessThan(VIEWBOX.width);
        expect(a.y).toBeLessThan(VIEWBOX.height);
        expect(viewOf(a.site)).toBe(view);
        for (const b of spots)
          if (a !== b) expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(24);
      }
    }
  });

  it('puts the patient right on the viewer left on the front view and on the right on the back view', () => {
    const x = (site: string) => SPOTS.find((s) => s.site === site)?.x ?? NaN;
    expect(x('anterior-right-upper')).toBeLessThan(x('anterior-left-upper'));
    expect(x('posterior-right-upper')).toBeGreaterThan(x('posterior-left-upper'));
    expect(x('AV')).toBeLessThan(x('PV'));
    expect(domainOfSite('MV', 'lung')).toBe('heart');
    expect(domainOfSite('unknown', 'lung')).toBe('lung');
  });
});
