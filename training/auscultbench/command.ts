// `npm run auscultbench -- build`: AuscultBench (the instruction–response benchmark) from a corpus of npm run data:
// {train,val,test}.jsonl, bench.json and the generated description docs/bench.md.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CorpusEntry } from '../../src/core/clinical/corpus';
import type { BenchItem } from '../../src/core/tasks/types';
import { parseCli } from '../cli/args';
import { buildBench, DEFAULT_BUILD, type BuildOptions } from './build';
import { readJsonl, writeJsonl } from './jsonl';
import { benchMarkdown, benchStats } from './stats';

const flag = (text: string): string => text.padEnd(24);
const BUILD_USAGE = `usage: npm run auscultbench -- build --corpus <dir> --out <dir> [flags]
  ${flag('--corpus <dir>')}the corpus of npm run data (corpus.jsonl)
  ${flag('--out <dir>')}where {train,val,test}.jsonl and bench.json go
  ${flag('[--docs docs/bench.md]')}the generated bench description
  ${flag(`[--min-train ${DEFAULT_BUILD.minTrainPairs}]`)}train items at least (more renderings per recording until reached)
  ${flag(`[--eval-per-task ${DEFAULT_BUILD.evalPerTask}]`)}val/test items per recording and task
  ${flag(`[--oos-rate ${DEFAULT_BUILD.oosRate}]`)}share of out-of-scope items
  [--seed ${DEFAULT_BUILD.seed}]`;

const BUILD_OPTIONS = {
  corpus: { type: 'string' },
  out: { type: 'string' },
  docs: { type: 'string', default: 'docs/bench.md' },
  'min-train': { type: 'string' },
  'eval-per-task': { type: 'string' },
  'oos-rate': { type: 'string' },
  seed: { type: 'string' },
} as const;

export async function buildCommand(argv: string[]): Promise<void> {
  const { values: f } = parseCli(argv, {
    usage: BUILD_USAGE,
    options: BUILD_OPTIONS,
    required: ['corpus', 'out'],
  });
  const opts: BuildOptions = {
    minTrainPairs: Number(f['min-train'] ?? DEFAULT_BUILD.minTrainPairs),
    evalPerTask: Number(f['eval-per-task'] ?? DEFAULT_BUILD.evalPerTask),
    oosRate: Number(f['oos-rate'] ?? DEFAULT_BUILD.oosRate),
    seed: Number(f.seed ?? DEFAULT_BUILD.seed),
  };
  const t0 = Date.now();
  const entries = await readJsonl<CorpusEntry>(path.join(f.corpus, 'corpus.jsonl'));
  const items = buildBench(entries, opts);
  await mkdir(f.out, { recursive: true });
  for (const split of ['train', 'val', 'test'] as const) {
    await writeJsonl(
      path.join(f.out, `${split}.jsonl`),
      items.filter((it) => it.split === split),
    );
  }
  const stats = benchStats(items);
  await writeFile(
    path.join(f.out, 'bench.json'),
    JSON.stringify({ options: opts, corpus: path.resolve(f.corpus), stats }, null, 2),
  );
  const docs = f.docs;
  const examples = pickExamples(items);
  await mkdir(path.dirname(docs), { recursive: true });
  await writeFile(
    docs,
    benchMarkdown(stats, examples, `npm run auscultbench -- build --corpus <corpus> --out <bench>`) + '\n',
  );
  console.log(
    `bench: ${items.length} items (${Object.entries(stats.bySplit)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}) in ${((Date.now() - t0) / 1000).toFixed(1)} s -> ${f.out}; docs -> ${docs}`,
  );
}

function pickExamples(items: BenchItem[]): BenchItem[] {
  const test = items.filter((it) => it.split === 'test' && !it.outOfScope);
  const byTask = new Map<string, BenchItem>();
  for (const it of test)
    if (!byTask.has(it.task) && (it.task === 'classification' || it.labels[0].normal === false))
      byTask.set(it.task, it);
  return [...byTask.values()];
}
