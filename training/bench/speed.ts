// `npm run bench -- speed [--quick] [--model <id>] [--runs N] ...`: browser (WASM, WebGPU; q4 and fp32) and Node
// (training per backend, eval) speed, floors and targets → bench/results.json and a generated docs/benchmarks.md.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { validateManifest, type ModelManifest, type PartDtype } from '../../src/core/manifest/manifest';
import { buildApp, findChromium, runBrowserBench, startPreview, type BrowserCase, type BrowserCaseResult } from './speed-browser';
import { evalThroughput, machineInfo, sgemmGflops, trainInChild, TRAIN_BACKENDS, type EvalBenchResult } from './speed-node';
import { speedMarkdown } from './speed-report';
import { browserRow, median, stat, trainRow, wasmTargets, type BrowserEntry, type Floors, type PageNumbers, type SpeedResults } from './speed-results';
import type { TrainBenchResult } from './speed-train';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FLAGS = ['quick', 'model', 'runs', 'base-url', 'skip-browser', 'skip-node', 'out', 'docs', 'backends', 'dtypes'] as const;
const BOOLEAN_FLAGS = new Set(['quick', 'skip-browser', 'skip-node']);
type Flags = Partial<Record<(typeof FLAGS)[number], string>>;

/** Strict: unknown flags are an error; boolean flags take no value. */
export function parseSpeedFlags(argv: string[]): Flags {
  const out: Flags = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    const key = m?.[1] as (typeof FLAGS)[number] | undefined;
    if (!m || !key || !FLAGS.includes(key)) throw new Error(`unknown argument '${argv[i]}'; speed takes ${FLAGS.map((k) => '--' + k).join(', ')}`);
    out[key] = BOOLEAN_FLAGS.has(key) ? 'true' : (m[2] ?? argv[++i] ?? '');
  }
  return out;
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
export function pickModel(requested: string | undefined, quick: boolean, has: (id: string) => boolean): { id: string; why: string } {
  if (requested) return { id: requested, why: '--model' };
  if (quick) return { id: 'tiny-random', why: '--quick uses the tiny random model' };
  return has('auscult-v1') ? { id: 'auscult-v1', why: 'the shipped model' } : { id: 'tiny-random', why: 'models/auscult-v1 is not exported yet' };
}

export function planSpeed(f: Flags): SpeedPlan {
  const quick = f.quick === 'true';
  const model = pickModel(f.model, quick, (id) => existsSync(path.join(ROOT, 'models', id, 'manifest.json')));
  const backends = (f.backends ?? 'wasm,webgpu').split(',') as BrowserCase['backend'][];
  const dtypes = (f.dtypes ?? (quick ? 'q4' : 'q4,fp32')).split(',') as PartDtype[];
  if (!backends.every((b) => b === 'wasm' || b === 'webgpu')) throw new Error(`--backends takes wasm,webgpu (got ${f.backends})`);
  if (!dtypes.every((d) => d === 'q4' || d === 'fp32' || d === 'q8')) throw new Error(`--dtypes takes q4,fp32,q8 (got ${f.dtypes})`);
  const runs = Number(f.runs ?? (quick ? 1 : 3));
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer (got ${f.runs})`);
  return {
    quick, modelId: model.id, modelWhy: model.why, runs,
    cases: backends.flatMap((backend) => dtypes.map((dtype) => ({ backend, dtype }))),
    maxNewTokens: quick ? 8 : 64, taskMaxNewTokens: quick ? 4 : 256,
    out: f.out ?? (quick ? 'bench/tmp/speed-quick.json' : 'bench/results.json'),
    docs: f.docs ?? (quick ? 'bench/tmp/benchmarks-quick.md' : 'docs/benchmarks.md'),
    baseUrl: f['base-url'], browser: f['skip-browser'] !== 'true', node: f['skip-node'] !== 'true',
  };
}

function readModel(id: string): ModelManifest {
  return validateManifest(JSON.parse(readFileSync(path.join(ROOT, 'models', id, 'manifest.json'), 'utf8')));
}

async function nodePart(plan: SpeedPlan, log: (s: string) => void): Promise<{ train: (TrainBenchResult | { backend: string; error: string })[]; evals: (EvalBenchResult | { dtype: string; error: string })[] }> {
  const tiny = JSON.parse(readFileSync(path.join(ROOT, 'training/configs/tiny.json'), 'utf8')) as Record<string, unknown>;
  const train: (TrainBenchResult | { backend: string; error: string })[] = [];
  for (const backend of TRAIN_BACKENDS) {
    log(`[bench] training throughput on ${backend}…`);
    const o = { backend, overrides: plan.quick ? tiny : {}, seqLen: plan.quick ? 48 : 128, steps: plan.quick ? 1 : plan.runs, matmulN: 512 };
    train.push(await trainInChild(o, 20 * 60_000).catch((e: unknown) => ({ backend, error: e instanceof Error ? e.message : String(e) })));
  }
  const evals: (EvalBenchResult | { dtype: string; error: string })[] = [];
  for (const dtype of [...new Set(plan.cases.map((c) => c.dtype))]) {
    log(`[bench] eval throughput (${plan.modelId} ${dtype}, onnxruntime-node)…`);
    const dir = path.join(ROOT, 'models', plan.modelId);
    evals.push(await evalThroughput(dir, dtype, plan.runs, plan.taskMaxNewTokens).catch((e: unknown) => ({ dtype, error: e instanceof Error ? e.message : String(e) })));
  }
  return { train, evals };
}

async function browserPart(plan: SpeedPlan, log: (s: string) => void): Promise<{ chromiumVersion: string; results: BrowserCaseResult[] }> {
  const chromiumPath = findChromium();
  if (!chromiumPath) throw new Error('no Chromium found ($CHROMIUM_PATH, /usr/bin/chromium, ...); install it (apt-get install -y chromium) or pass --skip-browser');
  let server: { url: string; stop(): void } | undefined;
  if (!plan.baseUrl) {
    const outDir = path.join(ROOT, 'bench/tmp/dist');
    log(`[bench] vite build → ${path.relative(ROOT, outDir)} (production build with bench.html)…`);
    buildApp(outDir);
    server = await startPreview(outDir);
  }
  try {
    const baseUrl = plan.baseUrl ?? server!.url;
    const o = { baseUrl, modelId: plan.modelId, cases: plan.cases, runs: plan.runs, maxNewTokens: plan.maxNewTokens, taskMaxNewTokens: plan.taskMaxNewTokens, chromiumPath, timeoutMs: (plan.quick ? 5 : 30) * 60_000 };
    return await runBrowserBench(o, log);
  } finally {
    server?.stop();
  }
}

/** Floors from the measurements: OpenBLAS sgemm on all cores, and the plain-wasm child's tf.matMul. */
function floorsFrom(sgemm: number[] | string, train: (TrainBenchResult | { backend: string; error: string })[]): Floors {
  const wasm = train.find((t): t is TrainBenchResult => 'stepMs' in t && t.backend === 'wasm');
  return { bestFlops: typeof sgemm === 'string' ? null : median(sgemm) * 1e9, wasmFlops: wasm ? median(wasm.matmulGflops) * 1e9 : null };
}

export async function runSpeed(argv: string[], log: (s: string) => void = (s) => console.error(s)): Promise<SpeedResults> {
  const plan = planSpeed(parseSpeedFlags(argv));
  const manifest = readModel(plan.modelId);
  const machineStart = machineInfo();
  log(`[bench] speed: model ${plan.modelId} (${plan.modelWhy}), ${plan.runs} run(s), load average ${machineStart.loadAverage.join(' ')}`);
  const sgemm1 = sgemmGflops(512, 1, plan.runs + 2);
  const sgemmAll = sgemmGflops(512, machineStart.cores, plan.runs + 2);
  const node = plan.node ? await nodePart(plan, log) : { train: [], evals: [] };
  const floors = floorsFrom(sgemmAll, node.train);
  const browser = plan.browser ? await browserPart(plan, log) : { chromiumVersion: '', results: [] };
  const rows: BrowserEntry[] = browser.results.map((r) => (r.ok && r.page ? { case: r.case, wallMs: r.wallMs, row: browserRow(r.page as unknown as PageNumbers, manifest.architecture, floors, r.cdpHeapPeakBytes) } : { case: r.case, wallMs: r.wallMs, error: r.error }));
  const wasmDefault = rows.find((r) => r.row?.backend === 'wasm' && r.case.dtype === manifest.defaultDtype);
  const results: SpeedResults = {
    generatedAt: new Date().toISOString(), command: `npm run bench -- speed ${argv.join(' ')}`.trim(), quick: plan.quick,
    machine: { ...machineStart, loadAverageEnd: machineInfo().loadAverage, chromium: browser.chromiumVersion || null, adapter: browser.results.find((r) => r.page)?.page?.adapter ?? null },
    model: { id: plan.modelId, why: plan.modelWhy, defaultDtype: manifest.defaultDtype, architecture: manifest.architecture, files: manifest.files.map((f) => ({ path: f.path, bytes: f.bytes })) },
    settings: { runs: plan.runs, maxNewTokens: plan.maxNewTokens, taskMaxNewTokens: plan.taskMaxNewTokens },
    floors: { sgemm1ThreadGflops: typeof sgemm1 === 'string' ? sgemm1 : stat(sgemm1), sgemmAllThreadsGflops: typeof sgemmAll === 'string' ? sgemmAll : stat(sgemmAll), bestFlops: floors.bestFlops, wasmFlops: floors.wasmFlops },
    browser: rows,
    training: node.train.map((t) => ('stepMs' in t ? trainRow(t, floors) : t)),
    eval: node.evals.map((e) => ('passS' in e ? { ...e, passS: stat(e.passS), itemsPerS: stat(e.itemsPerS) } : e)),
    targets: wasmTargets(wasmDefault?.row),
  };
  for (const file of [plan.out, plan.docs]) mkdirSync(path.dirname(path.resolve(ROOT, file)), { recursive: true });
  writeFileSync(path.resolve(ROOT, plan.out), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(path.resolve(ROOT, plan.docs), speedMarkdown(results));
  log(`[bench] results → ${plan.out}; docs → ${plan.docs}`);
  return results;
}

/** The CLI entry: runs, writes the files, and prints every figure (the generated tables) to stdout. */
export async function speedCommand(argv: string[]): Promise<void> {
  console.log(speedMarkdown(await runSpeed(argv)));
}
