// The adversarial source head of pretraining: a linear head on the pooled embedding learns which training source a
// crop came from, among the sources of the recording's own domain (heart or lung: telling those apart is the domain
// head's job), while the encoder learns against it, so what tells the datasets apart is unlearned. Two ways to learn
// against it: 'reverse' (DANN: the encoder receives the head's negated gradient) and 'confuse' (the encoder is pulled
// towards the head predicting every source of the domain equally; the head learns on features it cannot move).
import * as tf from '@tensorflow/tfjs';
import { SOURCES, type Domain } from '../../src/core/clinical/schema';
import type { CorpusEntry } from '../../src/core/clinical/corpus';

/** The head's classes: every known source, so the weights' shape never depends on which sources a run trains on. */
export const ADV_CLASSES: readonly string[] = SOURCES;

export type AdversaryMode = 'reverse' | 'confuse';

/** The config's sourceAdvMode, checked. */
export function adversaryMode(s: string): AdversaryMode {
  if (s !== 'reverse' && s !== 'confuse')
    throw new Error(`config sourceAdvMode: '${s}' is not 'reverse' or 'confuse'`);
  return s;
}

/** Identity forward; the gradient is multiplied by `k` on the way back (−scale reverses it, 0 stops it). */
export function scaleGradient<T extends tf.Tensor>(x: T, k: number): T {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
    value: tf.clone(args[0] as tf.Tensor),
    gradFunc: (dy: tf.Tensor) => tf.mul(dy, k),
  }));
  return f(x) as T;
}

/**
 * The reversal's strength over training (the DANN schedule 2 / (1 + e^(−10p)) − 1 for progress p in [0, 1]): the
 * encoder first learns the findings, and the reversal grows as the source head becomes informative.
 */
export function reversalScale(step: number, steps: number): number {
  const p = Math.min(1, Math.max(0, step / Math.max(1, steps)));
  return 2 / (1 + Math.exp(-10 * p)) - 1;
}

/** Per domain, an additive logit mask: 0 for the sources with training recordings of that domain, −1e9 otherwise. */
export function sourceMasks(train: CorpusEntry[]): Map<Domain, Float32Array> {
  const out = new Map<Domain, Float32Array>();
  for (const e of train) {
    const k = ADV_CLASSES.indexOf(e.source);
    if (k < 0) throw new Error(`source head: unknown source "${e.source}"`);
    let m = out.get(e.domain);
    if (!m) out.set(e.domain, (m = new Float32Array(ADV_CLASSES.length).fill(-1e9)));
    m[k] = 0;
  }
  return out;
}

/** Targets for one batch of picks (both views): one-hot sources [2B, S] and the domain masks [2B, S]. */
export function sourceTargets(
  picks: CorpusEntry[],
  masks: Map<Domain, Float32Array>,
): { y: Float32Array; mask: Float32Array } {
  const S = ADV_CLASSES.length;
  const n = 2 * picks.length;
  const y = new Float32Array(n * S);
  const mask = new Float32Array(n * S);
  for (let v = 0; v < 2; v++)
    picks.forEach((e, b) => {
      const i = v * picks.length + b;
      y[i * S + ADV_CLASSES.indexOf(e.source)] = 1;
      mask.set(masks.get(e.domain)!, i * S);
    });
  return { y, mask };
}

/**
 * The adversarial loss over pooled embeddings, and the head's accuracy (how well the sources can still be told apart
 * within a domain; falling accuracy means the encoder is losing the shortcut). `scale` weighs what reaches the encoder.
 */
export function sourceLoss(
  pooled: tf.Tensor2D,
  weight: tf.Tensor,
  bias: tf.Tensor,
  t: { y: Float32Array; mask: Float32Array },
  scale: number,
  mode: AdversaryMode = 'reverse',
): { loss: tf.Scalar; accuracy: number } {
  const S = ADV_CLASSES.length;
  const n = pooled.shape[0];
  const mask = tf.tensor2d(t.mask, [n, S]);
  const y = tf.tensor2d(t.y, [n, S]);
  const logitsOf = (x: tf.Tensor2D, w: tf.Tensor, b: tf.Tensor) =>
    tf.add(tf.add(tf.matMul(x, w as tf.Tensor2D), b), mask) as tf.Tensor2D;
  if (mode === 'reverse') {
    const logits = logitsOf(scaleGradient(pooled, -scale), weight, bias);
    return { loss: tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar, accuracy: accuracyOf(logits, y) };
  }
  // The head learns on features it cannot move; the encoder, through a head it cannot move, aims at the uniform
  // distribution over the domain's sources.
  const head = logitsOf(scaleGradient(pooled, 0), weight, bias);
  const uniform = tf.div(
    tf.cast(tf.equal(mask, 0), 'float32'),
    tf.sum(tf.cast(tf.equal(mask, 0), 'float32'), 1, true),
  );
  const fooled = logitsOf(scaleGradient(pooled, scale), scaleGradient(weight, 0), scaleGradient(bias, 0));
  const loss = tf.add(
    tf.losses.softmaxCrossEntropy(y, head),
    tf.losses.softmaxCrossEntropy(uniform, fooled),
  ) as tf.Scalar;
  return { loss, accuracy: accuracyOf(head, y) };
}

const accuracyOf = (logits: tf.Tensor2D, y: tf.Tensor2D): number =>
  tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(y, 1)), 'float32')).dataSync()[0];
