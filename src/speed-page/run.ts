// The bench page's measurements, all through the app's real path (src/inference client → worker → src/engine):
// cold/warm load, features, findings, time to first token, decode rate, and the seven tasks on a 10 s recording.
import type { Domain } from '../core/clinical/schema';
import { featureWindows, logMel, toModelRate } from '../core/features/logmel';
import { synthesizeCondition } from '../core/synth/synthesize';
import { fillInstruction } from '../core/tasks/instructions';
import { TASKS } from '../core/tasks/registry';
import { TASK_IDS } from '../core/tasks/types';
import type { InferenceClient } from '../inference/client';
import type { LoadPhase, ReadyEvent, RecordingInput } from '../inference/protocol';
import { createWebInferenceClient } from '../inference/web';
import type { AdapterInfo, LoadPhasesMs, PageRunOptions, PageRunResult } from './protocol';

const CACHE_NAME = 'auscult-bench-models';
const RECORDING_S = 10;
/** The long case: every one of its windows is scored, as the app does for a whole recording. */
const LONG_RECORDING_S = 60;
const RECORDING_RATE_HZ = 48_000;
const DOMAIN: Domain = 'heart';

interface Recording {
  samples: Float32Array;
  sampleRateHz: number;
  /**
   * As the app names a recording: the worker keeps its assessment for the next question about the same id. Only
   * "Run all seven" names its recordings (a fresh id per run); the findings and first-token measurements do not, so
   * each measures the whole path.
   */
  id?: string;
}

interface MemoryPerformance {
  memory?: { usedJSHeapSize: number };
}

let heapPeak: number | null = null;
let wasmPeak: number | null = null;
/** The page's JS heap and, when a client is given, the worker's wasm memory it last reported. */
function sampleHeap(client?: InferenceClient): void {
  const used = (performance as MemoryPerformance).memory?.usedJSHeapSize;
  if (used !== undefined) heapPeak = Math.max(heapPeak ?? 0, used);
  const wasm = client?.workerWasmMemoryBytes;
  if (wasm !== null && wasm !== undefined) wasmPeak = Math.max(wasmPeak ?? 0, wasm);
}

function testRecording(seed: number, durationS = RECORDING_S): Recording {
  const r = synthesizeCondition('normal-heart', {
    seed,
    durationS,
    sampleRateHz: RECORDING_RATE_HZ,
    site: 'MV',
  });
  return { samples: r.samples, sampleRateHz: r.sampleRateHz };
}

const payload = (r: Recording): RecordingInput => ({
  samples: r.samples,
  sampleRateHz: r.sampleRateHz,
  domain: DOMAIN,
  site: 'MV',
  ...(r.id === undefined ? {} : { id: r.id }),
});

async function adapterInfo(): Promise<AdapterInfo | null> {
  const gpu = (
    navigator as {
      gpu?: {
        requestAdapter(): Promise<{ info?: Partial<AdapterInfo>; isFallbackAdapter?: boolean } | null>;
      };
    }
  ).gpu;
  const adapter = await gpu?.requestAdapter().catch(() => null);
  if (!adapter) return null;
  const info = adapter.info ?? {};
  return {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    description: info.description ?? '',
    isFallbackAdapter: info.isFallbackAdapter ?? adapter.isFallbackAdapter ?? null,
  };
}

/** Phase durations from the time each phase was first reported (a phase never reported lasts 0 ms). */
function phases(t0: number, firstSeen: Partial<Record<LoadPhase, number>>, end: number): LoadPhasesMs {
  const at = (p: LoadPhase, fallback: number): number => firstSeen[p] ?? fallback;
  const warmup = at('warmup', end);
  const compile = at('compile', warmup);
  const download = at('download', compile);
  return { start: download - t0, read: compile - download, compile: warmup - compile, warmup: end - warmup };
}

/** Loads in a fresh worker; resolves with the ready event, the wall time, its phases and the download total seen. */
async function timedLoad(
  opts: PageRunOptions,
): Promise<{ client: InferenceClient; ready: ReadyEvent; ms: number; bytes: number; phases: LoadPhasesMs }> {
  let bytes = 0;
  const firstSeen: Partial<Record<LoadPhase, number>> = {};
  const client = createWebInferenceClient({
    onProgress: (p) => {
      firstSeen[p.phase] ??= performance.now();
      if (p.phase === 'download') bytes = Math.max(bytes, p.total);
    },
  });
  const t0 = performance.now();
  const ready = await client.load({
    modelUrl: opts.modelUrl,
    backend: opts.backend,
    dtype: opts.dtype,
    cacheName: CACHE_NAME,
  });
  const end = performance.now();
  sampleHeap(client);
  return { client, ready, ms: end - t0, bytes, phases: phases(t0, firstSeen, end) };
}

function featuresMs(rec: Recording): number {
  const t0 = performance.now();
  const windows = featureWindows(logMel(toModelRate(rec.samples, rec.sampleRateHz)));
  const ms = performance.now() - t0;
  if (windows.length === 0) throw new Error('features produced no window');
  return ms;
}

async function firstTokenAndRate(
  client: InferenceClient,
  rec: Recording,
  maxNewTokens: number,
): Promise<{ ttft: number; tokens: number; rate: number }> {
  const instruction = fillInstruction(TASKS.classification.instructions[0], DOMAIN);
  const t0 = performance.now();
  let first = 0;
  let last = 0;
  let tokens = 0;
  for await (const delta of client.ask({ instruction, recordings: [payload(rec)], maxNewTokens })) {
    last = performance.now();
    if (tokens === 0) first = last;
    tokens += delta.length > 0 ? 1 : 0;
  }
  sampleHeap(client);
  if (tokens === 0) throw new Error('the model streamed no text');
  const rate = tokens > 1 ? (tokens - 1) / ((last - first) / 1000) : 0;
  return { ttft: first - t0, tokens, rate };
}

/** The app's "Run all seven": each task's default instruction, comparison over two recordings. */
async function allSeven(
  client: InferenceClient,
  a: Recording,
  b: Recording,
  maxNewTokens: number,
): Promise<{ ms: number; tokens: number }> {
  const t0 = performance.now();
  let tokens = 0;
  for (const id of TASK_IDS) {
    const recordings = TASKS[id].recordings === 2 ? [payload(a), payload(b)] : [payload(a)];
    const instruction = fillInstruction(TASKS[id].instructions[0], DOMAIN);
    for await (const _ of client.ask({ instruction, recordings, maxNewTokens, task: id })) tokens += 1;
  }
  sampleHeap(client);
  return { ms: performance.now() - t0, tokens };
}

/** Cold then warm load, `runs` times; resolves with the last warm client, kept for the measurements. */
async function loads(
  opts: PageRunOptions,
  result: PageRunResult,
  status: (s: string) => void,
): Promise<{ client: InferenceClient; ready: ReadyEvent }> {
  let last: { client: InferenceClient; ready: ReadyEvent } | null = null;
  for (let i = 0; i < opts.runs; i++) {
    status(`cold + warm load ${i + 1}/${opts.runs}`);
    await last?.client.dispose();
    await caches.delete(CACHE_NAME); // cold: nothing cached, every model file comes over the network
    const cold = await timedLoad(opts);
    await cold.client.dispose();
    const warm = await timedLoad(opts); // warm: the files the cold load verified and kept
    result.coldLoadMs.push(cold.ms);
    result.warmLoadMs.push(warm.ms);
    result.warmPhasesMs.push(warm.phases);
    status(
      `warm load ${Math.round(warm.ms)} ms: ${Object.entries(warm.phases)
        .map(([k, v]) => `${k} ${Math.round(v)}`)
        .join(', ')}`,
    );
    result.downloadBytes = cold.bytes;
    last = warm;
  }
  if (!last) throw new Error('runs must be at least 1');
  return last;
}

async function inference(
  client: InferenceClient,
  opts: PageRunOptions,
  result: PageRunResult,
  status: (s: string) => void,
): Promise<void> {
  const a = testRecording(1);
  const b = testRecording(2);
  const long = testRecording(3, LONG_RECORDING_S);
  featuresMs(a); // warm-up: the first call also compiles the feature code
  for (let i = 0; i < opts.runs; i++) {
    result.featuresMs.push(featuresMs(a));
    const t0 = performance.now();
    await client.assess(payload(a));
    result.findingsMs.push(performance.now() - t0);
    status(`run ${i + 1}/${opts.runs}: first token and decode`);
    const d = await firstTokenAndRate(client, a, opts.maxNewTokens);
    result.ttftMs.push(d.ttft);
    result.decodeTokens.push(d.tokens);
    result.decodeTokensPerS.push(d.rate);
    status(`run ${i + 1}/${opts.runs}: all seven tasks`);
    const fresh = (r: Recording, name: string): Recording => ({ ...r, id: `speed-${name}-run${i}` }); // no cached windows
    const s = await allSeven(client, fresh(a, 'a'), fresh(b, 'b'), opts.taskMaxNewTokens);
    result.allSevenMs.push(s.ms);
    result.allSevenTokens.push(s.tokens);
    status(`run ${i + 1}/${opts.runs}: all seven tasks on a ${LONG_RECORDING_S} s recording`);
    const long60 = await allSeven(client, fresh(long, 'long'), fresh(b, 'b-long'), opts.taskMaxNewTokens);
    result.allSevenLongMs.push(long60.ms);
  }
}

export async function runBench(opts: PageRunOptions, status: (s: string) => void): Promise<PageRunResult> {
  heapPeak = null;
  wasmPeak = null;
  status(`loading ${opts.modelUrl} on ${opts.backend} (${opts.dtype ?? 'default dtype'})`);
  const result: PageRunResult = {
    modelId: '',
    backend: '',
    reason: '',
    dtype: '',
    audioTokensPerWindow: 0,
    adapter: await adapterInfo(),
    userAgent: navigator.userAgent,
    downloadBytes: 0,
    coldLoadMs: [],
    warmLoadMs: [],
    warmPhasesMs: [],
    featuresMs: [],
    findingsMs: [],
    ttftMs: [],
    decodeTokens: [],
    decodeTokensPerS: [],
    allSevenMs: [],
    allSevenTokens: [],
    allSevenLongMs: [],
    pageHeapPeakBytes: null,
    workerWasmPeakBytes: null,
    recordingSeconds: RECORDING_S,
    longRecordingSeconds: LONG_RECORDING_S,
    recordingRateHz: RECORDING_RATE_HZ,
  };
  const { client, ready } = await loads(opts, result, status);
  try {
    const manifest = ready.manifest as { audioTokensPerWindow?: number };
    Object.assign(result, {
      modelId: ready.modelId,
      backend: ready.backend,
      reason: ready.reason,
      dtype: ready.dtype,
      audioTokensPerWindow: manifest.audioTokensPerWindow ?? 0,
    });
    status(`measuring on ${ready.backend}`);
    await inference(client, opts, result, status);
  } finally {
    await client.dispose();
  }
  result.pageHeapPeakBytes = heapPeak;
  result.workerWasmPeakBytes = wasmPeak;
  status(`done on ${result.backend}`);
  return result;
}
