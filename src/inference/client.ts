// Main-thread client of the inference worker with the Engine's interface (ask → AsyncIterable<string>, assess,
// dispose), except that a saved recording is named by id (the worker reads its audio) instead of carrying PCM.
// A crashed or silent worker is torn down; the next request starts a fresh one and reloads the model.
import { createChannel } from './channel';
import {
  InferenceError,
  isSavedRecording,
  isWorkerEvent,
  transferablesOf,
  type LoadProgress,
  type ReadyEvent,
  type RecordingAssessment,
  type RecordingRef,
  type WebBackend,
  type WorkerAskRequest,
  type WorkerEvent,
  type WorkerLoadOptions,
  type WorkerRequest,
} from './protocol';

/** The runtime boundary: one live worker. `webWorkerFactory` adapts a real Worker; tests pass a fake. */
export interface WorkerPort<Req = WorkerRequest> {
  post(req: Req, transfer: ArrayBuffer[]): void;
  terminate(): void;
}
export interface WorkerHandlers {
  onMessage(data: unknown): void;
  onCrash(message: string): void;
}
export type WorkerFactory = (handlers: WorkerHandlers) => WorkerPort;

export type ClientStatus =
  | { state: 'idle' }
  | { state: 'loading'; restart: boolean }
  | { state: 'ready'; info: ReadyEvent }
  | { state: 'crashed'; message: string };

export interface ClientOptions {
  /** A request that hears nothing from the worker for this long counts as a lost worker. */
  stallTimeoutMs?: number;
  onStatus?: (s: ClientStatus) => void;
  onProgress?: (p: LoadProgress) => void;
}

interface Pending {
  onEvent(ev: WorkerEvent): void;
  onCrash(err: InferenceError): void;
}

/** Adapts a real Web Worker to the port a client talks to (this one's, or the audio client's with its requests). */
export function webWorkerFactory<Req = WorkerRequest>(
  create: () => Worker,
): (handlers: WorkerHandlers) => WorkerPort<Req> {
  return (h) => {
    const w = create();
    w.onmessage = (ev: MessageEvent) => h.onMessage(ev.data);
    w.onerror = (ev: ErrorEvent) => {
      ev.preventDefault();
      h.onCrash(ev.message || 'the worker script failed');
    };
    w.onmessageerror = () => h.onCrash('a worker message could not be decoded');
    return { post: (req, transfer) => w.postMessage(req, transfer), terminate: () => w.terminate() };
  };
}

export class InferenceClient {
  private port: WorkerPort | null = null;
  private ready: Promise<ReadyEvent> | null = null;
  private info: ReadyEvent | null = null;
  private wasmBytes: number | null = null;
  private lastLoad: WorkerLoadOptions | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private watchdog: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;

  constructor(
    private readonly factory: WorkerFactory,
    private readonly opts: ClientOptions = {},
  ) {}

  get backend(): WebBackend | null {
    return this.info?.backend ?? null;
  }
  get readyInfo(): ReadyEvent | null {
    return this.info;
  }
  /** The worker's WebAssembly memory as last reported (ready, then after every answer); null before or unknown. */
  get workerWasmMemoryBytes(): number | null {
    return this.wasmBytes;
  }

  /** Loads (or reloads) the model in a worker; resolves after the worker's warm-up, with the backend that runs. */
  load(options: WorkerLoadOptions): Promise<ReadyEvent> {
    this.lastLoad = { ...options };
    this.crashPending(new InferenceError('aborted', 'A new model load replaced this request.'));
    this.teardown();
    return this.startLoad(false);
  }

  /** Streams the answer; abort with `signal` (the worker stops generating at once). */
  async *ask(req: WorkerAskRequest, signal?: AbortSignal): AsyncGenerator<string> {
    await this.ensureReady();
    throwIfAborted(signal);
    const id = this.nextId++;
    const ch = createChannel<string>();
    this.pending.set(id, {
      onEvent: (ev) => {
        if (ev.type === 'token') ch.push(ev.text);
        else if (ev.type === 'done') {
          this.wasmBytes = ev.wasmMemoryBytes ?? this.wasmBytes;
          ch.close();
        } else if (ev.type === 'error') ch.fail(new InferenceError(ev.name, ev.message));
      },
      onCrash: (err) => ch.fail(err),
    });
    const onAbort = (): void => {
      this.send({ type: 'abort', id });
      ch.fail(new InferenceError('aborted', 'The question was stopped.'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const recordings = req.recordings.map(copyRecording);
      this.send({ ...req, type: 'ask', id, recordings });
      yield* ch;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (!ch.settled) this.send({ type: 'abort', id }); // the consumer stopped early
      this.settle(id);
    }
  }

  /** The engine's assessment of one recording: findings over all its windows, heart or lung, uncertainty. */
  async assess(rec: RecordingRef): Promise<RecordingAssessment> {
    await this.ensureReady();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, {
        onEvent: (ev) => {
          if (ev.type === 'assessment') resolve(ev.assessment);
          else if (ev.type === 'error') reject(new InferenceError(ev.name, ev.message));
          else return;
          this.settle(id);
        },
        onCrash: reject,
      });
      this.send({ type: 'assess', id, recording: copyRecording(rec) });
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.teardown();
    this.crashPending(new InferenceError('aborted', 'The model was unloaded.'));
  }

  /** Restarts a crashed/lost worker with the last load options; requests call this themselves. */
  private ensureReady(): Promise<ReadyEvent> {
    if (this.disposed)
      return Promise.reject(new InferenceError('not-loaded', 'The model was unloaded; load it again.'));
    if (this.ready) return this.ready;
    if (!this.lastLoad)
      return Promise.reject(new InferenceError('not-loaded', 'Load a model before asking.'));
    return this.startLoad(true);
  }

  private startLoad(restart: boolean): Promise<ReadyEvent> {
    const options = this.lastLoad as WorkerLoadOptions;
    this.status({ state: 'loading', restart });
    const id = this.nextId++;
    const ready = new Promise<ReadyEvent>((resolve, reject) => {
      this.pending.set(id, {
        onEvent: (ev) => {
          if (ev.type === 'progress') this.opts.onProgress?.(ev);
          else if (ev.type === 'ready') {
            this.info = ev;
            this.wasmBytes = ev.wasmMemoryBytes;
            this.settle(id);
            this.status({ state: 'ready', info: ev });
            resolve(ev);
          } else if (ev.type === 'error') {
            this.settle(id);
            this.ready = null; // a failed load can be retried with the same options
            reject(new InferenceError(ev.name, ev.message));
          }
        },
        onCrash: reject,
      });
    });
    this.ready = ready;
    this.send({ type: 'load', id, ...options });
    return ready;
  }

  private spawn(): WorkerPort {
    const port = this.factory({
      onMessage: (data) => {
        if (this.port === port) this.receive(data);
      },
      onCrash: (message) => {
        if (this.port === port) this.crash(`The model worker crashed (${message}). Ask again to restart it.`);
      },
    });
    this.port = port;
    return port;
  }

  private send(req: WorkerRequest): void {
    const port = this.port ?? this.spawn();
    port.post(req, transferablesOf(req));
    if (req.type !== 'abort') this.armWatchdog();
  }

  private receive(data: unknown): void {
    if (!isWorkerEvent(data)) return;
    this.armWatchdog();
    if (data.id === -1 && data.type === 'error') this.crash(data.message);
    else this.pending.get(data.id)?.onEvent(data);
  }

  private crash(message: string): void {
    this.teardown();
    this.status({ state: 'crashed', message });
    this.crashPending(new InferenceError('worker-crashed', message));
  }

  private crashPending(err: InferenceError): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    this.clearWatchdog();
    for (const p of all) p.onCrash(err);
  }

  private teardown(): void {
    this.port?.terminate();
    this.port = null;
    this.ready = null;
    this.info = null;
    this.clearWatchdog();
  }

  private settle(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.clearWatchdog();
  }

  private armWatchdog(): void {
    this.clearWatchdog();
    if (this.pending.size === 0) return;
    const ms = this.opts.stallTimeoutMs ?? 180_000;
    this.watchdog = setTimeout(
      () => this.crash(`The model worker stopped responding for ${ms / 1000} s.`),
      ms,
    );
  }

  private clearWatchdog(): void {
    if (this.watchdog !== null) clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  private status(s: ClientStatus): void {
    this.opts.onStatus?.(s);
  }
}

/** The worker receives a copy of PCM so the caller's audio stays usable after the transfer; an id is sent as is. */
function copyRecording(r: RecordingRef): RecordingRef {
  return isSavedRecording(r) ? r : { ...r, samples: r.samples.slice() };
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new InferenceError('aborted', 'The question was stopped.');
}
