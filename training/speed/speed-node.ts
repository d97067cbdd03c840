// Node half of `npm run bench -- speed`: machine facts, sgemm FLOP/s through the OpenBLAS addon, training
// throughput per tfjs backend (one child process each) and eval throughput through createEngineResponder.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { FEATURE_CONFIG } from '../../src/core/features/config';
import type { PartDtype } from '../../src/core/manifest/manifest';
import { synthesizeCondition } from '../../src/core/synth/synthesize';
import { fillInstruction } from '../../src/core/tasks/instructions';
import { TASKS } from '../../src/core/tasks/registry';
import { TASK_IDS, type BenchItem } from '../../src/core/tasks/types';
import { loadBlasAddon } from '../backend/blas';
import type { BackendName } from '../backend/index';
import { createEngineResponder } from '../export/responder';
import type { TrainBenchOptions, TrainBenchResult } from './speed-train';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  platform: string;
  node: string;
  loadAverage: number[];
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

/** sgemm GFLOP/s of an n×n×n product through the OpenBLAS addon, per run; a string says why it is unavailable. */
export function sgemmGflops(n: number, threads: number, runs: number): number[] | string {
  const addon = loadBlasAddon();
  if (typeof addon === 'string') return addon;
  addon.setThreads(threads);
  const a = Float32Array.from({ length: n * n }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5);
  const b = Float32Array.from({ length: n * n }, (_, i) => ((i * 104729) % 1000) / 1000 - 0.5);
  const c = new Float32Array(n * n);
  addon.sgemmBatch(a, b, c, 1, n, n, n, false, false, 0, 0); // warm-up
  const out: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    addon.sgemmBatch(a, b, c, 1, n, n, n, false, false, 0, 0);
    out.push((2 * n ** 3) / ((performance.now() - t0) / 1000) / 1e9);
  }
  return out;
}

/** Why a training backend cannot run here, or undefined when it can be tried. */
export function trainBackendMissing(b: BackendName): string | undefined {
  if (b !== 'tfjs-node') return undefined;
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node');
    return undefined;
  } catch {
    return '@tensorflow/tfjs-node is not installed (its install downloads libtensorflow, which fails offline)';
  }
}

/** Runs training/speed/speed-train.ts for one backend in a child process; rejects with its stderr. */
export function trainInChild(o: TrainBenchOptions, timeoutMs: number): Promise<TrainBenchResult> {
  const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const child = spawn(
    process.execPath,
    [tsx, path.join(import.meta.dirname, 'speed-train.ts'), JSON.stringify(o)],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code === 0 && line) resolve(JSON.parse(line.slice('RESULT '.length)) as TrainBenchResult);
      else
        reject(
          new Error(
            `${o.backend} training bench failed (exit ${code ?? 'killed'}): ${err.trim().split('\n').slice(-3).join(' | ') || 'no output'}`,
          ),
        );
    });
  });
}

export interface EvalBenchResult {
  modelId: string;
  dtype: PartDtype;
  backend: string;
  loadMs: number;
  items: number;
  /** Seconds per pass over the seven task items. */
  passS: number[];
  itemsPerS: number[];
  /** Answer characters per pass (a sanity figure: the engine streamed text). */
  chars: number[];
}

/** The seven default task questions about one 10 s synthetic heart recording at the model rate. */
export function evalItems(): { items: BenchItem[]; audio: Float32Array } {
  const audio = synthesizeCondition('normal-heart', {
    seed: 1,
    durationS: 10,
    sampleRateHz: FEATURE_CONFIG.sampleRateHz,
    site: 'MV',
  }).samples;
  const items = TASK_IDS.map((task): BenchItem => ({
    id: `speed-${task}`,
    task,
    split: 'test',
    domain: 'heart',
    source: 'synth',
    recordings: TASKS[task].recordings === 2 ? ['a', 'b'] : ['a'],
    audio: [],
    site: 'MV',
    instruction: fillInstruction(TASKS[task].instructions[0], 'heart'),
    response: '',
    labels: [],
    template: `${task}/00`,
  }));
  return { items, audio };
}

export async function evalThroughput(
  modelDir: string,
  dtype: PartDtype,
  runs: number,
  maxNewTokens: number,
): Promise<EvalBenchResult> {
  const t0 = performance.now();
  const responder = await createEngineResponder(modelDir, { backend: 'cpu', dtype, maxNewTokens });
  const loadMs = performance.now() - t0;
  const { items, audio } = evalItems();
  const result: EvalBenchResult = {
    modelId: responder.engine.manifest.id,
    dtype,
    backend: responder.engine.backend,
    loadMs,
    items: items.length,
    passS: [],
    itemsPerS: [],
    chars: [],
  };
  try {
    for (let r = 0; r < runs; r++) {
      const t1 = performance.now();
      let chars = 0;
      for (const it of items)
        chars += (
          await responder.answer(
            it,
            it.recordings.map(() => audio),
          )
        ).length;
      const s = (performance.now() - t1) / 1000;
      result.passS.push(s);
      result.itemsPerS.push(items.length / s);
      result.chars.push(chars);
    }
  } finally {
    await responder.dispose();
  }
  return result;
}

export const TRAIN_BACKENDS: BackendName[] = ['tfjs-node', 'wasm+openblas', 'wasm'];
