// The eval plug-in: anything that answers a bench item (baselines, a training checkpoint, an exported model).
import type { BenchItem } from '../../src/core/tasks/types';

export interface Responder {
  name: string;
  /** False for text-only baselines: the runner then skips decoding audio (passes empty arrays). Default true. */
  usesAudio?: boolean;
  /** `audio`: mono, FEATURE_CONFIG.sampleRateHz, one per recording of the item. */
  answer(item: BenchItem, audio: Float32Array[], signal?: AbortSignal): Promise<string>;
  dispose?(): Promise<void>;
}
