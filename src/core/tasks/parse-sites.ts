// Finds lung sites in free text: a side ("left"/"right") with the aspect and level words near it.
import type { LungAspect, LungLevel, LungSide } from '../clinical/schema';
import { LUNG_ASPECT_WORDS, LUNG_LEVEL_WORDS } from './lexicon';

export interface ParsedLungSite {
  side: LungSide | 'trachea';
  aspect?: LungAspect;
  level?: LungLevel;
}

/** Side words with aspect/level words within four words either side; "trachea" on its own. */
export function parseLungSites(text: string): ParsedLungSite[] {
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  const out: ParsedLungSite[] = [];
  words.forEach((w, i) => {
    if (w === 'trachea' || w === 'tracheal') out.push({ side: 'trachea' });
    if (w !== 'left' && w !== 'right') return;
    if (words[i + 1] === 'sternal' || words[i + 2] === 'sternal' || words[i + 2] === 'intercostal') return;
    const near = words.slice(Math.max(0, i - 4), i + 5);
    const aspect = near.find((n) => Object.hasOwn(LUNG_ASPECT_WORDS, n));
    const level = near.find((n) => Object.hasOwn(LUNG_LEVEL_WORDS, n));
    const site: ParsedLungSite = { side: w };
    if (aspect) site.aspect = LUNG_ASPECT_WORDS[aspect];
    if (level) site.level = LUNG_LEVEL_WORDS[level];
    out.push(site);
  });
  return out;
}
