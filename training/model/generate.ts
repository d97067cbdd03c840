// The trained audio LM as one object: findings probabilities and greedy generation with a KV cache, on the
// same first-window log-mel input the app uses. Used by SFT validation and by createCheckpointResponder.
import * as tf from '@tensorflow/tfjs';
import { audioTokensPerWindow, type ModelArchitecture } from '../../src/core/manifest/architecture';
import { SPECIAL_TOKENS } from '../../src/core/tasks/prompt';
import { embeddingLookup } from '../backend/ops';
import type { Tokenizer } from '../tokenizer/tokenizer';
import { disposeCache, type KvCache } from './decoder';
import { encode, headLogits } from './encoder';
import { audioTokens, inputEmbeds, nextLogits } from './lm';
import { encodeExample, packBatch, type Example } from './sequence';
import { need, type Vars } from './vars';

const EOS_ID = SPECIAL_TOKENS.indexOf('</s>');

/** Windows [nMels][windowFrames] stacked into a [R, nMels, windowFrames] tensor. */
export function windowsTensor(a: ModelArchitecture, windows: Float32Array[]): tf.Tensor3D {
  const flat = new Float32Array(windows.length * a.encoder.nMels * a.encoder.windowFrames);
  windows.forEach((w, i) => flat.set(w, i * w.length));
  return tf.tensor3d(flat, [windows.length, a.encoder.nMels, a.encoder.windowFrames]);
}

export class AudioLM {
  readonly audioTokens: number;

  constructor(
    readonly arch: ModelArchitecture,
    readonly vars: Vars,
    readonly tok: Tokenizer,
    readonly maxSeqLen: number,
  ) {
    this.audioTokens = audioTokensPerWindow(arch);
  }

  /** Findings probabilities for one window, in arch.heads.labels order. */
  findings(window: Float32Array): { label: string; probability: number }[] {
    const p = tf.tidy(() =>
      tf.sigmoid(headLogits(this.vars, encode(this.vars, this.arch, windowsTensor(this.arch, [window])))),
    );
    const data = Array.from(p.dataSync());
    p.dispose();
    return this.arch.heads.labels.map((label, i) => ({ label, probability: data[i] }));
  }

  /**
   * Decodes the answer to `ex` (one window per recording), stopping at </s> or maxNewTokens. Greedy unless `pick`
   * chooses the next id from the logits (temperature sampling for DPO candidates).
   */
  generate(
    ex: Example,
    windows: Float32Array[],
    maxNewTokens: number,
    signal?: AbortSignal,
    pick?: (logits: tf.Tensor1D) => number,
  ): string {
    if (windows.length !== ex.recordings.length)
      throw new Error(`${windows.length} windows for ${ex.recordings.length} recordings`);
    const enc = encodeExample(this.tok, { ...ex, response: undefined }, this.audioTokens, this.maxSeqLen);
    const batch = packBatch([enc], [0], this.audioTokens);
    const cache: KvCache = { k: [], v: [] };
    const out: number[] = [];
    try {
      let logits = tf.tidy(() => {
        const audio = windows.length
          ? audioTokens(this.vars, this.arch, windowsTensor(this.arch, windows))
          : tf.zeros([0, this.audioTokens, this.arch.decoder.hiddenSize]);
        return nextLogits(this.vars, this.arch, inputEmbeds(this.vars, batch, audio as tf.Tensor3D), cache);
      });
      const room = Math.min(maxNewTokens, this.maxSeqLen - enc.ids.length);
      for (let i = 0; i < room; i++) {
        if (signal?.aborted) throw new Error('aborted');
        const id = pick ? pick(logits) : (logits.argMax().dataSync() as Int32Array)[0];
        logits.dispose();
        if (id === EOS_ID) break;
        out.push(id);
        if (i === room - 1) break;
        logits = tf.tidy(() => {
          const e = embeddingLookup(
            need<tf.Tensor2D>(this.vars, 'embed.weight'),
            tf.tensor2d([id], [1, 1], 'int32'),
          );
          return nextLogits(this.vars, this.arch, e as tf.Tensor3D, cache);
        });
      }
    } finally {
      disposeCache(cache);
    }
    return this.tok.decode(out, { skipSpecial: true }).trim();
  }
}
