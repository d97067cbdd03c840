// Which recordings and bench items a stage trains on: sources left out (leave-one-source-out runs) and sampling
// balanced by source and label, so neither a source's size nor its label prior is a shortcut the model can learn.
import type { CorpusEntry } from '../../src/core/clinical/corpus';
import type { BenchItem } from '../../src/core/tasks/types';
import type { Rand } from './augment';

/** The source of a recording id ("bmdhs/MR_002_sit_Mit" → "bmdhs"). */
export const sourceOfId = (id: string): string => id.slice(0, id.indexOf('/'));

/** "bmdhs,kauh" → the set of excluded sources ('' → empty). */
export function excludedSources(spec: string): Set<string> {
  return new Set(
    spec
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

/** Corpus entries not from an excluded source. */
export function withoutSources<T extends Pick<CorpusEntry, 'source'>>(entries: T[], spec: string): T[] {
  const ex = excludedSources(spec);
  return ex.size ? entries.filter((e) => !ex.has(e.source)) : entries;
}

/** Bench items none of whose recordings comes from an excluded source. */
export function itemsWithoutSources(items: BenchItem[], spec: string): BenchItem[] {
  const ex = excludedSources(spec);
  return ex.size ? items.filter((it) => !it.recordings.some((id) => ex.has(sourceOfId(id)))) : items;
}

/** A recording's label class for balancing: its normal/abnormal status, or unlabelled. */
export const labelClass = (e: Pick<CorpusEntry, 'normal'>): string =>
  e.normal === null ? 'unlabelled' : e.normal ? 'normal' : 'abnormal';

/**
 * Draws source first (in proportion to `sourceWeight`, default 1 each), then class within the source (uniformly), then
 * an element of that group uniformly: every source, and every label class within it, is drawn equally often whatever
 * its size.
 */
export function balancedSampler<T>(
  items: readonly T[],
  sourceOf: (t: T) => string,
  classOf: (t: T) => string,
  sourceWeight: (source: string) => number = () => 1,
): (rand: Rand) => T {
  const groups = new Map<string, Map<string, T[]>>();
  for (const t of items) {
    const s = sourceOf(t);
    const byClass = groups.get(s) ?? groups.set(s, new Map()).get(s)!;
    const c = classOf(t);
    (byClass.get(c) ?? byClass.set(c, []).get(c)!).push(t);
  }
  const sources = [...groups.keys()].sort().filter((s) => sourceWeight(s) > 0);
  if (!sources.length) throw new Error('balanced sampling: no source with a positive weight');
  const cum: number[] = [];
  let acc = 0;
  for (const s of sources) cum.push((acc += sourceWeight(s)));
  const classes = sources.map((s) => [...groups.get(s)!.keys()].sort().map((c) => groups.get(s)!.get(c)!));
  return (rand) => {
    const x = rand() * acc;
    let i = 0;
    while (i < cum.length - 1 && cum[i] <= x) i++;
    const cls = classes[i][Math.floor(rand() * classes[i].length)];
    return cls[Math.floor(rand() * cls.length)];
  };
}
