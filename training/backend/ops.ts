// Training ops the wasm backend lacks a gradient for, implemented with tf.customGrad.
import * as tf from '@tensorflow/tfjs';

/**
 * Embedding lookup rows = table[ids] with a gradient that works on tfjs-wasm (which has no UnsortedSegmentSum):
 * d(table) = oneHot(ids)ᵀ @ dy.  `ids` is int32 of any shape; result is [...ids.shape, D].
 */
export function embeddingLookup(table: tf.Tensor2D, ids: tf.Tensor): tf.Tensor {
  const vocab = table.shape[0];
  const flat = ids.reshape([-1]) as tf.Tensor1D;
  const f = tf.customGrad((t: tf.Tensor | tf.GradSaveFunc, save: tf.Tensor | tf.GradSaveFunc) => {
    const tt = t as tf.Tensor2D;
    (save as tf.GradSaveFunc)([flat]);
    return {
      value: tf.gather(tt, flat),
      gradFunc: (dy, saved) => {
        const oh = tf.oneHot(saved[0] as tf.Tensor1D, vocab).toFloat();
        return [tf.matMul(oh, dy as tf.Tensor2D, true, false)];
      },
    };
  });
  const rows = f(table) as tf.Tensor2D;
  return rows.reshape([...ids.shape, table.shape[1]]);
}
