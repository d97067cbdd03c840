// The engine's public API (shared by the Worker and Node eval) and the runtime interface it is given.
// Runtimes (runtime-web.ts, runtime-node.ts) supply file access, hashing and ORT; the engine holds all model logic.
import type { HeadProbability } from '../core/manifest/heads';
import type { Domain, Site } from '../core/clinical/schema';
import type { ModelManifest, PartDtype } from '../core/manifest/manifest';

export type Backend = 'webgpu' | 'wasm' | 'cpu';

export interface LoadProgress {
  phase: 'download' | 'compile' | 'warmup';
  loaded: number;
  total: number;
  file?: string;
}

export interface LoadOptions {
  /** Folder containing manifest.json: a URL in the browser, a path or file:// URL in Node. */
  modelUrl: string;
  backend: Backend;
  /** Decoder dtype; the manifest's defaultDtype when absent. */
  dtype?: PartDtype;
  onProgress?: (p: LoadProgress) => void;
  signal?: AbortSignal;
}

export interface RecordingInput {
  samples: Float32Array;
  sampleRateHz: number;
  domain: Domain;
  site: Site;
}

export interface AskRequest {
  instruction: string;
  recordings: RecordingInput[];
  maxNewTokens?: number;
}

/** A findings-head output with what it stands for (`head`, from the manifest: src/core/manifest/heads.ts). */
export type FindingProbability = HeadProbability;

export interface Engine {
  readonly manifest: ModelManifest;
  readonly backend: Backend;
  readonly dtype: PartDtype;
  /** Streams the answer as decoded text deltas; stops at once (throwing EngineError 'aborted') when `signal` fires. */
  ask(req: AskRequest, signal?: AbortSignal): AsyncIterable<string>;
  /** Calibrated probability per finding label (findings head, averaged over the recording's windows). */
  findings(rec: RecordingInput): Promise<FindingProbability[]>;
  dispose(): Promise<void>;
}

/** A float-in/float-out ONNX session from the same ONNX Runtime copy transformers.js uses. */
export interface FloatSession {
  run(inputName: string, data: Float32Array, dims: number[]): Promise<{ data: Float32Array; dims: number[] }>;
  release(): Promise<void>;
}

/** The subset of transformers.js's `env` a runtime configures. */
export interface TransformersEnvLike {
  allowRemoteModels: boolean;
  allowLocalModels: boolean;
  useBrowserCache: boolean;
  useFSCache: boolean;
  useCustomCache: boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  customCache: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  backends: { onnx: any };
}

export interface ReadFileOptions {
  signal?: AbortSignal;
  /** Bytes read so far of this file. */
  onBytes?: (loaded: number) => void;
  /** Skip any cached copy (used after a hash mismatch). */
  fresh?: boolean;
}

export interface EngineRuntime {
  readonly name: 'web' | 'node';
  /** Backends this runtime can run. */
  readonly backends: readonly Backend[];
  /** Resolves a file of the model folder to what `readFile` takes. */
  resolve(modelUrl: string, relPath: string): string;
  /** Reads a file (web: Cache Storage, then network; node: the file system); rejects with EngineError 'model-not-found'. */
  readFile(location: string, opts?: ReadFileOptions): Promise<Uint8Array>;
  /** Called once a file's sha256 matched the manifest (web: keep it in Cache Storage). */
  keepFile?(location: string, bytes: Uint8Array): Promise<void>;
  sha256Hex(bytes: Uint8Array): Promise<string>;
  /** Sets runtime-specific transformers.js settings for a load on `backend` (web: the local ORT build to use). */
  configure(env: TransformersEnvLike, backend: Backend): void;
  createSession(model: Uint8Array, backend: Backend): Promise<FloatSession>;
}
