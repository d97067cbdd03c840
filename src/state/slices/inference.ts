// Inference slice: the model's load state (progress, backend and why), streamed answers per recording and task,
// stop, "run all seven", and each recording's assessment (findings over all windows, heart or lung, uncertainty).
// A saved recording is named to the worker by id (the worker reads its audio from storage); only audio that is not
// saved goes to the worker as PCM, and never through the store.
import type { StateCreator } from 'zustand';
import type { ManifestFile } from '../../core/manifest/manifest';
import { isTaskId } from '../../core/tasks/types';
import type { ClientOptions, ClientStatus, InferenceClient } from '../../inference/client';
import { ERROR_ADVICE } from '../../inference/advice';
import {
  InferenceError,
  isInferenceErrorName,
  type BackendChoice,
  type InferenceErrorName,
  type LoadProgress,
  type ModelDtype,
  type RecordingAssessment,
  type RecordingRef,
  type WebBackend,
} from '../../inference/protocol';
import { appendToken, endRun, startRun, type AnswerRun, type AskTarget } from './inferenceRuns';

export type InferenceEngine = Pick<InferenceClient, 'load' | 'ask' | 'assess' | 'dispose'>;
export interface InferenceDeps {
  createEngine(opts: ClientOptions): InferenceEngine;
  /** Folder of the default model (contains manifest.json). */
  modelUrl: string;
  /** Cache Storage bucket the worker keeps verified model files in (offline loads). */
  cacheName?: string;
  /** Answer length limit when a request sets none (the engine's own default otherwise). */
  maxNewTokens?: number;
  now(): number;
}

export type ModelStatus = 'idle' | 'loading' | 'ready' | 'error' | 'crashed';
export interface UiError {
  name: InferenceErrorName;
  message: string;
  advice: string;
}
export interface ModelState {
  status: ModelStatus;
  modelUrl: string;
  backendChoice: BackendChoice;
  /** The decoder dtype that runs (the manifest's default unless chosen). */
  dtype: ModelDtype | null;
  backend: WebBackend | null;
  backendReason: string | null;
  modelId: string | null;
  progress: LoadProgress | null;
  loadMs: number | null;
  /** The loaded model's files (from its manifest), for the offline-cache audit. */
  files: ManifestFile[] | null;
  /** GPU submissions the worker made while loading and warming up (> 0: WebGPU really ran). */
  gpuSubmits: number | null;
  error: UiError | null;
  restarts: number;
}
export type AssessmentState =
  | { status: 'loading' }
  | { status: 'ready'; assessment: RecordingAssessment }
  | { status: 'error'; error: UiError };

export interface AskArgs {
  kind: string;
  /** What the model is asked; a `{sound}` placeholder is filled by the engine with the decided domain. */
  instruction: string;
  /** The question as shown with the answer (default: the instruction). */
  question?: string;
  targets: AskTarget[];
  maxNewTokens?: number;
}

export interface InferenceSlice {
  model: ModelState;
  runs: Record<string, AnswerRun>;
  activeRunKey: string | null;
  runningAll: boolean;
  /** By recording id. */
  assessments: Record<string, AssessmentState>;
  setBackendChoice(choice: BackendChoice): void;
  loadModel(): Promise<boolean>;
  ask(args: AskArgs): Promise<AnswerRun | null>;
  stopAsking(): void;
  /** Asks each in order (each with its own recordings); stops at the first stopped answer. */
  runAll(asks: readonly AskArgs[]): Promise<void>;
  loadAssessment(target: AskTarget): Promise<void>;
  /** Audio that is not in the library (practice cases) for later asks about `id`; kept outside the state. */
  provideAudio(id: string, audio: { samples: Float32Array; sampleRateHz: number }): void;
}

/** Dependencies for a store built without a model (unit tests of other slices): every request says so. */
export const unconfiguredInference: InferenceDeps = {
  createEngine: () => {
    const no = () => new InferenceError('not-loaded', 'No on-device model is configured in this build.');
    return {
      load: () => Promise.reject(no()),
      assess: () => Promise.reject(no()),
      // eslint-disable-next-line require-yield
      async *ask() {
        throw no();
      },
      dispose: async () => {},
    };
  },
  modelUrl: '',
  now: () => Date.now(),
};

export function toUiError(e: unknown): UiError {
  const name: InferenceErrorName = e instanceof Error && isInferenceErrorName(e.name) ? e.name : 'internal';
  const message = e instanceof Error ? e.message : String(e);
  return { name, message, advice: ERROR_ADVICE[name] };
}

export function createInferenceSlice<S extends InferenceSlice>(
  deps: InferenceDeps,
): StateCreator<S, [], [], InferenceSlice> {
  let engine: InferenceEngine | null = null;
  let controller: AbortController | null = null;
  let stopAll = false;
  const provided = new Map<string, { samples: Float32Array; sampleRateHz: number }>();

  return (set, get) => {
    const setModel = (patch: Partial<ModelState>) => set((s) => ({ ...s, model: { ...s.model, ...patch } }));
    const putRun = (run: AnswerRun) => set((s) => ({ ...s, runs: { ...s.runs, [run.key]: run } }));
    const onStatus = (st: ClientStatus) => {
      if (st.state === 'loading') setModel({ status: 'loading', progress: null, error: null });
      else if (st.state === 'crashed')
        setModel({
          status: 'crashed',
          restarts: get().model.restarts + 1,
          error: toUiError(new InferenceError('worker-crashed', st.message)),
        });
      else if (st.state === 'ready')
        setModel({
          status: 'ready',
          backend: st.info.backend,
          backendReason: st.info.reason,
          modelId: st.info.modelId,
          dtype: st.info.dtype,
          loadMs: st.info.loadMs,
          gpuSubmits: st.info.gpuSubmits,
          files: st.info.files,
          progress: null,
        });
    };
    const getEngine = () =>
      (engine ??= deps.createEngine({ onStatus, onProgress: (p) => setModel({ progress: p }) }));

    async function ensureLoaded(): Promise<boolean> {
      const st = get().model.status;
      return st === 'ready' || st === 'crashed' ? true : get().loadModel();
    }

    /** The load error as an InferenceError, so a failed load shows its own name and advice on the answer. */
    function loadFailure(): InferenceError {
      const err = get().model.error;
      return err
        ? new InferenceError(err.name, err.message)
        : new InferenceError('not-loaded', 'The model did not load.');
    }

    /** Saved recordings by id, provided audio as PCM; the id also keys the engine's cached assessment. */
    function audioOf(targets: AskTarget[]): RecordingRef[] {
      return targets.map((t) => {
        const { domain, site, id } = t;
        const pcm = provided.get(id);
        return pcm
          ? { samples: pcm.samples, sampleRateHz: pcm.sampleRateHz, domain, site, id }
          : { saved: true, domain, site, id };
      });
    }

    return {
      model: {
        status: 'idle',
        modelUrl: deps.modelUrl,
        backendChoice: 'auto',
        dtype: null,
        backend: null,
        backendReason: null,
        modelId: null,
        progress: null,
        loadMs: null,
        gpuSubmits: null,
        files: null,
        error: null,
        restarts: 0,
      },
      runs: {},
      activeRunKey: null,
      runningAll: false,
      assessments: {},

      setBackendChoice(choice) {
        setModel({ backendChoice: choice });
        if (get().model.status !== 'idle') void get().loadModel();
      },

      async loadModel() {
        const m = get().model;
        setModel({ status: 'loading', error: null, progress: null });
        try {
          const dtype = m.dtype ?? undefined;
          await getEngine().load({
            modelUrl: m.modelUrl,
            backend: m.backendChoice,
            dtype,
            cacheName: deps.cacheName,
          });
          return true;
        } catch (e) {
          setModel({ status: 'error', error: toUiError(e) });
          return false;
        }
      },

      async ask(args) {
        if (get().activeRunKey !== null) get().stopAsking();
        let run = startRun(args.kind, args.question ?? args.instruction, args.targets, deps.now());
        putRun(run);
        set((s) => ({ ...s, activeRunKey: run.key }));
        const ctl = (controller = new AbortController());
        try {
          if (!(await ensureLoaded())) throw loadFailure();
          const recordings = audioOf(args.targets);
          const maxNewTokens = args.maxNewTokens ?? deps.maxNewTokens;
          const stream = getEngine().ask(
            {
              instruction: args.instruction,
              recordings,
              maxNewTokens,
              task: isTaskId(args.kind) ? args.kind : undefined,
            },
            ctl.signal,
          );
          for await (const text of stream) putRun((run = appendToken(run, text, deps.now())));
          run = endRun(run, deps.now());
        } catch (e) {
          const err = ctl.signal.aborted
            ? toUiError(new InferenceError('aborted', 'The question was stopped.'))
            : toUiError(e);
          run = endRun(run, deps.now(), { name: err.name, message: err.message });
        } finally {
          putRun(run);
          if (controller === ctl) {
            controller = null;
            set((s) => ({ ...s, activeRunKey: null }));
          }
        }
        return run;
      },

      stopAsking() {
        stopAll = true;
        controller?.abort();
      },

      async runAll(asks) {
        stopAll = false;
        set((s) => ({ ...s, runningAll: true }));
        try {
          for (const a of asks) {
            if (stopAll) break;
            const run = await get().ask(a);
            if (run?.status === 'aborted') break;
          }
        } finally {
          set((s) => ({ ...s, runningAll: false }));
        }
      },

      provideAudio(id, audio) {
        provided.set(id, audio);
      },

      async loadAssessment(target) {
        const put = (a: AssessmentState) =>
          set((s) => ({ ...s, assessments: { ...s.assessments, [target.id]: a } }));
        put({ status: 'loading' });
        try {
          if (!(await ensureLoaded())) throw loadFailure();
          const [rec] = audioOf([target]);
          put({ status: 'ready', assessment: await getEngine().assess(rec) });
        } catch (e) {
          put({ status: 'error', error: toUiError(e) });
        }
      },
    };
  };
}
