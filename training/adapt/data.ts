// The user's labelled recordings (JSONL manifest) as adaptation data: a patient-level train / held-out split, bench
// items for both through the bench builder, and their log-mel features (computed once into a cache folder).
import path from 'node:path';
import type { CorpusEntry } from '../../src/core/clinical/corpus';
import type { BenchItem } from '../../src/core/tasks/types';
import { buildBench } from '../auscultbench/build';
import { hashString } from '../../src/core/random';
import { adapterEntries, manifestFolder } from '../eval/items';
import { loadFeatureCache, type FeatureCache } from '../train/cache';

export interface AdaptData {
  entries: CorpusEntry[];
  train: BenchItem[];
  heldOut: BenchItem[];
  cache: FeatureCache;
}

/** Patient-level split: a patient goes to the held-out part when its hash falls under `fraction`. */
export function splitByPatient(entries: CorpusEntry[], fraction: number, seed: number): CorpusEntry[] {
  return entries.map((e) => ({
    ...e,
    split: (hashString(`${seed}/${e.source}/${e.patient}`) % 10_000) / 10_000 < fraction ? 'test' : 'train',
  }));
}

export async function adaptData(
  manifest: string,
  opts: { heldOut: number; seed: number; cacheDir: string; cacheFrames: number; trainItems: number },
): Promise<AdaptData> {
  const listed = await adapterEntries('manifest', await manifestFolder(manifest));
  if (listed.length < 2)
    throw new Error(`${manifest}: ${listed.length} usable recordings; adaptation needs at least 2`);
  const entries = splitByPatient(listed, opts.heldOut, opts.seed);
  const items = buildBench(entries, {
    minTrainPairs: opts.trainItems,
    evalPerTask: 1,
    oosRate: 0.02,
    seed: opts.seed,
  });
  const train = items.filter((it) => it.split === 'train');
  const heldOut = items.filter((it) => it.split === 'test');
  if (!train.length || !heldOut.length)
    throw new Error(
      `${manifest}: the patient split left ${train.length} train and ${heldOut.length} held-out items; use more patients or change --held-out`,
    );
  // Audio paths are absolute after manifestFolder, so the cache resolves them against '/'.
  const cache = await loadFeatureCache(
    path.resolve(opts.cacheDir),
    '/',
    entries.map((e) => ({ id: e.id, audio: e.audio })),
    opts.cacheFrames,
  );
  return { entries, train, heldOut, cache };
}
