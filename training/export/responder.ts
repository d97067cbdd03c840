// Eval plug-in for exported model folders: answers bench items through src/engine in Node (the same engine code the
// Worker runs), so `npm run eval -- --model models/<id>` measures exactly what the app would answer.
import type { Domain } from '../../src/core/clinical/schema';
import { FEATURE_CONFIG } from '../../src/core/features/config';
import type { PartDtype } from '../../src/core/manifest/manifest';
import type { BenchItem } from '../../src/core/tasks/types';
import { loadEngine } from '../../src/engine/engine';
import { createNodeRuntime } from '../../src/engine/runtime-node';
import type { Backend, Engine, RecordingInput } from '../../src/engine/types';

export interface EngineResponderOptions {
  backend?: Backend;
  dtype?: PartDtype;
  maxNewTokens?: number;
}

/** Structurally the Responder of training/eval/responder.ts, plus the loaded engine and dispose(). */
export interface EngineResponder {
  name: string;
  engine: Engine;
  answer(item: BenchItem, audio: Float32Array[], signal?: AbortSignal): Promise<string>;
  dispose(): Promise<void>;
}

/** The recordings of a bench item: audio at the model rate, domain from the item, site per recording's labels. */
export function itemRecordings(
  item: BenchItem,
  audio: Float32Array[],
): (RecordingInput & { domain: Domain })[] {
  if (audio.length !== item.recordings.length)
    throw new Error(`${item.id}: ${audio.length} audio arrays for ${item.recordings.length} recordings`);
  return audio.map((samples, i) => ({
    samples,
    sampleRateHz: FEATURE_CONFIG.sampleRateHz,
    domain: item.labels[i]?.domain ?? item.domain,
    site: item.labels[i]?.site ?? item.site,
  }));
}

export async function createEngineResponder(
  dir: string,
  opts: EngineResponderOptions = {},
): Promise<EngineResponder> {
  const engine = await loadEngine(
    { modelUrl: dir, backend: opts.backend ?? 'cpu', dtype: opts.dtype },
    createNodeRuntime(),
  );
  return {
    name: `${engine.manifest.id}:${engine.dtype}:${engine.backend}`,
    engine,
    async answer(item, audio, signal) {
      let text = '';
      // An out-of-scope question must be declined, not opened with a verdict: it is asked as a free question.
      const task = item.outOfScope ? undefined : item.task;
      const req = {
        instruction: item.instruction,
        recordings: itemRecordings(item, audio),
        maxNewTokens: opts.maxNewTokens ?? 256,
        task,
      };
      for await (const delta of engine.ask(req, signal)) text += delta;
      return text.trim();
    },
    dispose: () => engine.dispose(),
  };
}
