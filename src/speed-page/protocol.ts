// What the speed harness (training/speed/speed-browser.ts) asks the bench page and what the page answers; the
// harness validates the answer at run time because it arrives as JSON from page.evaluate.

export interface PageRunOptions {
  /** Folder URL with manifest.json, e.g. "/models/tiny-random/". */
  modelUrl: string;
  backend: 'webgpu' | 'wasm';
  /** Decoder dtype; the manifest's default when absent. */
  dtype?: 'fp32' | 'q4' | 'q8';
  /** Repetitions of every measurement (medians are taken by the harness). */
  runs: number;
  /** Tokens generated for the time-to-first-token / decode measurement. */
  maxNewTokens: number;
  /** Token cap per task answer in the all-seven-tasks measurement. */
  taskMaxNewTokens: number;
}

export interface AdapterInfo {
  vendor: string;
  architecture: string;
  description: string;
  isFallbackAdapter: boolean | null;
}

/** One value per run for every timed figure. */
export interface PageRunResult {
  modelId: string;
  /** The backend the worker reports it ran (never assumed from the request) and why. */
  backend: string;
  reason: string;
  dtype: string;
  audioTokensPerWindow: number;
  adapter: AdapterInfo | null;
  userAgent: string;
  /** Model bytes the engine downloaded and verified (its 'download' progress total). */
  downloadBytes: number;
  coldLoadMs: number[];
  warmLoadMs: number[];
  /** The warm load split at its first progress event of each phase (see LoadPhasesMs). */
  warmPhasesMs: LoadPhasesMs[];
  /** Resample (recording rate → model rate) + log-mel + windows of a 10 s recording, on the page's thread. */
  featuresMs: number[];
  /** Findings request through the worker: features + encoder + heads for the same recording. */
  findingsMs: number[];
  ttftMs: number[];
  /** Streamed text deltas (≈ tokens; a token that decodes to nothing joins the next) and their rate after the first. */
  decodeTokens: number[];
  decodeTokensPerS: number[];
  allSevenMs: number[];
  allSevenTokens: number[];
  /** "Run all seven" on a recording of longRecordingSeconds, every window scored (a fresh recording id per run). */
  allSevenLongMs: number[];
  /** performance.memory.usedJSHeapSize peak seen by the page (null where the browser lacks it). */
  pageHeapPeakBytes: number | null;
  /** Peak WebAssembly memory the worker reported (ready and done events): ORT's heap; null when not reported. */
  workerWasmPeakBytes: number | null;
  recordingSeconds: number;
  longRecordingSeconds: number;
  recordingRateHz: number;
}

/**
 * One load split by the worker's progress events: `start` = worker start + manifest (load → first 'download'),
 * `read` = model files read and sha256-verified, `compile` = ORT init + sessions, `warmup` = one-token answer.
 */
export interface LoadPhasesMs {
  start: number;
  read: number;
  compile: number;
  warmup: number;
}

export interface BenchPageApi {
  run(opts: PageRunOptions): Promise<PageRunResult>;
}
