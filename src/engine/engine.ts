// loadEngine: manifest → verified files → transformers.js Ultravox model + tokenizer + findings head → warm-up → Engine.
// Runtime-agnostic: the Worker passes the web runtime, `npm run eval` the node runtime. Comparison questions pass both
// recordings as an audio batch of 2 with one text sequence; transformers.js scatters the 2×N audio tokens in order
// (checked against a hand-written ORT pipeline in training/export/responder.test.ts).
import {
  AutoModelForAudioTextToText,
  AutoTokenizer,
  env,
  Tensor,
  TextStreamer,
  type PreTrainedModel,
  type PreTrainedTokenizer,
} from '@huggingface/transformers';
import type { Domain } from '../core/clinical/schema';
import type { ModelManifest, PartDtype } from '../core/manifest/manifest';
import { fillInstruction } from '../core/tasks/instructions';
import { formatPrompt } from '../core/tasks/prompt';
import { batchWindows, checkFeatureCompatibility } from './audio';
import { EngineError, throwIfAborted, toEngineError } from './errors';
import { filesForDtype, readManifest, readModelFiles } from './files';
import { Assessor } from './findings';
import { VerifiedFiles } from './memory-cache';
import { AbortCriteria, DeltaDecoder, DeltaQueue } from './stream';
import type {
  AskRequest,
  Backend,
  Engine,
  EngineRuntime,
  FloatSession,
  LoadOptions,
  RecordingAssessment,
  RecordingInput,
} from './types';
import { uncertaintySentence } from './uncertainty';
import { answerOpening } from './verdict';

const VERIFIED = new VerifiedFiles();
let loads = 0;

/** transformers.js may only see verified bytes: no remote hub, no caches of its own. */
function configureTransformers(runtime: EngineRuntime, backend: Backend): void {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.useBrowserCache = false;
  env.useFSCache = false;
  env.useCustomCache = true;
  env.customCache = VERIFIED;
  runtime.configure(env, backend);
}

interface Loaded {
  manifest: ModelManifest;
  model: PreTrainedModel;
  tokenizer: PreTrainedTokenizer;
  findingsSession: FloatSession;
}

/** One model call at a time: ORT web sessions must not run concurrently (and generation holds the model). */
class Lock {
  private tail: Promise<void> = Promise.resolve();
  async acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const prev = this.tail;
    this.tail = prev.then(() => next);
    await prev;
    return release;
  }
}

function checkRecordings(m: ModelManifest, recs: RecordingInput[]): void {
  if (recs.length === 0) throw new EngineError('bad-audio', 'Ask needs at least one recording.');
  const promptBudget = recs.length * m.audioTokensPerWindow + 64;
  if (promptBudget >= m.architecture.decoder.maxPositions)
    throw new EngineError(
      'bad-audio',
      `${recs.length} recordings do not fit this model's context (${m.architecture.decoder.maxPositions} tokens); ask about fewer at once.`,
    );
}

/**
 * What the decoder is conditioned on: each recording's decided domain and site, its representative window, and the
 * answer's opening when the findings heads decided the verdict (the decoder continues after it).
 */
interface Conditioning {
  instruction: string;
  recordings: { domain: Domain; site: RecordingInput['site']; features: Float32Array }[];
  maxNewTokens?: number;
  opening: string | null;
}

/** The prompt text: the decided domains name the recordings and fill a `{sound}` placeholder of the instruction. */
export function promptOf(
  c: Pick<Conditioning, 'instruction' | 'recordings'>,
  audioTokensPerRecording: number,
): string {
  return formatPrompt({
    instruction: fillInstruction(c.instruction, c.recordings[0].domain),
    recordings: c.recordings.map((r) => ({ domain: r.domain, site: r.site })),
    audioTokensPerRecording,
  });
}

/** The conditioning of an ask from its recordings' assessments. */
export function conditioningOf(
  req: AskRequest,
  assessed: readonly { assessment: RecordingAssessment; features: Float32Array }[],
): Conditioning {
  const recordings = assessed.map(({ assessment, features }, i) => ({
    domain: assessment.domain.value,
    site: req.recordings[i].site,
    features,
  }));
  const opening = answerOpening(
    req.task,
    assessed.map((a) => a.assessment),
    req.recordings.map((r) => r.site),
  );
  return { instruction: req.instruction, recordings, maxNewTokens: req.maxNewTokens, opening };
}

/** Starts greedy generation; deltas arrive on `queue`, `done` settles when the model has stopped. */
function startGeneration(
  l: Loaded,
  c: Conditioning,
  signal: AbortSignal,
): { queue: DeltaQueue; done: Promise<void> } {
  // The opening is tokenized with the prompt, as training tokenized prompt and answer as one text.
  const text = promptOf(c, l.manifest.audioTokensPerWindow) + (c.opening ?? '');
  const batch = batchWindows(c.recordings.map((r) => r.features));
  const { input_ids, attention_mask } = l.tokenizer(text);
  const promptLength = input_ids.dims[1] as number;
  const room = l.manifest.architecture.decoder.maxPositions - promptLength;
  const maxNew = Math.max(1, Math.min(c.maxNewTokens ?? 256, room));
  const queue = new DeltaQueue(signal);
  const decoder = new DeltaDecoder((ids) => l.tokenizer.decode(ids, { skip_special_tokens: true }));
  const streamer = new TextStreamer(l.tokenizer, {
    skip_prompt: true,
    callback_function: () => {},
    token_callback_function: (ids: bigint[]) => queue.push(decoder.push(ids.map(Number))),
  });
  const done = l.model
    .generate({
      input_ids,
      attention_mask,
      audio_values: new Tensor('float32', batch.data, batch.dims),
      max_new_tokens: maxNew,
      do_sample: false,
      streamer,
      stopping_criteria: [new AbortCriteria(signal)],
    } as Parameters<PreTrainedModel['generate']>[0])
    .then(
      () => {
        queue.push(decoder.flush());
        queue.close();
      },
      (e: unknown) => queue.fail(toEngineError(e, 'Generation')),
    );
  return { queue, done };
}

/** The opening, then the decoder's continuation, a space between them unless the continuation brings its own. */
export async function* continueAfter(opening: string, rest: AsyncIterable<string>): AsyncIterable<string> {
  yield opening;
  let first = true;
  for await (const delta of rest) {
    if (first && delta.length > 0) {
      first = false;
      yield /^[\s.,;:!?]/.test(delta) ? delta : ` ${delta}`;
    } else yield delta;
  }
}

function makeEngine(l: Loaded, backend: Backend, dtype: PartDtype, key: string): Engine {
  const lock = new Lock();
  const assessor = new Assessor(l.findingsSession, l.manifest);
  let disposed = false;
  const alive = (): void => {
    if (disposed) throw new EngineError('internal', 'This engine was disposed; load the model again.');
  };
  /** One recording's assessment under the lock (the findings session must not run beside generation). */
  async function assessOne(rec: RecordingInput, index: number, signal?: AbortSignal) {
    const release = await lock.acquire();
    try {
      return await assessor.assess(rec, index, signal);
    } finally {
      release();
    }
  }
  return {
    manifest: l.manifest,
    backend,
    dtype,
    async *ask(req: AskRequest, signal?: AbortSignal): AsyncIterable<string> {
      alive();
      const stop = new AbortController();
      const onAbort = (): void => stop.abort();
      signal?.addEventListener('abort', onAbort, { once: true });
      if (signal?.aborted) stop.abort();
      let done: Promise<void> = Promise.resolve();
      let release = (): void => {};
      try {
        throwIfAborted(stop.signal, 'Generation');
        checkRecordings(l.manifest, req.recordings);
        const assessed = [];
        for (const [i, r] of req.recordings.entries()) assessed.push(await assessOne(r, i, stop.signal));
        release = await lock.acquire();
        throwIfAborted(stop.signal, 'Generation');
        const conditioning = conditioningOf(req, assessed);
        const generation = startGeneration(l, conditioning, stop.signal);
        done = generation.done;
        const abstain = uncertaintySentence(assessed.map((a) => a.assessment));
        if (abstain) yield `${abstain} `;
        if (conditioning.opening === null) yield* generation.queue;
        else yield* continueAfter(conditioning.opening, generation.queue);
      } catch (e) {
        throw toEngineError(e, 'Generation');
      } finally {
        stop.abort(); // a consumer that stopped reading also stops the model
        signal?.removeEventListener('abort', onAbort);
        void done.finally(release); // the caller returns at once; the next call waits for the model to stop
      }
    },
    async assess(rec: RecordingInput, signal?: AbortSignal): Promise<RecordingAssessment> {
      alive();
      try {
        return (await assessOne(rec, 0, signal)).assessment;
      } catch (e) {
        throw toEngineError(e, 'Assessment');
      }
    },
    async dispose(): Promise<void> {
      if (disposed) return;
      disposed = true;
      const release = await lock.acquire();
      try {
        await l.model.dispose();
        await l.findingsSession.release();
      } finally {
        VERIFIED.remove(key);
        release();
      }
    },
  };
}

const DEVICE: Record<Backend, 'webgpu' | 'wasm' | 'cpu'> = { webgpu: 'webgpu', wasm: 'wasm', cpu: 'cpu' };

/**
 * ORT session options per backend. On WASM, 'basic' graph optimisation (constant folding, redundant-node removal)
 * instead of ORT's default 'all': the extended fusions and the NCHWc layout pass cost more at session creation and
 * first run than they save on this small model (A/B in the speed bench: warm load −10–25 %, decode rate unchanged
 * within noise). WebGPU and Node keep ORT's defaults.
 */
const SESSION_OPTIONS: Record<Backend, { graphOptimizationLevel?: 'basic' }> = {
  webgpu: {},
  wasm: { graphOptimizationLevel: 'basic' },
  cpu: {},
};

async function compile(
  runtime: EngineRuntime,
  key: string,
  m: ModelManifest,
  files: Map<string, Uint8Array>,
  opts: LoadOptions,
  dtype: PartDtype,
): Promise<Loaded> {
  const total = 3;
  opts.onProgress?.({ phase: 'compile', loaded: 0, total });
  const tokenizer = await AutoTokenizer.from_pretrained(key);
  opts.onProgress?.({ phase: 'compile', loaded: 1, total, file: m.tokenizer.file });
  const model = await AutoModelForAudioTextToText.from_pretrained(key, {
    device: DEVICE[opts.backend],
    dtype: { audio_encoder: 'fp32', embed_tokens: 'fp32', decoder_model_merged: dtype },
    session_options: SESSION_OPTIONS[opts.backend],
  });
  opts.onProgress?.({ phase: 'compile', loaded: 2, total, file: m.parts.decoder_model_merged[dtype] });
  const headFile = m.parts.findings_head.fp32 as string;
  const findingsSession = await runtime.createSession(files.get(headFile) as Uint8Array, opts.backend);
  opts.onProgress?.({ phase: 'compile', loaded: 3, total, file: headFile });
  return { manifest: m, model, tokenizer, findingsSession };
}

/** A one-token answer about a second of silence: compiles kernels and allocates buffers before `ready`. */
async function warmUp(engine: Engine, opts: LoadOptions): Promise<void> {
  opts.onProgress?.({ phase: 'warmup', loaded: 0, total: 1 });
  const silence: RecordingInput = {
    samples: new Float32Array(4000),
    sampleRateHz: 4000,
    domain: 'heart',
    site: 'unknown',
  };
  for await (const _ of engine.ask(
    { instruction: 'Warm-up.', recordings: [silence], maxNewTokens: 1 },
    opts.signal,
  ))
    void _;
  opts.onProgress?.({ phase: 'warmup', loaded: 1, total: 1 });
}

export async function loadEngine(opts: LoadOptions, runtime: EngineRuntime): Promise<Engine> {
  if (!runtime.backends.includes(opts.backend))
    throw new EngineError(
      'backend-unavailable',
      `The ${runtime.name} runtime cannot run '${opts.backend}' (it runs ${runtime.backends.join(', ')}).`,
    );
  const manifest = await readManifest(runtime, opts.modelUrl, opts.signal);
  checkFeatureCompatibility(manifest);
  const dtype = opts.dtype ?? manifest.defaultDtype;
  const files = await readModelFiles(
    runtime,
    opts.modelUrl,
    filesForDtype(manifest, dtype),
    opts.onProgress,
    opts.signal,
  );
  throwIfAborted(opts.signal, 'Model loading');
  loads += 1;
  const key = `auscult-${manifest.id}-${loads}`;
  VERIFIED.add(key, files);
  configureTransformers(runtime, opts.backend);
  try {
    const loaded = await compile(runtime, key, manifest, files, opts, dtype);
    VERIFIED.remove(key); // sessions are built; drop the file bytes
    const engine = makeEngine(loaded, opts.backend, dtype, key);
    await warmUp(engine, opts);
    return engine;
  } catch (e) {
    VERIFIED.remove(key);
    throw toEngineError(e, `Loading ${manifest.id} on ${opts.backend}`);
  }
}
