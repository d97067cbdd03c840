// `npm run bench -- speed [--quick] [--model <id>] [--runs N] ...`: browser (WASM, WebGPU; q4 and fp32) and Node
// (training per backend, eval) speed, floors and targets → bench/results.json and a generated docs/benchmarks.md.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { validateManifest, type ModelManifest } from '../../src/core/manifest/manifest';
import { DEFAULTS } from '../train/config';
import {
  buildApp,
  findChromium,
  runBrowserBench,
  startPreview,
  type BrowserCaseResult,
} from './speed-browser';
import {
  evalThroughput,
  machineInfo,
  sgemmGflops,
  trainBackendMissing,
  trainInChild,
  TRAIN_BACKENDS,
  type EvalBenchResult,
} from './speed-node';
import { parseSpeedFlags, planSpeed, type SpeedPlan } from './speed-plan';
import { speedMarkdown } from './speed-report';
import {
  browserRow,
  median,
  stat,
  trainRow,
  wasmTargets,
  type BrowserEntry,
  type Floors,
  type PageNumbers,
  type SpeedResults,
} from './speed-results';
import type { TrainBenchResult } from './speed-train';

const ROOT = path.resolve(import.meta.dirname, '../..');

function readModel(id: string): ModelManifest {
  return validateManifest(JSON.parse(readFileSync(path.join(ROOT, 'models', id, 'manifest.json'), 'utf8')));
}

/** Config keys that name folders or data choices, not the model or its training loop: not measured. */
const NOT_MEASURED = new Set(['corpusDir', 'benchDir', 'outDir', 'docsDir', 'cacheDir', 'excludeSources']);

/**
 * The training config measured: the tiny preset for --quick, else the one the measured model was trained with (its
 * manifest's `training.config`, which checkpoints carry), so the numbers follow the shipped recipe.
 */
export function trainOverrides(
  quick: boolean,
  manifest: ModelManifest,
): { name: string; overrides: Record<string, unknown> } {
  if (quick)
    return {
      name: 'tiny',
      overrides: JSON.parse(readFileSync(path.join(ROOT, 'training/configs/tiny.json'), 'utf8')) as Record<
        string,
        unknown
      >,
    };
  const known = Object.entries(manifest.training.config).filter(
    ([k]) => k in DEFAULTS && !NOT_MEASURED.has(k),
  );
  return { name: `${manifest.id}'s training config`, overrides: Object.fromEntries(known) };
}

async function nodePart(
  plan: SpeedPlan,
  manifest: ModelManifest,
  log: (s: string) => void,
): Promise<{
  config: string;
  train: TrainEntry[];
  evals: (EvalBenchResult | { dtype: string; error: string })[];
}> {
  const cfg = trainOverrides(plan.quick, manifest);
  const train: TrainEntry[] = [];
  for (const backend of TRAIN_BACKENDS) {
    const missing = trainBackendMissing(backend);
    log(
      `[bench] training throughput on ${backend} (config ${cfg.name})${missing ? `: skipped, ${missing}` : '…'}`,
    );
    if (missing) {
      train.push({ backend, error: missing });
      continue;
    }
    const o = {
      backend,
      overrides: cfg.overrides,
      seqLen: plan.quick ? 48 : 128,
      steps: plan.quick ? 1 : plan.runs,
      matmulN: 512,
    };
    train.push(
      await trainInChild(o, 20 * 60_000).catch((e: unknown) => ({
        backend,
        error: e instanceof Error ? e.message : String(e),
      })),
    );
  }
  const evals: (EvalBenchResult | { dtype: string; error: string })[] = [];
  for (const dtype of [...new Set(plan.cases.map((c) => c.dtype))]) {
    log(`[bench] eval throughput (${plan.modelId} ${dtype}, onnxruntime-node)…`);
    const dir = path.join(ROOT, 'models', plan.modelId);
    evals.push(
      await evalThroughput(dir, dtype, plan.runs, plan.taskMaxNewTokens).catch((e: unknown) => ({
        dtype,
        error: e instanceof Error ? e.message : String(e),
      })),
    );
  }
  return { config: cfg.name, train, evals };
}

async function browserPart(
  plan: SpeedPlan,
  log: (s: string) => void,
): Promise<{ chromiumVersion: string; results: BrowserCaseResult[] }> {
  const chromiumPath = findChromium();
  if (!chromiumPath)
    throw new Error(
      'no Chromium found ($CHROMIUM_PATH, /usr/bin/chromium, ...); install it (apt-get install -y chromium) or pass --skip-browser',
    );
  let server: { url: string; stop(): void } | undefined;
  if (!plan.baseUrl) {
    const outDir = path.join(ROOT, 'bench/tmp/dist');
    log(`[bench] vite build → ${path.relative(ROOT, outDir)} (production build with bench.html)…`);
    buildApp(outDir);
    server = await startPreview(outDir);
  }
  try {
    const baseUrl = plan.baseUrl ?? server!.url;
    const o = {
      baseUrl,
      modelId: plan.modelId,
      cases: plan.cases,
      runs: plan.runs,
      maxNewTokens: plan.maxNewTokens,
      taskMaxNewTokens: plan.taskMaxNewTokens,
      chromiumPath,
      timeoutMs: (plan.quick ? 5 : 30) * 60_000,
    };
    return await runBrowserBench(o, log);
  } finally {
    server?.stop();
  }
}

type TrainEntry = TrainBenchResult | { backend: string; error: string };

/** Floors from the measurements: OpenBLAS sgemm (the faster of 1 thread and all cores), and plain wasm tf.matMul. */
function floorsFrom(sgemm: (number[] | string)[], train: TrainEntry[]): Floors {
  const wasm = train.find((t): t is TrainBenchResult => 'stepMs' in t && t.backend === 'wasm');
  const rates = sgemm.filter((s): s is number[] => typeof s !== 'string').map(median);
  return {
    bestFlops: rates.length ? Math.max(...rates) * 1e9 : null,
    wasmFlops: wasm ? median(wasm.matmulGflops) * 1e9 : null,
  };
}

/** The first-visit figures are measured on their own (`npm run bench -- first-visit`); a speed run keeps them. */
function previousFirstVisit(out: string): SpeedResults['firstVisit'] {
  const file = path.resolve(ROOT, out);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SpeedResults).firstVisit : undefined;
}

export async function runSpeed(
  argv: string[],
  log: (s: string) => void = (s) => console.error(s),
): Promise<SpeedResults> {
  const plan = planSpeed(parseSpeedFlags(argv));
  const manifest = readModel(plan.modelId);
  const machineStart = machineInfo();
  log(
    `[bench] speed: model ${plan.modelId} (${plan.modelWhy}), ${plan.runs} run(s), load average ${machineStart.loadAverage.join(' ')}`,
  );
  const sgemm1 = sgemmGflops(512, 1, plan.runs + 2);
  const sgemmAll = sgemmGflops(512, machineStart.cores, plan.runs + 2);
  const node = plan.node ? await nodePart(plan, manifest, log) : { config: '', train: [], evals: [] };
  const floors = floorsFrom([sgemm1, sgemmAll], node.train);
  const browser = plan.browser ? await browserPart(plan, log) : { chromiumVersion: '', results: [] };
  const rows: BrowserEntry[] = browser.results.map((r) =>
    r.ok && r.page
      ? {
          case: r.case,
          wallMs: r.wallMs,
          row: browserRow(
            r.page as unknown as PageNumbers,
            manifest.architecture,
            floors,
            r.cdpHeapPeakBytes,
          ),
        }
      : { case: r.case, wallMs: r.wallMs, error: r.error },
  );
  const wasmDefault = rows.find((r) => r.row?.backend === 'wasm' && r.case.dtype === manifest.defaultDtype);
  const results: SpeedResults = {
    firstVisit: previousFirstVisit(plan.out),
    generatedAt: new Date().toISOString(),
    command: `npm run bench -- speed ${argv.join(' ')}`.trim(),
    quick: plan.quick,
    machine: {
      ...machineStart,
      loadAverageEnd: machineInfo().loadAverage,
      chromium: browser.chromiumVersion || null,
      adapter: browser.results.find((r) => r.page)?.page?.adapter ?? null,
    },
    model: {
      id: plan.modelId,
      why: plan.modelWhy,
      defaultDtype: manifest.defaultDtype,
      architecture: manifest.architecture,
      files: manifest.files.map((f) => ({ path: f.path, bytes: f.bytes })),
    },
    settings: {
      runs: plan.runs,
      maxNewTokens: plan.maxNewTokens,
      taskMaxNewTokens: plan.taskMaxNewTokens,
      trainConfig: node.config,
    },
    floors: {
      sgemm1ThreadGflops: typeof sgemm1 === 'string' ? sgemm1 : stat(sgemm1),
      sgemmAllThreadsGflops: typeof sgemmAll === 'string' ? sgemmAll : stat(sgemmAll),
      bestFlops: floors.bestFlops,
      wasmFlops: floors.wasmFlops,
    },
    browser: rows,
    training: node.train.map((t) => ('stepMs' in t ? trainRow(t, floors) : t)),
    eval: node.evals.map((e) =>
      'passS' in e ? { ...e, passS: stat(e.passS), itemsPerS: stat(e.itemsPerS) } : e,
    ),
    targets: wasmTargets(wasmDefault?.row),
  };
  for (const file of [plan.out, plan.docs])
    mkdirSync(path.dirname(path.resolve(ROOT, file)), { recursive: true });
  writeFileSync(path.resolve(ROOT, plan.out), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(path.resolve(ROOT, plan.docs), speedMarkdown(results));
  log(`[bench] results → ${plan.out}; docs → ${plan.docs}`);
  return results;
}

/** The CLI entry: runs, writes the files, and prints every figure (the generated tables) to stdout. */
export async function speedCommand(argv: string[]): Promise<void> {
  const from = parseSpeedFlags(argv).from;
  if (from === undefined) return console.log(speedMarkdown(await runSpeed(argv)));
  // --from <results.json>: regenerate the tables of an earlier run without measuring again.
  const docs = parseSpeedFlags(argv).docs ?? 'docs/benchmarks.md';
  const md = speedMarkdown(JSON.parse(readFileSync(path.resolve(ROOT, from), 'utf8')) as SpeedResults);
  writeFileSync(path.resolve(ROOT, docs), md);
  console.log(md);
}
