// The im2col stride-2 conv must equal tfjs's own conv1d (explicit padding) in values; its gradient must exist on wasm.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index';
import { conv1dStride2 } from './encoder';

beforeAll(async () => {
  await initBackend({ quiet: true });
});

describe('conv1dStride2', () => {
  it('matches tf.conv1d with symmetric zero padding for odd and even lengths and kernels', () => {
    let worst = 0;
    for (const [T, k] of [
      [16, 5],
      [17, 5],
      [9, 3],
      [8, 4],
    ]) {
      const pad = Math.floor(k / 2);
      const x = tf.randomNormal([2, T, 3], 0, 1, 'float32', T) as tf.Tensor3D;
      const w = tf.randomNormal([k, 3, 4], 0, 1, 'float32', k) as tf.Tensor3D;
      const ref = tf.conv1d(
        tf.pad(x, [
          [0, 0],
          [pad, pad],
          [0, 0],
        ]) as tf.Tensor3D,
        w,
        2,
        'valid',
      );
      const got = conv1dStride2(x, w, pad);
      expect(got.shape).toEqual(ref.shape);
      worst = Math.max(worst, tf.max(tf.abs(tf.sub(got, ref))).dataSync()[0]);
    }
    console.log(`conv1dStride2 vs tf.conv1d: max |diff| = ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-4);
  });

  it('has a gradient for the weights on the wasm backend', () => {
    const x = tf.randomNormal([1, 10, 2]) as tf.Tensor3D;
    const g = tf.grad((w: tf.Tensor) => tf.sum(conv1dStride2(x, w as tf.Tensor3D, 2)))(tf.ones([5, 2, 3]));
    expect(g.shape).toEqual([5, 2, 3]);
    expect(tf.sum(tf.abs(g)).dataSync()[0]).toBeGreaterThan(0);
  });
});
