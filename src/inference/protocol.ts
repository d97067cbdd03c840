// The typed protocol between the main thread and the inference worker, imported by both ends:
// requests (load | ask | assess | abort), events (progress | ready | token | done | assessment | error).
// Its shapes derive from the engine's contract (src/engine/types.ts), the one definition of each.
import type { ManifestFile, PartDtype } from '../core/manifest/manifest';
import { ENGINE_ERROR_NAMES } from '../engine/errors';
import type {
  AskRequest,
  Backend,
  LoadOptions,
  LoadProgress,
  RecordingAssessment,
  RecordingInput,
} from '../engine/types';

/** The engine's contract as the page sees it (the page may not import src/engine itself). */
export type {
  AskRequest,
  DomainDecision,
  EventSpan,
  FrameEvents,
  LoadProgress,
  RecordingAssessment,
  RecordingInput,
  Uncertainty,
  UncertaintyReason,
  RecordingVerdict,
  WindowScores,
} from '../engine/types';

/** Backends a browser worker can run; 'auto' probes WebGPU and falls back to WASM on purpose. */
export type WebBackend = Exclude<Backend, 'cpu'>;
export type BackendChoice = WebBackend | 'auto';
export type ModelDtype = PartDtype;
export type LoadPhase = LoadProgress['phase'];

/**
 * Closed set of error names: the engine's (src/engine EngineError) plus the plumbing's own: the worker died or
 * stopped answering, or a request came before `load`.
 */
export const INFERENCE_ERROR_NAMES = [...ENGINE_ERROR_NAMES, 'worker-crashed', 'not-loaded'] as const;
export type InferenceErrorName = (typeof INFERENCE_ERROR_NAMES)[number];

export function isInferenceErrorName(s: unknown): s is InferenceErrorName {
  return typeof s === 'string' && (INFERENCE_ERROR_NAMES as readonly string[]).includes(s);
}

/** An error that crossed (or was raised at) the worker boundary; `name` is always one of the closed set. */
export class InferenceError extends Error {
  override readonly name: InferenceErrorName;
  constructor(name: InferenceErrorName, message: string) {
    super(message);
    this.name = name;
  }
}

/**
 * What the page asks the worker to load: the engine's load options with a backend choice instead of a backend, and
 * the Cache Storage bucket where the engine keeps verified model files (offline loads; none = network only).
 */
export type WorkerLoadOptions = Pick<LoadOptions, 'modelUrl' | 'dtype'> & {
  backend: BackendChoice;
  cacheName?: string;
};

/** A saved recording named by its id: the worker reads its audio from IndexedDB itself (the page does not read it). */
export type SavedRecording = Pick<RecordingInput, 'domain' | 'site'> & { saved: true; id: string };
/**
 * A recording as the page sends it: a saved one by id, or the engine's RecordingInput with its PCM for audio that is
 * not saved (practice cases, benchmarks); that PCM is transferred (a copy of the page's), never sent through the store.
 */
export type RecordingRef = SavedRecording | RecordingInput;
/** The engine's ask with recordings as the page sends them. */
export type WorkerAskRequest = Omit<AskRequest, 'recordings'> & { recordings: RecordingRef[] };

export function isSavedRecording(r: RecordingRef): r is SavedRecording {
  return 'saved' in r && r.saved;
}

export type LoadRequest = WorkerLoadOptions & { type: 'load'; id: number };
export type AskMessage = WorkerAskRequest & { type: 'ask'; id: number };
export interface AssessRequest {
  type: 'assess';
  id: number;
  recording: RecordingRef;
}
/** Stops the ask with this id at once; the worker answers with `error` name 'aborted' for it. */
export interface AbortRequest {
  type: 'abort';
  id: number;
}
export type WorkerRequest = LoadRequest | AskMessage | AssessRequest | AbortRequest;

export type ProgressEvent = LoadProgress & { type: 'progress'; id: number };
/** The model is loaded and warmed up. `reason` says why this backend runs (shown in the UI). */
export interface ReadyEvent {
  type: 'ready';
  id: number;
  backend: WebBackend;
  reason: string;
  modelId: string;
  dtype: ModelDtype;
  /** The validated manifest, as JSON (typed by src/core/manifest on the UI side). */
  manifest: unknown;
  loadMs: number;
  /** The manifest files this load used (the chosen dtype's decoder, not the others): the offline set. */
  files: ManifestFile[];
  /** GPU command buffers the worker submitted so far (load + warm-up): > 0 proves WebGPU really computed. */
  gpuSubmits: number;
  /** The worker's WebAssembly memory after warm-up (ORT's heap); null where it could not be measured. */
  wasmMemoryBytes: number | null;
}
export interface TokenEvent {
  type: 'token';
  id: number;
  /** A decoded text delta: one generated token, or the engine's opening "Uncertain: …" sentence. */
  text: string;
}
export interface DoneEvent {
  type: 'done';
  id: number;
  tokens: number;
  elapsedMs: number;
  /** The worker's WebAssembly memory after this answer (it only grows, so this is the peak so far). */
  wasmMemoryBytes: number | null;
}
export interface AssessmentEvent {
  type: 'assessment';
  id: number;
  assessment: RecordingAssessment;
}
export interface ErrorEvent {
  type: 'error';
  /** The request that failed; -1 for a failure that belongs to no request. */
  id: number;
  name: InferenceErrorName;
  message: string;
}
export type WorkerEvent = ProgressEvent | ReadyEvent | TokenEvent | DoneEvent | AssessmentEvent | ErrorEvent;

const EVENT_TYPES: readonly string[] = ['progress', 'ready', 'token', 'done', 'assessment', 'error'];
const REQUEST_TYPES: readonly string[] = ['load', 'ask', 'assess', 'abort'];

/** A string `type` and a numeric `id`: the envelope of every worker message (this one's and the audio worker's). */
export function hasTypeAndId(x: unknown): x is { type: string; id: number } {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return typeof r.type === 'string' && typeof r.id === 'number';
}

/** Checks the envelope of a message arriving from the worker (structured clone keeps shapes, not classes). */
export function isWorkerEvent(x: unknown): x is WorkerEvent {
  if (!hasTypeAndId(x) || !EVENT_TYPES.includes(x.type)) return false;
  return x.type !== 'error' || isInferenceErrorName((x as { name?: unknown }).name);
}

export function isWorkerRequest(x: unknown): x is WorkerRequest {
  return hasTypeAndId(x) && REQUEST_TYPES.includes(x.type);
}

/** Buffers to transfer with a request so PCM is moved, not copied (a saved recording goes by id: nothing). */
export function transferablesOf(req: WorkerRequest): ArrayBuffer[] {
  switch (req.type) {
    case 'ask':
      return uniqueBuffers(req.recordings.flatMap(pcmOf));
    case 'assess':
      return uniqueBuffers(pcmOf(req.recording));
    case 'load':
    case 'abort':
      return [];
  }
}

const pcmOf = (r: RecordingRef): Float32Array[] => (isSavedRecording(r) ? [] : [r.samples]);

function uniqueBuffers(arrays: Float32Array[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const a of arrays) if (a.buffer instanceof ArrayBuffer) out.add(a.buffer);
  return [...out];
}

/** Turns anything thrown inside the worker into a protocol error event. */
export function toErrorEvent(id: number, e: unknown): ErrorEvent {
  if (e instanceof Error && isInferenceErrorName(e.name))
    return { type: 'error', id, name: e.name, message: e.message };
  if (e instanceof DOMException && e.name === 'AbortError')
    return { type: 'error', id, name: 'aborted', message: e.message };
  const message = e instanceof Error ? e.message : String(e);
  return { type: 'error', id, name: 'internal', message };
}
