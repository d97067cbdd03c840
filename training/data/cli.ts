// `npm run data -- --datasets <dir> --out <dir> [--seed 1] [--synth-count N] [--synth-balance uniform|natural] …`:
// builds the corpus, writes <out>/corpus.jsonl, corpus.json, issues.jsonl and the dataset card docs/datasets.md.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { SOURCES, type SourceName } from '../../src/core/clinical/schema';
import { buildCorpus, type BuildOptions } from './build';
import { parseCli, runCli } from '../cli/args';
import { renderCard } from './card';
import { progressBar } from './progress';
import { OFFICIAL_TEST_POLICIES, type OfficialTestPolicy } from './split';
import type { AdapterIssue } from './sources/types';
import { SYNTH_BALANCES, type SynthBalance } from './synth';

const USAGE = `usage: npm run data -- --datasets <dir> --out <dir> [options]
  --datasets <dir>                  the downloaded datasets (one folder per source)
  --out <dir>                       the corpus: corpus.jsonl, corpus.json, issues.jsonl and the normalized WAVs
  [--seed 1]                        seed of the patient split and of the synthesized recordings
  [--synth-count 0] [--synth-balance uniform|natural] [--synth-duration-s 10]   synthesized recordings added
  [--only circor,sprsound,...]      these sources only
  [--official-test patient|recording]   'patient': an official test recording makes its patient test entirely
  [--concurrency 4] [--reuse]       recordings normalized in parallel; reuse WAVs already written in <out>
  [--card docs/datasets.md|none]    where the dataset card goes
  [--verbose]                       every adapter issue, not the first three of each kind`;

const OPTIONS = {
  datasets: { type: 'string' },
  out: { type: 'string' },
  seed: { type: 'string', default: '1' },
  'synth-count': { type: 'string', default: '0' },
  'synth-balance': { type: 'string', default: 'uniform' },
  'synth-duration-s': { type: 'string', default: '10' },
  only: { type: 'string', default: '' },
  'official-test': { type: 'string', default: 'patient' },
  concurrency: { type: 'string', default: '4' },
  reuse: { type: 'boolean', default: false },
  card: { type: 'string', default: path.resolve(import.meta.dirname, '../../docs/datasets.md') },
  verbose: { type: 'boolean', default: false },
} as const;

export type DataArgs = ReturnType<typeof parseArgs>;

/** Strict `--key value` / `--key=value` parsing (training/cli/args.ts): unknown keys are errors. */
export function parseArgs(argv: string[]) {
  return parseCli(argv, { usage: USAGE, options: OPTIONS, required: ['datasets', 'out'] }).values;
}

function intArg(args: DataArgs, key: 'seed' | 'synth-count' | 'concurrency', min: number): number {
  const n = Number(args[key]);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`--${key} must be an integer ≥ ${min}, got '${args[key]}'`);
  return n;
}

function positive(text: string, key: string): number {
  const n = Number(text);
  if (!(n > 0) || !Number.isFinite(n)) throw new Error(`--${key} must be a positive number, got '${text}'`);
  return n;
}

export function toOptions(args: DataArgs): BuildOptions {
  const only = args.only ? args.only.split(',').map((s) => s.trim()) : undefined;
  for (const s of only ?? [])
    if (!(SOURCES as readonly string[]).includes(s))
      throw new Error(`--only: unknown source '${s}' (known: ${SOURCES.join(', ')})`);
  if (!(OFFICIAL_TEST_POLICIES as readonly string[]).includes(args['official-test']))
    throw new Error(`--official-test must be one of ${OFFICIAL_TEST_POLICIES.join(', ')}`);
  if (!(SYNTH_BALANCES as readonly string[]).includes(args['synth-balance']))
    throw new Error(`--synth-balance must be one of ${SYNTH_BALANCES.join(', ')}`);
  return {
    datasetsDir: path.resolve(args.datasets),
    outDir: path.resolve(args.out),
    seed: intArg(args, 'seed', 0),
    only: only as SourceName[] | undefined,
    officialTest: args['official-test'] as OfficialTestPolicy,
    synth: {
      count: intArg(args, 'synth-count', 0),
      balance: args['synth-balance'] as SynthBalance,
      durationS: positive(args['synth-duration-s'], 'synth-duration-s'),
    },
    concurrency: intArg(args, 'concurrency', 1),
    reuse: args.reuse,
  };
}

function printIssues(issues: AdapterIssue[], verbose: boolean): void {
  const groups = new Map<string, AdapterIssue[]>();
  for (const i of issues)
    groups.set(`${i.source} ${i.kind}`, [...(groups.get(`${i.source} ${i.kind}`) ?? []), i]);
  for (const [key, list] of groups) {
    console.error(`${key}: ${list.length}`);
    for (const i of verbose ? list : list.slice(0, 3)) console.error(`  ${i.file ?? ''}: ${i.message}`);
    if (!verbose && list.length > 3) console.error(`  … ${list.length - 3} more (all in issues.jsonl)`);
  }
}

/** The command line for the card, with machine-specific folders replaced by placeholders. */
function displayArgs(argv: string[]): string {
  return argv
    .map((a, i) => (argv[i - 1] === '--datasets' ? '<datasets>' : argv[i - 1] === '--out' ? '<out>' : a))
    .map((a) => a.replace(/^--datasets=.*/, '--datasets=<datasets>').replace(/^--out=.*/, '--out=<out>'))
    .join(' ');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const opts = toOptions(args);
  const issues: AdapterIssue[] = [];
  const summary = await buildCorpus({ ...opts, onProgress: progressBar(), onIssue: (i) => issues.push(i) });
  writeFileSync(
    path.join(opts.outDir, 'issues.jsonl'),
    issues.map((i) => JSON.stringify(i)).join('\n') + '\n',
  );
  printIssues(issues, args.verbose);
  if (args.card !== 'none') {
    const command = `npm run data -- ${displayArgs(process.argv.slice(2))}`;
    writeFileSync(path.resolve(args.card), renderCard(summary, command));
    console.error(`dataset card: ${path.resolve(args.card)}`);
  }
  const hoursTotal = Object.values(summary.stats.sources).reduce((a, s) => a + s.durationS, 0) / 3600;
  console.error(
    `corpus: ${summary.entries} recordings (${hoursTotal.toFixed(1)} h) from ${summary.sources.join(', ')} → ${opts.outDir}; ` +
      `${issues.length} issues; built in ${summary.buildSeconds.toFixed(1)} s`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) runCli(main);
