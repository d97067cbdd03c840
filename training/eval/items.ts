// Where eval items come from: a built bench split, or task items generated on the fly from a dataset adapter's
// listing (`--dataset circor:/path`) or a JSONL manifest (`--manifest file.jsonl`), through the bench builder.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CorpusEntry } from '../../src/core/clinical/corpus';
import type { Split } from '../../src/core/clinical/schema';
import type { BenchItem, TaskId } from '../../src/core/tasks/types';
import { buildBench } from '../auscultbench/build';
import { readJsonl } from '../auscultbench/jsonl';
import { ADAPTERS } from '../data/sources';

export interface ItemSet {
  items: BenchItem[];
  /** Folder that item.audio paths are relative to (absolute paths are used as they are). */
  audioRoot: string;
  /** Where training items for the text baselines come from (bench train split), if any. */
  trainFile?: string;
  description: string;
}

export async function benchItems(dir: string, split: Split, corpus?: string): Promise<ItemSet> {
  const items = await readJsonl<BenchItem>(path.join(dir, `${split}.jsonl`));
  const meta = JSON.parse(await readFile(path.join(dir, 'bench.json'), 'utf8').catch(() => '{}')) as { corpus?: string };
  const audioRoot = corpus ?? meta.corpus ?? dir;
  return {
    items,
    audioRoot,
    trainFile: path.join(dir, 'train.jsonl'),
    description: `bench:${split}${await splitPolicyTag(meta.corpus)}`,
  };
}

/**
 * Which SPRSound official-test policy the bench's corpus was split with (it changes the test split, so reports on
 * different policies must not share a table): '' for the shipped 'recording' policy, ' (patient split)' otherwise.
 */
export async function splitPolicyTag(corpusDir: string | undefined): Promise<string> {
  if (!corpusDir) return '';
  const text = await readFile(path.join(corpusDir, 'corpus.json'), 'utf8').catch(() => '{}');
  const policy = (JSON.parse(text) as { officialTest?: string }).officialTest;
  return policy && policy !== 'recording' ? ` (${policy} split)` : '';
}

/** Corpus entries (all in the test split, audio paths as the adapter gives them) for every recording an adapter lists. */
export async function adapterEntries(adapterName: string, root: string): Promise<CorpusEntry[]> {
  const adapter = ADAPTERS.find((a) => a.name === adapterName);
  if (!adapter)
    throw new Error(
      `unknown dataset adapter '${adapterName}'; known: ${ADAPTERS.map((a) => a.name).join(', ')}`,
    );
  const listing = await adapter.list(root);
  for (const issue of listing.issues.slice(0, 5))
    console.warn(`[${issue.kind}] ${issue.file ?? ''} ${issue.message}`);
  return listing.records.map((r) => ({
    ...r.labels,
    audio: r.audioPath,
    durationS: 0,
    split: 'test',
  }));
}

/** Items for every recording an adapter lists, all in the test split, one per task (as the bench's eval splits). */
export async function datasetItems(adapterName: string, root: string): Promise<ItemSet> {
  const entries = await adapterEntries(adapterName, root);
  const items = buildBench(entries, { minTrainPairs: 0, evalPerTask: 1, oosRate: 0.02, seed: 1 });
  return { items, audioRoot: '/', description: `${adapterName}:${path.basename(path.resolve(root))}` };
}

/** The manifest adapter reads every .jsonl in a folder: a temp folder with this file alone, audio paths made absolute. */
export async function manifestFolder(file: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'auscult-manifest-'));
  const base = path.dirname(path.resolve(file));
  const lines = (await readFile(file, 'utf8')).split('\n').map((line) => {
    if (!line.trim()) return line;
    try {
      const row = JSON.parse(line) as { audio?: unknown };
      if (typeof row.audio === 'string' && !path.isAbsolute(row.audio)) row.audio = path.join(base, row.audio);
      return JSON.stringify(row);
    } catch {
      return line; // the adapter reports the malformed line
    }
  });
  await writeFile(path.join(dir, path.basename(file)), lines.join('\n'));
  return dir;
}

export async function manifestItems(file: string): Promise<ItemSet> {
  const set = await datasetItems('manifest', await manifestFolder(file));
  return { ...set, description: `manifest:${path.basename(file)}` };
}

export function filterItems(
  items: BenchItem[],
  tasks: TaskId[] | undefined,
  limit: number | undefined,
): BenchItem[] {
  const kept = tasks ? items.filter((it) => tasks.includes(it.task)) : items;
  if (limit === undefined || kept.length <= limit) return kept;
  // An even stride keeps every task and source represented in a limited run.
  const step = kept.length / limit;
  return Array.from({ length: limit }, (_, i) => kept[Math.floor(i * step)]);
}
