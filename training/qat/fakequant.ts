// Quantization-aware training's weight grid: the symmetric round-to-nearest block grid that the exporter's
// MatMulNBits rounding (export/onnx/quantize.ts) reproduces exactly once a weight lies on it, a straight-through
// fake-quantizer for training, and the projection that puts a finished model's weights onto the grid.
import * as tf from '@tensorflow/tfjs';
import type { DecoderSpec } from '../../src/core/manifest/architecture';
import { linearNames, modeFor, type QuantScheme } from '../export/onnx/scheme';
import type { Vars } from '../model/vars';

export interface GridMode {
  bits: 4 | 8;
  blockSize: number;
}

/**
 * W [K, N] → the nearest point of the grid: per column, blocks of `blockSize` consecutive input rows share the step
 * absmax / (2^(bits−1) − 1), and each value becomes round(w / step) · step. A ragged last block is zero-padded, as the
 * exporter pads it. Idempotent: a weight on the grid keeps the same absmax, hence the same step and codes.
 */
export function gridOf(w: tf.Tensor2D, mode: GridMode): tf.Tensor2D {
  return tf.tidy(() => {
    const [k, n] = w.shape;
    const blocks = Math.ceil(k / mode.blockSize);
    const padded =
      blocks * mode.blockSize === k
        ? w
        : tf.pad(w, [
            [0, blocks * mode.blockSize - k],
            [0, 0],
          ]);
    const b = tf.reshape(padded, [blocks, mode.blockSize, n]);
    const absMax = tf.max(tf.abs(b), 1, true);
    const top = (1 << (mode.bits - 1)) - 1;
    // An all-zero block keeps step 1 (its codes are 0 either way), as the exporter does.
    const step = tf.where(tf.greater(absMax, 0), tf.div(absMax, top), tf.onesLike(absMax));
    const q = tf.reshape(tf.mul(tf.round(tf.div(b, step)), step), [blocks * mode.blockSize, n]);
    return (blocks * mode.blockSize === k ? q : tf.slice(q, [0, 0], [k, n])) as tf.Tensor2D;
  });
}

/** Forward: the grid; backward: the identity (straight-through estimator), so the latent fp32 weight keeps learning. */
export function fakeQuant(w: tf.Tensor2D, mode: GridMode): tf.Tensor2D {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
    value: gridOf(args[0] as tf.Tensor2D, mode),
    gradFunc: (dy: tf.Tensor) => dy,
  }));
  return f(w) as tf.Tensor2D;
}

/**
 * Checkpoint weight name and grid of every decoder linear weight the scheme quantizes. QAT trains against the
 * exporter's plain rounding, so only symmetric, non-GPTQ modes are accepted; the tied LM head (the embedding) stays
 * fp32 because embed_tokens shares it.
 */
export function qatTargets(
  scheme: QuantScheme,
  spec: Pick<DecoderSpec, 'numLayers' | 'tieEmbeddings'>,
): Map<string, GridMode> {
  const out = new Map<string, GridMode>();
  for (const name of linearNames(spec)) {
    const m = modeFor(scheme, name);
    if (m.kind === 'fp32') continue;
    if (m.asymmetric || m.gptq)
      throw new Error(
        `QAT scheme: ${name} uses ${m.asymmetric ? 'zero points' : 'GPTQ'}; QAT trains for symmetric rounding (e.g. *=4/32)`,
      );
    if (name === 'lm_head' && spec.tieEmbeddings)
      throw new Error(
        'QAT scheme: the LM head is tied to the embedding table, which stays fp32; add lm_head=fp32',
      );
    out.set(name === 'lm_head' ? 'lm_head.weight' : `${name}.weight`, {
      bits: m.bits,
      blockSize: m.blockSize,
    });
  }
  if (!out.size) throw new Error('QAT scheme quantizes no decoder weight');
  return out;
}

/** The variables with every target replaced by its fake-quantized tensor (call inside the loss closure or a tidy). */
export function quantizedView(vars: Vars, targets: Map<string, GridMode>): Vars {
  const out: Vars = new Map(vars);
  for (const [name, mode] of targets) {
    const w = vars.get(name);
    if (!w) throw new Error(`QAT: model weight ${name} is missing`);
    // The decoder only reads these as tensors; Vars is typed as variables because training updates them in place.
    out.set(name, fakeQuant(w as unknown as tf.Tensor2D, mode) as unknown as tf.Variable);
  }
  return out;
}

/** Moves every target variable onto its grid in place (the finished model: fp32 then equals its quantized export). */
export function projectToGrid(vars: Vars, targets: Map<string, GridMode>): void {
  for (const [name, mode] of targets) {
    const w = vars.get(name);
    if (!w) throw new Error(`QAT: model weight ${name} is missing`);
    const g = gridOf(w as unknown as tf.Tensor2D, mode);
    w.assign(g);
    g.dispose();
  }
}
