// Preference pairs for DPO: (a) K answers sampled from the SFT model at several temperatures, ranked by the
// AuscultBench scorer (chosen = most correct, rejected = least, ties skipped); (b) hard negatives from contradicted
// labels. Cached as JSONL in the run folder so a resumed run never resamples.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import { scoreItem } from '../../src/core/tasks/score';
import type { BenchItem } from '../../src/core/tasks/types';
import { readJsonl, writeJsonl } from '../auscultbench/jsonl';
import type { AudioLM } from '../model/generate';
import { mulberry32 } from '../model/params';
import { exampleOf } from '../train/sft';
import type { Rand } from '../train/augment';
import { HARD_KINDS, hardNegative } from './hard-negatives';

export interface Pair {
  itemId: string;
  kind: 'sampled' | `hard-${string}`;
  chosen: string;
  rejected: string;
  chosenScore: number;
  rejectedScore: number;
}

/**
 * Clinical score of an answer: correctness first (4), then the verdict (2), then the finding-level F1 (0..1), so
 * two wrong answers are still ordered by how wrong they are.
 */
export function clinicalScore(item: BenchItem, answer: string): number {
  const s = scoreItem(item, answer);
  const f1 =
    s.tp.length + s.fp.length + s.fn.length
      ? s.tp.length / (s.tp.length + (s.fp.length + s.fn.length) / 2)
      : 1;
  return (s.correct ? 4 : 0) + (s.verdict === s.truthVerdict ? 2 : 0) + f1;
}

/** Next-token sampler at temperature `t` for AudioLM.generate. */
export function temperaturePick(t: number, rand: Rand): (logits: tf.Tensor1D) => number {
  return (logits) => {
    const p = tf.tidy(() => tf.softmax(tf.div(logits, t)).dataSync());
    let u = rand();
    for (let i = 0; i < p.length; i++) if ((u -= p[i]) <= 0) return i;
    return p.length - 1;
  };
}

/**
 * One pair from K sampled answers, or undefined when they all score the same. When no sample is correct the
 * reference answer is the chosen one (a correct answer against the model's own mistake).
 */
export function sampledPair(
  item: BenchItem,
  generate: (pick: (l: tf.Tensor1D) => number) => string,
  k: number,
  temperatures: number[],
  rand: Rand,
): Pair | undefined {
  const cands = Array.from({ length: k }, (_, i) =>
    generate(temperaturePick(temperatures[i % temperatures.length], rand)),
  )
    .filter((a) => a.trim())
    .map((a) => ({ a, s: clinicalScore(item, a) }))
    .sort((x, y) => y.s - x.s);
  if (cands.length < 2 || cands[0].s === cands[cands.length - 1].s) return undefined;
  const worst = cands[cands.length - 1];
  const best = cands[0].s >= 4 ? cands[0] : { a: item.response, s: clinicalScore(item, item.response) };
  if (best.s <= worst.s) return undefined;
  return {
    itemId: item.id,
    kind: 'sampled',
    chosen: best.a,
    rejected: worst.a,
    chosenScore: best.s,
    rejectedScore: worst.s,
  };
}

/** Hard-negative pairs: the reference answer against one contradicted-label answer per item (kinds in turn). */
export function hardPairs(items: BenchItem[], seed: number): Pair[] {
  const rand = mulberry32(seed);
  return items.flatMap((item, i) => {
    for (let j = 0; j < HARD_KINDS.length; j++) {
      const kind = HARD_KINDS[(i + j) % HARD_KINDS.length];
      const rejected = hardNegative(item, kind, rand);
      if (rejected)
        return [
          {
            itemId: item.id,
            kind: `hard-${kind}` as const,
            chosen: item.response,
            rejected,
            chosenScore: clinicalScore(item, item.response),
            rejectedScore: clinicalScore(item, rejected),
          },
        ];
    }
    return [];
  });
}

/** Items in a seeded order (so sampled and hard-negative items are spread over tasks and sources). */
export function shuffled<T>(xs: T[], seed: number): T[] {
  const rand = mulberry32(seed);
  return xs
    .map((x) => ({ x, k: rand() }))
    .sort((a, b) => a.k - b.k)
    .map((p) => p.x);
}

export interface PairSources {
  lm: AudioLM;
  windows: (item: BenchItem) => Float32Array[];
  maxNewTokens: number;
  onProgress?: (done: number, total: number, pairs: number) => void;
}

/** Sampled pairs for `items`, each item's randomness fixed by (seed, index). */
export function samplePairs(
  items: BenchItem[],
  src: PairSources,
  k: number,
  temps: number[],
  seed: number,
): Pair[] {
  const out: Pair[] = [];
  items.forEach((item, i) => {
    const gen = (pick: (l: tf.Tensor1D) => number) =>
      src.lm.generate(exampleOf(item), src.windows(item), src.maxNewTokens, undefined, pick);
    const p = sampledPair(item, gen, k, temps, mulberry32(seed * 7_919 + i));
    if (p) out.push(p);
    src.onProgress?.(i + 1, items.length, out.length);
  });
  return out;
}

/** Reads `<file>` when its settings sidecar matches `settings`; otherwise builds the pairs and writes both. */
export async function cachedPairs(
  file: string,
  settings: unknown,
  build: () => Pair[],
): Promise<{ pairs: Pair[]; cached: boolean }> {
  const meta = `${file}.settings.json`;
  const want = JSON.stringify(settings);
  if (existsSync(file) && existsSync(meta) && (await readFile(meta, 'utf8')) === want)
    return { pairs: await readJsonl<Pair>(file), cached: true };
  const pairs = build();
  await writeJsonl(file, pairs);
  await writeFile(meta, want);
  return { pairs, cached: false };
}

/** A float vector cached in `<file>` (+ `.json` key sidecar): the reference log-likelihoods, so a resume skips them. */
export async function cachedFloats(
  file: string,
  key: unknown,
  compute: () => Float32Array,
): Promise<Float32Array> {
  const want = JSON.stringify({ sha256: createHash('sha256').update(JSON.stringify(key)).digest('hex') });
  if (existsSync(file) && existsSync(`${file}.json`) && (await readFile(`${file}.json`, 'utf8')) === want) {
    const b = await readFile(file);
    return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  }
  const out = compute();
  await writeFile(file, Buffer.from(out.buffer, out.byteOffset, out.byteLength));
  await writeFile(`${file}.json`, want);
  return out;
}
