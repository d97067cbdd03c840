// Renderer and parser must agree: every reference answer scores as correct against its own labels.
import { describe, expect, it } from 'vitest';
import type { CorpusEntry } from '../clinical/corpus';
import { isHeartSite } from '../clinical/schema';
import { fixtureEntries } from './fixtures';
import { makeItem } from './registry';
import { whichAbnormalOf } from './render-multi';
import { scoreItem } from './score';
import { TASK_IDS, type BenchItem } from './types';

function allItems(): BenchItem[] {
  const entries = fixtureEntries();
  const items: BenchItem[] = [];
  for (const e of entries) {
    for (const task of TASK_IDS.filter((t) => t !== 'comparison')) {
      for (let k = 0; k < 6; k++)
        items.push(makeItem({ task, id: `${task}-${e.id}-${k}`, split: 'train', entries: [e] }));
    }
    items.push(
      makeItem({ task: 'classification', id: `oos-${e.id}`, split: 'train', entries: [e], outOfScope: true }),
    );
  }
  const sure = entries.filter((e, i) => i % 2 === 0 && whichAbnormalOf(e, e) !== null);
  for (const a of sure) {
    for (const b of sure.filter((x) => x.domain === a.domain)) {
      items.push(
        makeItem({ task: 'comparison', id: `cmp-${a.id}-${b.id}`, split: 'train', entries: [a, b] }),
      );
    }
  }
  const loud = entries.filter((e) => e.murmur?.mostAudible && e.site === e.murmur.mostAudible);
  for (const e of loud) {
    const other: CorpusEntry = { ...entries[0], id: `${e.patient}_X`, site: e.site === 'PV' ? 'TV' : 'PV' };
    const site = e.murmur?.mostAudible;
    if (!site || !isHeartSite(site)) continue;
    items.push(
      makeItem({ task: 'location', id: `loud-${e.id}`, split: 'train', entries: [other, e], loudest: site }),
    );
    items.push(
      makeItem({ task: 'location', id: `loud2-${e.id}`, split: 'train', entries: [e, other], loudest: site }),
    );
  }
  return items;
}

describe('reference answers round-trip through the scorer', () => {
  const items = allItems();
  it('scores every generated reference response as correct', () => {
    const wrong = items.filter((it) => !scoreItem(it, it.response).correct);
    const rate = 1 - wrong.length / items.length;
    console.log(
      `round-trip: ${items.length - wrong.length}/${items.length} correct (${(100 * rate).toFixed(2)}%)`,
    );
    const seen = new Set<string>();
    for (const w of wrong) {
      if (seen.has(w.response) || seen.size > 10) continue;
      seen.add(w.response);
      console.log(
        w.task,
        w.labels.map((l) => l.findings),
        '\n  ',
        w.response,
      );
    }
    expect(wrong.length).toBe(0);
  });
  it('keeps answers short (typical 15-60 words, reports a bit longer)', () => {
    const words = items.map((it) => it.response.split(/\s+/).length);
    const median = [...words].sort((a, b) => a - b)[Math.floor(words.length / 2)];
    console.log(`response words: median ${median}, max ${Math.max(...words)}`);
    expect(median).toBeLessThanOrEqual(60);
    expect(Math.max(...words)).toBeLessThanOrEqual(110);
  });
  it('uses many distinct instruction templates per task', () => {
    for (const t of TASK_IDS) {
      const n = new Set(items.filter((i) => i.task === t && !i.outOfScope).map((i) => i.template)).size;
      expect(n, t).toBeGreaterThan(t === 'comparison' ? 20 : 25);
    }
  });
});
