// Runs a responder over items: decodes each recording at the model rate (skipped for text-only responders),
// asks for an answer, scores it, and reports progress.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeWav } from '../../src/core/audio/wav';
import { FEATURE_CONFIG } from '../../src/core/features/config';
import { toModelRate } from '../../src/core/features/logmel';
import type { ScoredItem } from '../../src/core/tasks/metrics';
import { scoreItem } from '../../src/core/tasks/score';
import type { BenchItem } from '../../src/core/tasks/types';
import type { Responder } from './responder';

export async function loadAudio(audioRoot: string, rel: string): Promise<Float32Array> {
  const wav = decodeWav(new Uint8Array(await readFile(path.resolve(audioRoot, rel))));
  return wav.sampleRateHz === FEATURE_CONFIG.sampleRateHz
    ? wav.samples
    : toModelRate(wav.samples, wav.sampleRateHz);
}

export interface RunOptions {
  audioRoot: string;
  /** Applied to an item's decoded recordings before the responder sees them (eval --degrade). */
  audioTransform?: (item: BenchItem, audio: Float32Array[]) => Float32Array[];
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export async function runItems(
  responder: Responder,
  items: BenchItem[],
  opts: RunOptions,
): Promise<ScoredItem[]> {
  const out: ScoredItem[] = [];
  for (const item of items) {
    const decoded =
      responder.usesAudio === false
        ? []
        : await Promise.all(item.audio.map((a) => loadAudio(opts.audioRoot, a)));
    const audio = opts.audioTransform && decoded.length ? opts.audioTransform(item, decoded) : decoded;
    let answer: string;
    try {
      answer = await responder.answer(item, audio, opts.signal);
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      // A failed answer is scored as an empty (wrong) answer, and the error is kept in the output.
      answer = '';
      console.warn(`${item.id}: ${err instanceof Error ? err.message : String(err)}`);
    }
    out.push({ item, answer, score: scoreItem(item, answer) });
    opts.onProgress?.(out.length, items.length);
  }
  return out;
}
