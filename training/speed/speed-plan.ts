// The plan of one `npm run bench -- speed` run from its flags: strict parsing, the model (auscult-v1 when exported,
// else tiny-random, and why), backends × dtypes, run counts and output paths. No heavy imports: tests use it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseCli } from '../cli/args';
import type { PartDtype } from '../../src/core/manifest/manifest';
import type { BrowserCase } from './speed-browser';

const ROOT = path.resolve(import.meta.dirname, '../..');
const USAGE = `usage: npm run bench -- speed [flags]   (plain npm run bench runs it too)
  [--quick]                     a short smoke run on tiny-random, written under bench/tmp/
  [--model <id>]                a folder of models/ (default auscult-v1 when exported, else tiny-random)
  [--backends wasm,webgpu] [--dtypes q4,fp32]   the browser cases (q8 too)
  [--runs 3]                    measured runs per case
  [--base-url <url>]            a running app to measure instead of building and serving one
  [--skip-browser] [--skip-node]
  [--out bench/results.json] [--docs docs/benchmarks.md]
  [--from <results.json>]       regenerate the docs from earlier results without measuring`;

const OPTIONS = {
  quick: { type: 'boolean' },
  model: { type: 'string' },
  runs: { type: 'string' },
  'base-url': { type: 'string' },
  'skip-browser': { type: 'boolean' },
  'skip-node': { type: 'boolean' },
  out: { type: 'string' },
  docs: { type: 'string' },
  backends: { type: 'string' },
  dtypes: { type: 'string' },
  from: { type: 'string' },
} as const;
type Flags = Partial<Record<keyof typeof OPTIONS, string>>;

/** Strict (training/cli/args.ts): unknown flags are an error; switches take no value and read as 'true'. */
export function parseSpeedFlags(argv: string[]): Flags {
  const { values } = parseCli(argv, { usage: USAGE, options: OPTIONS });
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
}

export interface SpeedPlan {
  quick: boolean;
  modelId: string;
  modelWhy: string;
  runs: number;
  cases: BrowserCase[];
  maxNewTokens: number;
  taskMaxNewTokens: number;
  out: string;
  docs: string;
  baseUrl?: string;
  browser: boolean;
  node: boolean;
}

/** auscult-v1 when it has been exported, else tiny-random (quick always uses tiny-random); says which and why. */
export function pickModel(
  requested: string | undefined,
  quick: boolean,
  has: (id: string) => boolean,
): { id: string; why: string } {
  if (requested) return { id: requested, why: '--model' };
  if (quick) return { id: 'tiny-random', why: '--quick uses the tiny random model' };
  return has('auscult-v1')
    ? { id: 'auscult-v1', why: 'the shipped model' }
    : { id: 'tiny-random', why: 'models/auscult-v1 is not exported yet' };
}

export function planSpeed(f: Flags): SpeedPlan {
  const quick = f.quick === 'true';
  const model = pickModel(f.model, quick, (id) => existsSync(path.join(ROOT, 'models', id, 'manifest.json')));
  const backends = (f.backends ?? 'wasm,webgpu').split(',') as BrowserCase['backend'][];
  const dtypes = (f.dtypes ?? (quick ? 'q4' : 'q4,fp32')).split(',') as PartDtype[];
  if (!backends.every((b) => b === 'wasm' || b === 'webgpu'))
    throw new Error(`--backends takes wasm,webgpu (got ${f.backends})`);
  if (!dtypes.every((d) => d === 'q4' || d === 'fp32' || d === 'q8'))
    throw new Error(`--dtypes takes q4,fp32,q8 (got ${f.dtypes})`);
  const runs = Number(f.runs ?? (quick ? 1 : 3));
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs must be a positive integer (got ${f.runs})`);
  return {
    quick,
    modelId: model.id,
    modelWhy: model.why,
    runs,
    cases: backends.flatMap((backend) => dtypes.map((dtype) => ({ backend, dtype }))),
    maxNewTokens: quick ? 8 : 64,
    taskMaxNewTokens: quick ? 4 : 256,
    out: f.out ?? (quick ? 'bench/tmp/speed-quick.json' : 'bench/results.json'),
    docs: f.docs ?? (quick ? 'bench/tmp/benchmarks-quick.md' : 'docs/benchmarks.md'),
    baseUrl: f['base-url'],
    browser: f['skip-browser'] !== 'true',
    node: f['skip-node'] !== 'true',
  };
}
