// The audio LM's training forward pass: encoder → projector → audio tokens scattered into the text
// embeddings → decoder → next-token cross-entropy on response tokens only.
import * as tf from '@tensorflow/tfjs';
import { audioTokensPerWindow, type ModelArchitecture } from '../../src/core/manifest/architecture';
import { embeddingLookup } from '../backend/ops';
import { decoderHidden, lmLogits, type KvCache } from './decoder';
import { encode, project } from './encoder';
import type { SeqBatch } from './sequence';
import { need, type Vars } from './vars';

/** Audio tokens for each recording window: mels [R, nMels, T] → [R, n, D]. */
export function audioTokens(v: Vars, a: ModelArchitecture, mels: tf.Tensor3D): tf.Tensor3D {
  return tf.tidy(() => project(v, a, encode(v, a, mels)));
}

/** inputs_embeds [B, S, D]: text embeddings, with <|audio|> positions replaced by the recordings' audio tokens. */
export function inputEmbeds(v: Vars, batch: SeqBatch, audio: tf.Tensor3D): tf.Tensor3D {
  return tf.tidy(() => {
    const { B, S, maxRec } = batch;
    const [R, n, D] = audio.shape;
    const text = embeddingLookup(
      need<tf.Tensor2D>(v, 'embed.weight'),
      tf.tensor2d(batch.ids, [B, S], 'int32'),
    );
    const keep = tf.sub(1, tf.tensor3d(batch.isAudio, [B, S, 1]));
    if (R === 0) return tf.mul(text, keep) as tf.Tensor3D;
    const perEx = embeddingLookup(
      tf.reshape(audio, [R, n * D]) as tf.Tensor2D,
      tf.tensor2d(batch.recIndex, [B, maxRec], 'int32'),
    );
    const slots = tf.reshape(perEx, [B, maxRec * n, D]) as tf.Tensor3D;
    const placed = tf.matMul(tf.tensor3d(batch.audioSel, [B, S, maxRec * n]), slots);
    return tf.add(tf.mul(text, keep), placed) as tf.Tensor3D;
  });
}

/** Mean next-token cross-entropy over weighted positions; returns a scalar. */
export function lmLoss(v: Vars, a: ModelArchitecture, batch: SeqBatch, mels: tf.Tensor3D): tf.Scalar {
  return tf.tidy(() => {
    const audio = audioTokens(v, a, mels);
    const h = decoderHidden(v, a.decoder, inputEmbeds(v, batch, audio));
    const logits = lmLogits(
      v,
      a.decoder,
      tf.reshape(h, [batch.B * batch.S, a.decoder.hiddenSize]) as tf.Tensor2D,
    );
    const logp = tf.logSoftmax(logits);
    const picked = tf.sum(
      tf.mul(logp, tf.oneHot(tf.tensor1d(batch.targets, 'int32'), a.decoder.vocabSize)),
      1,
    );
    const w = tf.tensor1d(batch.weights);
    return tf.div(tf.neg(tf.sum(tf.mul(picked, w))), tf.maximum(tf.sum(w), 1)) as tf.Scalar;
  });
}

/** Logits of the last position for one sequence, extending `cache` (greedy generation). */
export function nextLogits(v: Vars, a: ModelArchitecture, embeds: tf.Tensor3D, cache: KvCache): tf.Tensor1D {
  return tf.tidy(() => {
    const h = decoderHidden(v, a.decoder, embeds, cache);
    const S = h.shape[1];
    const last = tf.reshape(tf.slice(h, [0, S - 1, 0], [1, 1, a.decoder.hiddenSize]), [
      1,
      a.decoder.hiddenSize,
    ]);
    return tf.reshape(lmLogits(v, a.decoder, last as tf.Tensor2D), [a.decoder.vocabSize]) as tf.Tensor1D;
  });
}

export { audioTokensPerWindow };
