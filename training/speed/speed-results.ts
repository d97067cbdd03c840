// Turns raw speed measurements into bench/results.json rows: medians, distance to the compute floor, and the
// issue's WASM targets with pass/miss. Pure: no I/O, so the report and its tests share it.
import type { ModelArchitecture } from '../../src/core/manifest/architecture';
import { encoderFlops, floorRatio, meanDecoderFlops, trainStepFlops } from './speed-flops';
import type { FirstVisitResult } from './speed-first-visit';
import type { MachineInfo } from './speed-node';
import type { TrainBenchResult } from './speed-train';

export interface Stat {
  runs: number[];
  median: number;
}

export function median(xs: number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const stat = (runs: number[]): Stat => ({ runs, median: median(runs) });

/** Matmul FLOP/s references: the machine's best (OpenBLAS, all cores) and plain wasm (tfjs-backend-wasm). */
export interface Floors {
  bestFlops: number | null;
  wasmFlops: number | null;
}

/** Measured ms over floor ms for the same FLOPs, at each reference (null where one is missing). */
export function ratios(ms: number, flops: number, f: Floors): { best: number | null; wasm: number | null } {
  return {
    best: f.bestFlops ? floorRatio(ms, flops, f.bestFlops) : null,
    wasm: f.wasmFlops ? floorRatio(ms, flops, f.wasmFlops) : null,
  };
}

/** The browser figures one page run gave, as medians, with floors for encoder and decode. */
export interface BrowserRow {
  backend: string;
  dtype: string;
  reason: string;
  downloadBytes: number;
  coldLoadMs: Stat;
  warmLoadMs: Stat;
  featuresMs: Stat;
  findingsMs: Stat;
  /** findings − features: the encoder + heads pass as the worker runs it (null when noise makes it ≤ 0). */
  encoderMs: number | null;
  ttftMs: Stat;
  ttftAfterFeaturesMs: number;
  decodeTokensPerS: Stat;
  allSevenMs: Stat;
  /** "Run all seven" on the 60 s recording, every window scored; null in results from before the case existed. */
  allSevenLongMs: Stat | null;
  heapPeakBytes: number | null;
  /** Median of each warm-load phase (bench page's LoadPhasesMs); null in results from before the split existed. */
  warmPhasesMs: LoadPhases | null;
  /** Peak WebAssembly memory the worker reported (ORT's heap, not in the page's JS heap). */
  workerWasmPeakBytes: number | null;
  encoderFloor: { best: number | null; wasm: number | null };
  decodeFloor: { best: number | null; wasm: number | null };
}

/**
 * The series of one value per run that every bench page result carries (src/speed-page/protocol.ts PageRunResult);
 * the harness checks each on arrival (speed-browser.ts).
 */
export const PAGE_SERIES = [
  'coldLoadMs',
  'warmLoadMs',
  'featuresMs',
  'findingsMs',
  'ttftMs',
  'decodeTokens',
  'decodeTokensPerS',
  'allSevenMs',
] as const;

/** A page result as stored in bench/results.json; the optional fields are absent from results older than them. */
export interface PageNumbers extends Record<(typeof PAGE_SERIES)[number], number[]> {
  backend: string;
  dtype: string;
  reason: string;
  downloadBytes: number;
  audioTokensPerWindow: number;
  allSevenLongMs?: number[];
  pageHeapPeakBytes: number | null;
  warmPhasesMs?: LoadPhases[];
  workerWasmPeakBytes?: number | null;
}

/** A load split by the worker's progress: start (worker + manifest), read (files + sha256), compile (ORT), warmup. */
export type LoadPhases = Record<'start' | 'read' | 'compile' | 'warmup', number>;
const PHASES = ['start', 'read', 'compile', 'warmup'] as const;

function medianPhases(runs: LoadPhases[] | undefined): LoadPhases | null {
  if (!runs?.length) return null;
  return Object.fromEntries(PHASES.map((k) => [k, median(runs.map((r) => r[k]))])) as LoadPhases;
}

export function browserRow(
  p: PageNumbers,
  a: ModelArchitecture,
  f: Floors,
  cdpHeapPeak: number | null,
): BrowserRow {
  const features = stat(p.featuresMs);
  const findings = stat(p.findingsMs);
  const encoderMs = findings.median > features.median ? findings.median - features.median : null;
  const decode = stat(p.decodeTokensPerS);
  // Decode positions: after the prompt (audio tokens + about 32 text tokens), for the tokens streamed.
  const from = p.audioTokensPerWindow + 32;
  const tokenFlops = meanDecoderFlops(a.decoder, from, from + Math.max(1, median(p.decodeTokens)));
  const heaps = [p.pageHeapPeakBytes, cdpHeapPeak].filter((x): x is number => x !== null);
  return {
    backend: p.backend,
    dtype: p.dtype,
    reason: p.reason,
    downloadBytes: p.downloadBytes,
    coldLoadMs: stat(p.coldLoadMs),
    warmLoadMs: stat(p.warmLoadMs),
    featuresMs: features,
    findingsMs: findings,
    encoderMs,
    ttftMs: stat(p.ttftMs),
    ttftAfterFeaturesMs: median(p.ttftMs) - features.median,
    decodeTokensPerS: decode,
    allSevenMs: stat(p.allSevenMs),
    allSevenLongMs: p.allSevenLongMs?.length ? stat(p.allSevenLongMs) : null,
    heapPeakBytes: heaps.length ? Math.max(...heaps) : null,
    warmPhasesMs: medianPhases(p.warmPhasesMs),
    workerWasmPeakBytes: p.workerWasmPeakBytes ?? null,
    encoderFloor: encoderMs === null ? { best: null, wasm: null } : ratios(encoderMs, encoderFlops(a), f),
    decodeFloor: ratios(1000 / decode.median, tokenFlops, f),
  };
}

export interface TrainRow {
  backend: string;
  reason: string;
  batch: number;
  seqLen: number;
  stepMs: Stat;
  tokensPerS: number;
  examplesPerS: number;
  matmulGflops: Stat;
  floor: { best: number | null; wasm: number | null };
}

export function trainRow(r: TrainBenchResult, f: Floors): TrainRow {
  const step = stat(r.stepMs);
  return {
    backend: r.backend,
    reason: r.reason,
    batch: r.batch,
    seqLen: r.seqLen,
    stepMs: step,
    tokensPerS: r.tokensPerStep / (step.median / 1000),
    examplesPerS: r.batch / (step.median / 1000),
    matmulGflops: stat(r.matmulGflops),
    floor: ratios(step.median, trainStepFlops(r.architecture, r.batch, r.seqLen), f),
  };
}

export interface Target {
  name: string;
  /** The figure compared, its unit and the bound. */
  value: number | null;
  unit: string;
  bound: string;
  pass: boolean | null;
}

/** The WASM targets on this machine, judged on the default-dtype WASM row. Benchmarks, not tests. */
export function wasmTargets(row: BrowserRow | undefined): Target[] {
  const t = (
    name: string,
    value: number | undefined,
    unit: string,
    op: '<=' | '>=',
    limit: number,
  ): Target => ({
    name,
    value: value ?? null,
    unit,
    bound: `${op === '<=' ? '≤' : '≥'} ${limit} ${unit}`,
    pass:
      value === undefined || !Number.isFinite(value) ? null : op === '<=' ? value <= limit : value >= limit,
  });
  return [
    t('time to first token after features', row?.ttftAfterFeaturesMs, 'ms', '<=', 300),
    t('decode rate', row?.decodeTokensPerS.median, 'tokens/s', '>=', 60),
    t('all seven tasks on a 10 s recording', row ? row.allSevenMs.median / 1000 : undefined, 's', '<=', 10),
    t(
      'all seven tasks on a 60 s recording, every window used',
      row?.allSevenLongMs ? row.allSevenLongMs.median / 1000 : undefined,
      's',
      '<=',
      2,
    ),
    t('warm load', row ? row.warmLoadMs.median / 1000 : undefined, 's', '<=', 2),
  ];
}

export interface BrowserEntry {
  case: { backend: string; dtype: string };
  wallMs: number;
  row?: BrowserRow;
  error?: string;
}

export interface EvalRow {
  modelId: string;
  dtype: string;
  backend: string;
  loadMs: number;
  items: number;
  passS: Stat;
  itemsPerS: Stat;
  chars: number[];
}

/** bench/results.json. */
export interface SpeedResults {
  /** `npm run bench -- first-visit` (measured on its own and kept across speed runs); absent until it has run. */
  firstVisit?: FirstVisitResult;
  generatedAt: string;
  command: string;
  quick: boolean;
  machine: MachineInfo & {
    loadAverageEnd: number[];
    chromium: string | null;
    adapter: unknown;
  };
  model: {
    id: string;
    why: string;
    defaultDtype: string;
    architecture: ModelArchitecture;
    files: { path: string; bytes: number }[];
  };
  settings: { runs: number; maxNewTokens: number; taskMaxNewTokens: number; trainConfig: string };
  floors: {
    sgemm1ThreadGflops: Stat | string;
    sgemmAllThreadsGflops: Stat | string;
    bestFlops: number | null;
    wasmFlops: number | null;
  };
  browser: BrowserEntry[];
  training: (TrainRow | { backend: string; error: string })[];
  eval: (EvalRow | { dtype: string; error: string })[];
  targets: Target[];
}
