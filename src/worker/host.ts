// The worker side of the protocol, independent of the real worker global: loads one engine, runs asks one at a
// time (each abortable at once), answers assessments, and turns every failure into an `error` event with a closed
// name. A saved recording arrives as an id and its audio is read here, from storage; PCM sent by the page (audio not
// saved) reaches the engine as it came. Both keep their id: the engine reuses a recording's assessment by id.
import type { Engine, LoadOptions, RecordingInput } from '../engine/types';
import {
  InferenceError,
  isSavedRecording,
  toErrorEvent,
  type AskMessage,
  type AssessRequest,
  type LoadRequest,
  type RecordingRef,
  type WebBackend,
  type WorkerEvent,
  type WorkerRequest,
} from '../inference/protocol';
import { filesForDtype } from '../engine/files';

/** The engine's load options as the worker passes them: a browser backend, the model cache bucket, progress. */
export type HostLoadOptions = LoadOptions & {
  backend: WebBackend;
  cacheName?: string;
  onProgress: NonNullable<LoadOptions['onProgress']>;
  signal: AbortSignal;
};
export interface HostDeps {
  post(ev: WorkerEvent): void;
  /** WebGPU adapter + features probe; says why WASM is used when it is. */
  probe(): Promise<{ backend: WebBackend; reason: string }>;
  load(opts: HostLoadOptions): Promise<Engine>;
  /**
   * Mono samples of a saved recording at its own rate (src/worker/recordingAudio.ts reads them from IndexedDB);
   * rejects with InferenceError 'bad-audio' when it has none.
   */
  readRecording(id: string, signal?: AbortSignal): Promise<Pick<RecordingInput, 'samples' | 'sampleRateHz'>>;
  now(): number;
  /** GPU queue submissions so far (0 where WebGPU never ran). */
  gpuSubmits?(): number;
  /** Bytes of WebAssembly memory the worker holds (src/worker/memory.ts); null when unknown. */
  wasmMemoryBytes?(): number | null;
}

export interface WorkerHost {
  handle(msg: WorkerRequest): void;
  /** Resolves when every queued request has finished (for tests). */
  idle(): Promise<void>;
}

/**
 * The last saved recording read is kept, by id, up to this many samples (32 MiB): "Run all seven" asks seven questions
 * about one recording in a row, and saved audio never changes under its id. A longer recording is read again instead
 * of being held between questions.
 */
const KEEP_SAMPLES = 8 * 1024 * 1024;

export function createWorkerHost(deps: HostDeps): WorkerHost {
  let engine: Engine | null = null;
  let kept: { id: string; audio: Pick<RecordingInput, 'samples' | 'sampleRateHz'> } | null = null;
  let queue: Promise<void> = Promise.resolve();
  const controllers = new Map<number, AbortController>();
  const enqueue = (job: () => Promise<void>) => (queue = queue.then(job, job));

  async function load(req: LoadRequest): Promise<void> {
    const ctl = new AbortController(); // a new load replaces the worker (client side), so nothing aborts this yet
    const started = deps.now();
    try {
      const previous = engine;
      engine = null;
      await previous?.dispose();
      const choice =
        req.backend === 'auto'
          ? await deps.probe()
          : { backend: req.backend, reason: `${req.backend} was chosen explicitly` };
      const { modelUrl, dtype, cacheName } = req;
      const e = await deps.load({
        modelUrl,
        backend: choice.backend,
        dtype,
        cacheName,
        onProgress: (p) => deps.post({ type: 'progress', id: req.id, ...p }),
        signal: ctl.signal,
      });
      engine = e;
      const backend: WebBackend = e.backend === 'webgpu' ? 'webgpu' : 'wasm';
      const reason =
        backend === choice.backend ? choice.reason : `${choice.reason}; the engine fell back to ${backend}`;
      deps.post({
        type: 'ready',
        id: req.id,
        backend,
        reason,
        modelId: e.manifest.id,
        dtype: e.dtype,
        manifest: e.manifest,
        files: filesForDtype(e.manifest, e.dtype),
        loadMs: deps.now() - started,
        gpuSubmits: deps.gpuSubmits?.() ?? 0,
        wasmMemoryBytes: deps.wasmMemoryBytes?.() ?? null,
      });
    } catch (err) {
      deps.post(toErrorEvent(req.id, err));
    }
  }

  /** A saved recording's audio: the one kept from the last read, or read from storage (and kept if short enough). */
  async function savedAudio(id: string, signal?: AbortSignal) {
    if (kept?.id === id) return kept.audio;
    const audio = await deps.readRecording(id, signal);
    kept = audio.samples.length <= KEEP_SAMPLES ? { id, audio } : null;
    return audio;
  }

  /** The engine's input for a recording: a saved one's audio read from storage, PCM as it came. */
  async function inputOf(r: RecordingRef, signal?: AbortSignal): Promise<RecordingInput> {
    if (!isSavedRecording(r)) return r;
    const { saved: _saved, ...rest } = r;
    return { ...rest, ...(await savedAudio(r.id, signal)) };
  }

  async function ask(req: AskMessage, ctl: AbortController): Promise<void> {
    const started = deps.now();
    let tokens = 0;
    try {
      if (ctl.signal.aborted) throw new InferenceError('aborted', 'The question was stopped.');
      const e = requireEngine();
      const { type: _type, id: _id, recordings: refs, ...request } = req; // the ask, whatever other fields it has
      const recordings: RecordingInput[] = [];
      for (const r of refs) recordings.push(await inputOf(r, ctl.signal)); // one long recording read at a time
      if (ctl.signal.aborted) throw new InferenceError('aborted', 'The question was stopped.');
      const stream = e.ask({ ...request, recordings }, ctl.signal);
      for await (const text of stream) {
        if (ctl.signal.aborted) break;
        tokens++;
        deps.post({ type: 'token', id: req.id, text });
      }
      if (ctl.signal.aborted) throw new InferenceError('aborted', 'The question was stopped.');
      const wasmMemoryBytes = deps.wasmMemoryBytes?.() ?? null;
      deps.post({ type: 'done', id: req.id, tokens, elapsedMs: deps.now() - started, wasmMemoryBytes });
    } catch (err) {
      deps.post(
        ctl.signal.aborted
          ? toErrorEvent(req.id, new InferenceError('aborted', 'The question was stopped.'))
          : toErrorEvent(req.id, err),
      );
    } finally {
      controllers.delete(req.id);
    }
  }

  async function assess(req: AssessRequest): Promise<void> {
    try {
      const e = requireEngine();
      const assessment = await e.assess(await inputOf(req.recording));
      deps.post({ type: 'assessment', id: req.id, assessment });
    } catch (err) {
      deps.post(toErrorEvent(req.id, err));
    }
  }

  function requireEngine(): Engine {
    if (!engine) throw new InferenceError('not-loaded', 'No model is loaded in the worker; load it first.');
    return engine;
  }

  return {
    handle(msg) {
      switch (msg.type) {
        case 'load':
          enqueue(() => load(msg));
          return;
        case 'ask': {
          const ctl = new AbortController();
          controllers.set(msg.id, ctl);
          enqueue(() => ask(msg, ctl));
          return;
        }
        case 'assess':
          enqueue(() => assess(msg));
          return;
        case 'abort':
          controllers.get(msg.id)?.abort();
          return;
      }
    },
    idle: () => queue,
  };
}
