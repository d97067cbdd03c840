// Builds AuscultBench from a corpus: every task's items per recording, comparison pairs, two-site "loudest"
// questions and a share of out-of-scope requests, following the corpus's patient split. Deterministic.
import type { CorpusEntry } from '../../src/core/clinical/corpus';
import { isFinding, isHeartSite, type Split } from '../../src/core/clinical/schema';
import { makeRng, pick, type Rng } from '../../src/core/tasks/random';
import { makeItem } from '../../src/core/tasks/registry';
import { truthOf } from '../../src/core/tasks/truth';
import type { BenchItem, TaskId } from '../../src/core/tasks/types';

export interface BuildOptions {
  /** The train split gets as many items per task and recording as needed to reach this. */
  minTrainPairs: number;
  /** Items per task and recording in val and test. */
  evalPerTask: number;
  /** Share of single-recording items replaced by an out-of-scope request to decline. */
  oosRate: number;
  seed: number;
}

export const DEFAULT_BUILD: BuildOptions = { minTrainPairs: 60_000, evalPerTask: 1, oosRate: 0.02, seed: 1 };

const SINGLE: TaskId[] = [
  'classification',
  'detection',
  'reporting',
  'reasoning',
  'differential',
  'location',
];

/** Bench items keep only finding events: beat/phase segmentation is used for rendering, then dropped (size). */
function slim(item: BenchItem): BenchItem {
  return {
    ...item,
    labels: item.labels.map((l) => ({ ...l, events: l.events.filter((e) => isFinding(e.type)) })),
  };
}

function singleItems(e: CorpusEntry, k: number, opts: BuildOptions): BenchItem[] {
  const out: BenchItem[] = [];
  const verdict = truthOf(e).verdict;
  for (const task of SINGLE) {
    for (let j = 0; j < k; j++) {
      const id = `${task}/${e.id}/${j}`;
      const rng = makeRng(`${opts.seed}:${id}`);
      // A normal recording's differential is always the same sentence: keep a quarter of them.
      if (task === 'differential' && verdict === 'normal' && rng() > 0.25) continue;
      const outOfScope = rng() < opts.oosRate;
      out.push(
        makeItem({ task, id: outOfScope ? `oos/${id}` : id, split: e.split, entries: [e], outOfScope }),
      );
    }
  }
  return out;
}

function comparisonItems(pool: CorpusEntry[], k: number, rng: Rng): BenchItem[] {
  const sure = pool.filter((e) => truthOf(e).verdict !== 'uncertain');
  const byPatient = new Map<string, CorpusEntry[]>();
  for (const e of sure)
    byPatient.set(`${e.source}/${e.patient}`, [...(byPatient.get(`${e.source}/${e.patient}`) ?? []), e]);
  // Partners by domain and verdict, so half the random pairs differ in verdict (else most pairs are normal-normal).
  const pools = new Map<string, CorpusEntry[]>();
  for (const e of sure) {
    const key = `${e.domain}/${truthOf(e).verdict}`;
    pools.set(key, [...(pools.get(key) ?? []), e]);
  }
  const partner = (a: CorpusEntry) => {
    const v = truthOf(a).verdict;
    const other = pools.get(`${a.domain}/${v === 'normal' ? 'abnormal' : 'normal'}`) ?? [];
    const same = pools.get(`${a.domain}/${v}`) ?? [];
    return other.length > 0 && (rng() < 0.5 || same.length < 2) ? pick(rng, other) : pick(rng, same);
  };
  const out: BenchItem[] = [];
  for (const a of sure) {
    for (let j = 0; j < k; j++) {
      const mates = (byPatient.get(`${a.source}/${a.patient}`) ?? []).filter((e) => e.id !== a.id);
      const b = mates.length > 0 && rng() < 0.5 ? pick(rng, mates) : partner(a);
      if (b.id === a.id) continue;
      const pair = rng() < 0.5 ? [a, b] : [b, a];
      out.push(
        makeItem({
          task: 'comparison',
          id: `comparison/${pair[0].id}+${pair[1].id}/${j}`,
          split: a.split,
          entries: pair,
        }),
      );
    }
  }
  return out;
}

/** CirCor-style patients with a most-audible murmur site: that recording against each other site's recording. */
function loudestItems(pool: CorpusEntry[], rng: Rng): BenchItem[] {
  const out: BenchItem[] = [];
  const byPatient = new Map<string, CorpusEntry[]>();
  for (const e of pool)
    byPatient.set(`${e.source}/${e.patient}`, [...(byPatient.get(`${e.source}/${e.patient}`) ?? []), e]);
  for (const recs of byPatient.values()) {
    const site = recs.find((r) => r.murmur?.mostAudible)?.murmur?.mostAudible;
    if (!site || !isHeartSite(site)) continue;
    const loud = recs.find((r) => r.site === site && r.findings.some((f) => f.endsWith('-murmur')));
    if (!loud) continue;
    for (const other of recs.filter((r) => r.site !== site && isHeartSite(r.site) && r.site !== 'Phc')) {
      const pair = rng() < 0.5 ? [loud, other] : [other, loud];
      out.push(
        makeItem({
          task: 'location',
          id: `location/loudest/${pair[0].id}+${pair[1].id}`,
          split: loud.split,
          entries: pair,
          loudest: site,
        }),
      );
    }
  }
  return out;
}

function splitItems(pool: CorpusEntry[], k: number, opts: BuildOptions, split: Split): BenchItem[] {
  const rng = makeRng(`${opts.seed}:pairs:${split}:${k}`);
  return [
    ...pool.flatMap((e) => singleItems(e, k, opts)),
    ...comparisonItems(pool, Math.max(1, Math.round(k / 2)), rng),
    ...loudestItems(pool, rng),
  ];
}

export function buildBench(entries: CorpusEntry[], opts: BuildOptions = DEFAULT_BUILD): BenchItem[] {
  const out: BenchItem[] = [];
  for (const split of ['train', 'val', 'test'] as const) {
    const pool = entries.filter((e) => e.split === split);
    let k = split === 'train' ? 1 : opts.evalPerTask;
    let items = splitItems(pool, k, opts, split);
    while (split === 'train' && items.length < opts.minTrainPairs && pool.length > 0 && k < 50) {
      k = Math.ceil((k * opts.minTrainPairs) / Math.max(1, items.length));
      items = splitItems(pool, k, opts, split);
    }
    out.push(...items.map(slim));
  }
  return out;
}
