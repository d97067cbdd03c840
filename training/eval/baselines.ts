// Text baselines scored like any model: the majority answer per task, and text-only nearest-instruction lookup
// (the answer most often given in training to the closest instruction, with the prompt's domain and site, no audio).
import type { BenchItem, TaskId } from '../../src/core/tasks/types';
import type { Responder } from './responder';

function mostCommon(counts: Map<string, number>): string {
  let best = '';
  let n = -1;
  for (const [k, c] of counts) if (c > n || (c === n && k < best)) [best, n] = [k, c];
  return best;
}

function bump(m: Map<string, Map<string, number>>, key: string, value: string): void {
  const c = m.get(key) ?? new Map<string, number>();
  c.set(value, (c.get(value) ?? 0) + 1);
  m.set(key, c);
}

const taskKey = (it: BenchItem) => (it.loudest ? `${it.task}/loudest` : it.task);

/** Most common reference answer per task (two-site loudest questions apart) in the training items. */
export function createMajorityResponder(train: BenchItem[]): Responder {
  const counts = new Map<string, Map<string, number>>();
  for (const it of train) if (!it.outOfScope) bump(counts, taskKey(it), it.response);
  const answers = new Map([...counts].map(([k, c]) => [k, mostCommon(c)]));
  return {
    name: 'baseline:majority',
    usesAudio: false,
    answer: async (item) => answers.get(taskKey(item)) ?? answers.get(item.task as TaskId) ?? '',
  };
}

const tokens = (s: string) => new Set(s.toLowerCase().match(/[a-z0-9]+/g) ?? []);

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const t of a) if (b.has(t)) inter++;
  return inter === 0 ? 0 : inter / (a.size + b.size - inter);
}

/** What a text-only system sees of the prompt: domain, sites and instruction in words, never the audio. */
const fullKey = (it: BenchItem) =>
  `${it.domain} ${it.labels.map((l) => l.site).join(' ')} | ${it.instruction}`;
const domainKey = (it: BenchItem) => `${it.domain} | ${it.instruction}`;

function answerTable(train: BenchItem[], key: (it: BenchItem) => string): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const it of train) bump(counts, key(it), it.response);
  return new Map([...counts].map(([k, c]) => [k, mostCommon(c)]));
}

/** Exact prompt text first, then the same instruction in the same domain, then the nearest instruction by Jaccard. */
export function createTextOnlyResponder(train: BenchItem[]): Responder {
  const full = answerTable(train, fullKey);
  const byDomain = answerTable(train, domainKey);
  const keys = [...byDomain.keys()].map((k) => ({ k, t: tokens(k) }));
  const cache = new Map<string, string>();
  return {
    name: 'baseline:text-only',
    usesAudio: false,
    async answer(item) {
      const hit = full.get(fullKey(item)) ?? byDomain.get(domainKey(item)) ?? cache.get(domainKey(item));
      if (hit !== undefined) return hit;
      const q = tokens(domainKey(item));
      let best = keys[0];
      let score = -1;
      for (const c of keys) {
        const s = jaccard(q, c.t);
        if (s > score) [best, score] = [c, s];
      }
      const ans = best ? (byDomain.get(best.k) ?? '') : '';
      cache.set(domainKey(item), ans);
      return ans;
    },
  };
}
