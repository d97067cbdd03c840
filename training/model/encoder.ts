// Audio encoder (instance norm + strided conv1d stack), projector (frames → audio tokens) and findings heads,
// computed exactly as specified in src/core/manifest/architecture.ts.
import * as tf from '@tensorflow/tfjs';
import type { EncoderSpec, ModelArchitecture } from '../../src/core/manifest/architecture';
import { need, type Vars } from './vars';

/**
 * conv1d, stride 2, zero padding `pad` both sides, as im2col + one matMul: tfjs-wasm has no Conv2DBackpropFilter,
 * and the matMul runs on the BLAS kernel. x [B, T, Cin], w [k, Cin, Cout] → [B, floor((T + 2·pad − k) / 2) + 1, Cout].
 */
export function conv1dStride2(x: tf.Tensor3D, w: tf.Tensor3D, pad: number): tf.Tensor3D {
  const [B, T, C] = x.shape;
  const [k, , cout] = w.shape;
  const tOut = Math.floor((T + 2 * pad - k) / 2) + 1;
  const half = tOut + Math.ceil(k / 2);
  const padded = tf.pad(x, [
    [0, 0],
    [pad, 2 * half - T - pad],
    [0, 0],
  ]);
  const pairs = tf.reshape(padded, [B, half, 2, C]);
  const phase = [0, 1].map((p) => tf.reshape(tf.slice(pairs, [0, 0, p, 0], [B, half, 1, C]), [B, half, C]));
  const taps = Array.from({ length: k }, (_, j) =>
    tf.slice(phase[j % 2], [0, Math.floor(j / 2), 0], [B, tOut, C]),
  );
  const cols = tf.reshape(tf.concat(taps, 2), [B * tOut, k * C]) as tf.Tensor2D;
  return tf.reshape(tf.matMul(cols, tf.reshape(w, [k * C, cout]) as tf.Tensor2D), [
    B,
    tOut,
    cout,
  ]) as tf.Tensor3D;
}

/**
 * The encoder's input normalisation (src/core/manifest/architecture.ts EncoderSpec.norm), mels [B, nMels, T].
 * Means and variances are means of per-mel means. The exported graph reduces in the same order
 * (training/export/onnx/layers.ts): a mean rounded differently is an error shared by every input value, which the
 * conv stack carries coherently to the audio tokens (docs/export.md).
 */
export function normalize(mels: tf.Tensor3D, e: Pick<EncoderSpec, 'norm' | 'floorNepers'>): tf.Tensor3D {
  return tf.tidy(() => {
    const overWindow = (v: tf.Tensor) => tf.mean(tf.mean(v, 2, true), 1, true);
    if ((e.norm ?? 'window') === 'window') {
      const centered = tf.sub(mels, overWindow(mels));
      return tf.div(centered, tf.sqrt(tf.add(overWindow(tf.square(centered)), 1e-5))) as tf.Tensor3D;
    }
    let x: tf.Tensor = mels;
    if (e.floorNepers) x = tf.maximum(x, tf.sub(tf.max(tf.mean(x, 2, true), 1, true), e.floorNepers));
    const centered = tf.sub(x, tf.mean(x, 2, true));
    return tf.div(centered, tf.sqrt(tf.add(overWindow(tf.square(centered)), 1e-5))) as tf.Tensor3D;
  });
}

/** mels [B, nMels, T] (any T) → encoder frames [B, T', C], time-ordered. */
export function encode(v: Vars, a: ModelArchitecture, mels: tf.Tensor3D): tf.Tensor3D {
  return tf.tidy(() => {
    let x = tf.transpose(normalize(mels, a.encoder), [0, 2, 1]) as tf.Tensor3D;
    const pad = Math.floor(a.encoder.kernel / 2);
    a.encoder.channels.forEach((_, i) => {
      const conv = conv1dStride2(x, need<tf.Tensor3D>(v, `enc.conv${i}.weight`), pad);
      const pre = tf.add(conv, need(v, `enc.conv${i}.bias`));
      x = tf.mul(pre, tf.sigmoid(pre)) as tf.Tensor3D;
    });
    return x;
  });
}

/** frames [B, T', C] → audio tokens [B, floor(T'/f), D] (f frames concatenated time-major per token). */
export function project(v: Vars, a: ModelArchitecture, frames: tf.Tensor3D): tf.Tensor3D {
  return tf.tidy(() => {
    const [B, T, C] = frames.shape;
    const f = a.projector.framesPerToken;
    const n = Math.floor(T / f);
    const grouped = tf.reshape(tf.slice(frames, [0, 0, 0], [B, n * f, C]), [B * n, f * C]) as tf.Tensor2D;
    const h = tf.add(tf.matMul(grouped, need<tf.Tensor2D>(v, 'proj.fc1.weight')), need(v, 'proj.fc1.bias'));
    const s = tf.mul(h, tf.sigmoid(h)) as tf.Tensor2D;
    const o = tf.add(tf.matMul(s, need<tf.Tensor2D>(v, 'proj.fc2.weight')), need(v, 'proj.fc2.bias'));
    return tf.reshape(o, [B, n, a.decoder.hiddenSize]) as tf.Tensor3D;
  });
}

/** Mean- and max-pooled frames [B, 2C] (the heads' input; also the contrastive embedding). */
export function pool(frames: tf.Tensor3D): tf.Tensor2D {
  return tf.tidy(() => tf.concat([tf.mean(frames, 1), tf.max(frames, 1)], 1) as tf.Tensor2D);
}

/** Findings logits [B, labels] (sigmoid gives probabilities). */
export function headLogits(v: Vars, frames: tf.Tensor3D): tf.Tensor2D {
  return tf.tidy(
    () =>
      tf.add(
        tf.matMul(pool(frames), need<tf.Tensor2D>(v, 'heads.weight')),
        need(v, 'heads.bias'),
      ) as tf.Tensor2D,
  );
}
