// Tests of the inference client against a scripted fake worker (the runtime boundary): streaming, abort,
// crash → restart → retry, the stall watchdog, error names crossing the boundary, and saved recordings sent by id.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InferenceClient, type ClientStatus, type WorkerFactory, type WorkerHandlers } from './client';
import {
  InferenceError,
  type RecordingAssessment,
  type WorkerEvent,
  type WorkerLoadOptions,
  type WorkerRequest,
} from './protocol';

interface FakeWorker {
  handlers: WorkerHandlers;
  posted: WorkerRequest[];
  transfers: ArrayBuffer[][];
  terminated: boolean;
  emit(ev: WorkerEvent): void;
}

interface Script {
  tokens?: string[];
  /** Never answer anything. */
  silent?: boolean;
  /** The first worker loads but never answers asks (a hung or about-to-crash worker). */
  firstWorkerHangsOnAsk?: boolean;
  failAsk?: WorkerEvent;
}

/** A fake worker that answers load with progress+ready and ask with `tokens` (unless told otherwise). */
function fakeFactory(script: Script = {}) {
  const workers: FakeWorker[] = [];
  const factory: WorkerFactory = (handlers) => {
    const w: FakeWorker = {
      handlers,
      posted: [],
      transfers: [],
      terminated: false,
      emit: (ev) => handlers.onMessage(ev),
    };
    workers.push(w);
    return {
      post(req, transfer) {
        w.posted.push(req);
        w.transfers.push(transfer);
        const hang = script.firstWorkerHangsOnAsk && workers[0] === w && req.type === 'ask';
        if (!script.silent && !hang) queueMicrotask(() => respond(w, req, script));
      },
      terminate: () => void (w.terminated = true),
    };
  };
  return { factory, workers };
}

type ReadyEvent = Extract<WorkerEvent, { type: 'ready' }>;

/** The worker's ready event for a tiny WASM q4 model 'm'. */
function readyEvent(id: number, e: Pick<ReadyEvent, 'reason' | 'wasmMemoryBytes'>): ReadyEvent {
  return {
    type: 'ready',
    id,
    backend: 'wasm',
    modelId: 'm',
    dtype: 'q4',
    manifest: {},
    loadMs: 1,
    gpuSubmits: 0,
    files: [],
    ...e,
  };
}

function respond(w: FakeWorker, req: WorkerRequest, script: Script): void {
  if (w.terminated) return;
  if (req.type === 'load') {
    w.emit({ type: 'progress', id: req.id, phase: 'download', loaded: 5, total: 10, file: 'onnx/a.onnx' });
    w.emit(readyEvent(req.id, { reason: 'no adapter', wasmMemoryBytes: 1 << 20 }));
  } else if (req.type === 'ask') {
    if (script.failAsk) return w.emit({ ...script.failAsk, id: req.id });
    for (const t of script.tokens ?? ['a', 'b', 'c']) w.emit({ type: 'token', id: req.id, text: t });
    w.emit({ type: 'done', id: req.id, tokens: 3, elapsedMs: 2, wasmMemoryBytes: 2 << 20 });
  } else if (req.type === 'assess') {
    w.emit({ type: 'assessment', id: req.id, assessment: ASSESSMENT });
  }
}

const ASSESSMENT: RecordingAssessment = {
  findings: [{ label: 'wheeze', probability: 0.25 }],
  windows: [{ index: 0, startS: 0, probabilities: [0.25] }],
  windowCount: 1,
  windowSeconds: 10.24,
  representative: 0,
  domain: { value: 'heart', source: 'given', pLung: 0.1 },
  uncertainty: { uncertain: false, reasons: [] },
  verdict: null,
};

const LOAD: WorkerLoadOptions = { modelUrl: '/models/tiny-random/', backend: 'wasm', dtype: 'q4' };
const rec = () => ({
  samples: new Float32Array([0.1, 0.2, 0.3]),
  sampleRateHz: 4000,
  domain: 'heart' as const,
  site: 'AV' as const,
});

async function collect(it: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const t of it) out.push(t);
  return out;
}

afterEach(() => vi.useRealTimers());

describe('InferenceClient', () => {
  it('loads, reports progress and the backend, then streams an answer to the end', async () => {
    const { factory, workers } = fakeFactory();
    const progress: number[] = [];
    const c = new InferenceClient(factory, { onProgress: (p) => progress.push(p.loaded / p.total) });
    const ready = await c.load(LOAD);
    expect(ready.backend).toBe('wasm');
    expect(c.backend).toBe('wasm');
    expect(progress).toEqual([0.5]);
    expect(c.workerWasmMemoryBytes).toBe(1 << 20);
    const r = rec();
    expect(await collect(c.ask({ instruction: 'Is it normal?', recordings: [r] }))).toEqual(['a', 'b', 'c']);
    expect(c.workerWasmMemoryBytes).toBe(2 << 20); // updated by the answer's done event
    // the worker got a transferred copy; the caller's audio is intact
    expect(r.samples.length).toBe(3);
    const ask = workers[0].posted[1];
    expect(ask.type).toBe('ask');
    expect(workers[0].transfers[1]).toHaveLength(1);
    expect(workers[0].transfers[1][0]).not.toBe(r.samples.buffer);
    expect(await c.assess(rec())).toEqual(ASSESSMENT);
    expect(workers[0].posted[2]).toMatchObject({ type: 'assess', recording: { sampleRateHz: 4000 } });
  });

  it('sends a saved recording by id with nothing to transfer, beside transferred PCM', async () => {
    const { factory, workers } = fakeFactory();
    const c = new InferenceClient(factory);
    await c.load(LOAD);
    const saved = { saved: true as const, id: 'r7', domain: 'lung' as const, site: 'trachea' as const };
    const r = rec();
    expect(await collect(c.ask({ instruction: 'Compare', recordings: [saved, r] }))).toEqual(['a', 'b', 'c']);
    expect(workers[0].posted[1]).toMatchObject({ type: 'ask', recordings: [saved, { sampleRateHz: 4000 }] });
    expect(workers[0].transfers[1]).toHaveLength(1); // only the PCM's buffer
    expect(await c.assess(saved)).toEqual(ASSESSMENT);
    expect(workers[0].posted[2]).toEqual({ type: 'assess', id: 3, recording: saved });
    expect(workers[0].transfers[2]).toEqual([]);
  });

  it('refuses to ask before a model is loaded', async () => {
    const c = new InferenceClient(fakeFactory().factory);
    await expect(collect(c.ask({ instruction: 'x', recordings: [] }))).rejects.toMatchObject({
      name: 'not-loaded',
    });
  });

  it('aborts: sends abort for the ask and ends the stream with an aborted error', async () => {
    const { factory, workers } = fakeFactory({ firstWorkerHangsOnAsk: true });
    const c = new InferenceClient(factory);
    await c.load(LOAD);
    const ac = new AbortController();
    const it = c.ask({ instruction: 'x', recordings: [rec()] }, ac.signal);
    const first = it.next(); // starts the request
    await vi.waitFor(() => expect(workers[0].posted).toHaveLength(2));
    ac.abort();
    await expect(first).rejects.toBeInstanceOf(InferenceError);
    const types = workers[0].posted.map((p) => p.type);
    expect(types).toEqual(['load', 'ask', 'abort']);
  });

  it('maps a worker error event to an InferenceError with the same closed name', async () => {
    const { factory } = fakeFactory({
      failAsk: { type: 'error', id: 0, name: 'bad-audio', message: 'empty recording' },
    });
    const c = new InferenceClient(factory);
    await c.load(LOAD);
    await expect(collect(c.ask({ instruction: 'x', recordings: [rec()] }))).rejects.toMatchObject({
      name: 'bad-audio',
      message: 'empty recording',
    });
  });

  it('restarts a crashed worker, reloads the same model, and the question can be retried', async () => {
    const { factory, workers } = fakeFactory({ tokens: ['ok'], firstWorkerHangsOnAsk: true });
    const statuses: ClientStatus['state'][] = [];
    const c = new InferenceClient(factory, { onStatus: (s) => statuses.push(s.state) });
    await c.load(LOAD);
    const it = c.ask({ instruction: 'x', recordings: [rec()] });
    const pending = it.next();
    await vi.waitFor(() => expect(workers[0].posted).toHaveLength(2));
    workers[0].handlers.onCrash('out of memory');
    await expect(pending).rejects.toMatchObject({ name: 'worker-crashed' });
    expect(workers[0].terminated).toBe(true);
    expect(await collect(c.ask({ instruction: 'x', recordings: [rec()] }))).toEqual(['ok']);
    expect(workers).toHaveLength(2);
    expect(workers[1].posted[0]).toMatchObject({ type: 'load', modelUrl: LOAD.modelUrl, dtype: 'q4' });
    expect(statuses).toEqual(['loading', 'ready', 'crashed', 'loading', 'ready']);
  });

  it('treats a worker that stops answering as lost (watchdog) and ignores its late events', async () => {
    vi.useFakeTimers();
    const { factory, workers } = fakeFactory({ silent: true });
    const c = new InferenceClient(factory, { stallTimeoutMs: 1000 });
    const loading = c.load(LOAD);
    const failed = expect(loading).rejects.toMatchObject({ name: 'worker-crashed' });
    vi.advanceTimersByTime(1001);
    await failed;
    expect(workers[0].terminated).toBe(true);
    workers[0].emit(readyEvent(1, { reason: '', wasmMemoryBytes: null }));
    expect(c.backend).toBeNull();
  });
});
