// `npm run bench -- <subcommand>`: `build` writes AuscultBench from a corpus; `speed` (the default: plain
// `npm run bench`) measures browser and Node speed (training/bench/speed.ts); `first-visit` the bytes of a first visit.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CorpusEntry } from '../../src/core/clinical/corpus';
import type { BenchItem } from '../../src/core/tasks/types';
import { buildBench, DEFAULT_BUILD, type BuildOptions } from './build';
import { readJsonl, writeJsonl } from './jsonl';
import { benchMarkdown, benchStats } from './stats';

function parseFlags(argv: string[], known: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m || !known.includes(m[1])) throw new Error(`unknown argument '${argv[i]}'; expected one of ${known.map((k) => '--' + k).join(', ')}`);
    out[m[1]] = m[2] ?? argv[++i] ?? '';
  }
  return out;
}

async function build(argv: string[]): Promise<void> {
  const f = parseFlags(argv, ['corpus', 'out', 'docs', 'min-train', 'eval-per-task', 'oos-rate', 'seed']);
  if (!f.corpus || !f.out) throw new Error('usage: npm run bench -- build --corpus <dir> --out <dir> [--docs docs/bench.md] [--min-train 60000]');
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
    await writeJsonl(path.join(f.out, `${split}.jsonl`), items.filter((it) => it.split === split));
  }
  const stats = benchStats(items);
  await writeFile(path.join(f.out, 'bench.json'), JSON.stringify({ options: opts, corpus: path.resolve(f.corpus), stats }, null, 2));
  const docs = f.docs ?? 'docs/bench.md';
  const examples = pickExamples(items);
  await mkdir(path.dirname(docs), { recursive: true });
  await writeFile(docs, benchMarkdown(stats, examples, `npm run bench -- build --corpus <corpus> --out <bench>`) + '\n');
  console.log(`bench: ${items.length} items (${Object.entries(stats.bySplit).map(([k, v]) => `${k} ${v}`).join(', ')}) in ${((Date.now() - t0) / 1000).toFixed(1)} s -> ${f.out}; docs -> ${docs}`);
}

function pickExamples(items: BenchItem[]): BenchItem[] {
  const test = items.filter((it) => it.split === 'test' && !it.outOfScope);
  const byTask = new Map<string, BenchItem>();
  for (const it of test) if (!byTask.has(it.task) && (it.task === 'classification' || it.labels[0].normal === false)) byTask.set(it.task, it);
  return [...byTask.values()];
}

async function main(): Promise<void> {
  const [cmd, ...rest] = process.argv.slice(2);
  switch (cmd) {
    case 'build':
      return build(rest);
    case 'first-visit':
      return (await import('./speed-first-visit')).firstVisitCommand(rest);
    case 'speed':
    case undefined:
      return (await import('./speed')).speedCommand(rest); // loaded on demand: it pulls in Playwright, tfjs, ORT
    default:
      throw new Error(`usage: npm run bench -- <build|speed|first-visit> ...  (got '${cmd ?? ''}')`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
