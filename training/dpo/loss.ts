// The preference losses: per-sequence response log-likelihoods, DPO with β, and the mDPO-style audio-conditioned term
// (chosen answer more likely with the clean than the degraded audio) plus an anchor on the chosen likelihood.
import * as tf from '@tensorflow/tfjs';
import type { ModelArchitecture } from '../../src/core/manifest/architecture';
import { decoderHidden, lmLogits } from '../model/decoder';
import { audioTokens, inputEmbeds } from '../model/lm';
import type { SeqBatch } from '../model/sequence';
import type { Vars } from '../model/vars';

/** Sum of log p(response token) per sequence of the batch: [B]. */
export function sequenceLogProbs(
  v: Vars,
  a: ModelArchitecture,
  batch: SeqBatch,
  mels: tf.Tensor3D,
): tf.Tensor1D {
  return tf.tidy(() => {
    const h = decoderHidden(v, a.decoder, inputEmbeds(v, batch, audioTokens(v, a, mels)));
    const logits = lmLogits(
      v,
      a.decoder,
      tf.reshape(h, [batch.B * batch.S, a.decoder.hiddenSize]) as tf.Tensor2D,
    );
    const picked = tf.sum(
      tf.mul(tf.logSoftmax(logits), tf.oneHot(tf.tensor1d(batch.targets, 'int32'), a.decoder.vocabSize)),
      1,
    );
    const weighted = tf.mul(picked, tf.tensor1d(batch.weights));
    return tf.sum(tf.reshape(weighted, [batch.B, batch.S]), 1) as tf.Tensor1D;
  });
}

/** Log-likelihoods [P] of each pair's answers under one model. `chosenDegraded`: chosen answer, degraded audio. */
export interface PairLogProbs {
  chosen: tf.Tensor1D;
  rejected: tf.Tensor1D;
  chosenDegraded?: tf.Tensor1D;
}

export interface PreferenceWeights {
  beta: number;
  mdpoWeight: number;
  anchorWeight: number;
}

const negLogSigmoid = (x: tf.Tensor) => tf.softplus(tf.neg(x));

/**
 * L = −log σ(β(Δc − Δr)) + w_m·(−log σ(β(Δc − Δc′))) + w_a·(−log σ(β·Δc)), averaged over pairs, where Δ = log π − log π_ref
 * for the chosen (c), rejected (r) and chosen-with-degraded-audio (c′) sequences. Also returns the mean DPO margin
 * β(Δc − Δr) and the share of pairs it ranks right.
 */
export function preferenceLoss(
  policy: PairLogProbs,
  ref: PairLogProbs,
  w: PreferenceWeights,
): { loss: tf.Scalar; margin: tf.Scalar; accuracy: tf.Scalar } {
  return tf.tidy(() => {
    const dc = tf.sub(policy.chosen, ref.chosen);
    const dr = tf.sub(policy.rejected, ref.rejected);
    const margin = tf.mul(tf.sub(dc, dr), w.beta);
    let loss = tf.mean(negLogSigmoid(margin));
    if (w.mdpoWeight > 0) {
      if (!policy.chosenDegraded || !ref.chosenDegraded)
        throw new Error('mdpoWeight > 0 needs the chosen answers scored with degraded audio');
      const dd = tf.sub(policy.chosenDegraded, ref.chosenDegraded);
      loss = tf.add(loss, tf.mul(tf.mean(negLogSigmoid(tf.mul(tf.sub(dc, dd), w.beta))), w.mdpoWeight));
    }
    if (w.anchorWeight > 0)
      loss = tf.add(loss, tf.mul(tf.mean(negLogSigmoid(tf.mul(dc, w.beta))), w.anchorWeight));
    return {
      loss: loss as tf.Scalar,
      margin: tf.mean(margin) as tf.Scalar,
      accuracy: tf.mean(tf.cast(tf.greater(margin, 0), 'float32')) as tf.Scalar,
    };
  });
}
