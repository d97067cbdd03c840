// The engine's public API (shared by the Worker and Node eval) and the runtime interface it is given.
// Runtimes (runtime-web.ts, runtime-node.ts) supply file access, hashing and ORT; the engine holds all model logic.
import type { HeadProbability } from '../core/manifest/heads';
import type { Domain, Site } from '../core/clinical/schema';
import type { ModelManifest, PartDtype } from '../core/manifest/manifest';
import type { TaskId } from '../core/tasks/types';
import type { SignalMeasures, VerdictDecision } from '../core/manifest/verdict';
import type { FrameEventChannel } from '../core/manifest/frameEvents';

export type Backend = 'webgpu' | 'wasm' | 'cpu';

/** The one progress shape of every loading phase (the worker protocol and the UI use it as is). */
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
  /** 'unknown': the engine decides heart or lung from the audio (the findings model's domain head). */
  domain: Domain | 'unknown';
  site: Site;
  /**
   * The app's id of this recording, stable across calls: the engine reuses its assessment (and features) for later
   * calls with the same id and the same audio, though the worker reads (or receives) the audio anew each time.
   */
  id?: string;
}

export interface AskRequest {
  /** The question; a `{sound}` placeholder (task templates) is filled with the first recording's domain. */
  instruction: string;
  recordings: RecordingInput[];
  maxNewTokens?: number;
  /**
   * Which of the seven tasks the question is (absent: a free question). With the manifest's `verdict` rule, a
   * one-recording answer to classification, detection, reasoning or differential opens with the verdict the findings
   * heads decided (src/engine/verdict.ts), and the decoder continues from there.
   */
  task?: TaskId;
}

/** A findings-head output with what it stands for (`head`, from the manifest: src/core/manifest/heads.ts). */
export type FindingProbability = HeadProbability;

/** The findings head's calibrated probabilities on one model window of the recording. */
export interface WindowScores {
  /** The window's index in the recording (window w covers [w, w + 1) · windowSeconds). */
  index: number;
  startS: number;
  /** One per manifest label, in `findings.labels` order. */
  probabilities: number[];
}

/** Heart or lung: as the caller gave it, or decided from the audio by the domain head ('default': no such head). */
export interface DomainDecision {
  value: Domain;
  source: 'given' | 'audio' | 'default';
  /** The domain head's aggregated P(lung); null when the model has no domain head. */
  pLung: number | null;
}

export const UNCERTAINTY_REASONS = ['low-confidence', 'poor-quality', 'unlike-training'] as const;
export type UncertaintyReason = (typeof UNCERTAINTY_REASONS)[number];

/** Whether the answer should abstain, and why (src/engine/uncertainty.ts, thresholds from the manifest). */
export interface Uncertainty {
  uncertain: boolean;
  reasons: UncertaintyReason[];
}

/** Normal or abnormal from the findings heads (the manifest's `verdict` rule), with the head that decided it. */
export type RecordingVerdict = VerdictDecision;

/** A stretch of the recording where the frame-level event head hears one channel (src/engine/events.ts). */
export interface EventSpan {
  /** The channel's name (manifest `frameEvents.channels[].name`, e.g. 'discontinuous'). */
  channel: string;
  /** Seconds in the recording. */
  startS: number;
  endS: number;
  /** The highest frame probability inside the span. */
  peak: number;
}

/** The frame-level events of a recording: every scored window's frames, merged per channel into spans. */
export interface FrameEvents {
  /** What each channel stands for and its threshold, from the manifest. */
  channels: FrameEventChannel[];
  hopS: number;
  /** In time order (ties: channel order). */
  spans: EventSpan[];
}

/** A stretch of the recording one signal detector hears (recording seconds). */
export interface SignalSpan {
  startS: number;
  endS: number;
}

/** A recording's signal measures (./signals.ts) and the spans behind each. */
export interface RecordingSignals {
  measures: SignalMeasures;
  /** Per measure, the spans it counted, in time order. */
  spans: Record<keyof SignalMeasures, SignalSpan[]>;
}

/** What the findings head says about a whole recording; `ask` conditions the decoder on `representative`. */
export interface RecordingAssessment {
  /** Per label: the mean over the scored windows of the calibrated probability. */
  findings: FindingProbability[];
  /** The scored windows in time order: every window, or `MAX_ASSESSED_WINDOWS` evenly spaced ones. */
  windows: WindowScores[];
  /** Windows the whole recording has (more than `windows.length` when the cap applied). */
  windowCount: number;
  windowSeconds: number;
  /** The recording's window index whose abnormal probability is closest to the aggregate (ties: the earliest). */
  representative: number;
  domain: DomainDecision;
  uncertainty: Uncertainty;
  /** Null when the model has no `verdict` rule. */
  verdict: RecordingVerdict | null;
  /** Frame-level event spans; absent when the model has no frame-level event head (manifest without `frameEvents`). */
  events?: FrameEvents;
  /** Signal measures over the scored windows (./signals.ts); absent only from assessments built without audio (tests). */
  signals?: RecordingSignals;
}

export interface Engine {
  readonly manifest: ModelManifest;
  readonly backend: Backend;
  readonly dtype: PartDtype;
  /**
   * Streams the answer as decoded text deltas; stops at once (throwing EngineError 'aborted') when `signal` fires.
   * Each recording is assessed first (cached); the decoder hears its representative window, the prompt names its
   * decided domain, and an uncertain recording's answer starts with one "Uncertain: …" sentence.
   */
  ask(req: AskRequest, signal?: AbortSignal): AsyncIterable<string>;
  /** Scores every window of the recording with the findings head (cached per recording's audio) and aggregates. */
  assess(rec: RecordingInput, signal?: AbortSignal): Promise<RecordingAssessment>;
  dispose(): Promise<void>;
}

/** A float-in/float-out ONNX session from the same ONNX Runtime copy transformers.js uses. */
export interface FloatSession {
  /** The first output as `data`/`dims`; every output by name in `outputs` (runtimes that give them). */
  run(
    inputName: string,
    data: Float32Array,
    dims: number[],
  ): Promise<{
    data: Float32Array;
    dims: number[];
    outputs?: Record<string, { data: Float32Array; dims: number[] }>;
  }>;
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
