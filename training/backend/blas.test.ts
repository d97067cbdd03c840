// Parity of the OpenBLAS BatchMatMul override against tfjs-wasm's stock kernel (values and gradients),
// and of the custom-grad embedding lookup against a dense oneHot matmul. Skipped when the addon is not built.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBlasAddon, registerBlasMatMul, restoreStockMatMul } from './blas';
import { embeddingLookup } from './ops';

const addon = loadBlasAddon();
if (typeof addon === 'string') console.warn(`[skip] backend parity: ${addon}`);

function maxDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

const CASES: [number[], number[], boolean, boolean][] = [
  [[7, 5], [5, 3], false, false],
  [[4, 7, 5], [4, 5, 3], false, false],
  [[2, 3, 6, 5], [2, 3, 6, 4], true, false],
  [[2, 3, 6, 5], [2, 3, 4, 5], false, true],
  [[4, 6, 5], [5, 3], false, false],
  [[5, 6], [3, 4, 5], true, true],
];

function run(seed: number) {
  return CASES.map(([sa, sb, ta, tb], i) =>
    tf.tidy(() => {
      const a = tf.randomNormal(sa, 0, 1, 'float32', seed + i);
      const b = tf.randomNormal(sb, 0, 1, 'float32', seed + 100 + i);
      const y = tf.keep(tf.matMul(a, b, ta, tb));
      // tfjs's own matMul gradient does not reduce broadcast batch dims, so only equal ranks are differentiated.
      if (sa.length !== sb.length) return { y, ga: y, gb: y };
      const f = (x: tf.Tensor, z: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, z, ta, tb)));
      const [ga, gb] = tf.grads(f)([a, b]);
      return { y, ga: tf.keep(ga), gb: tf.keep(gb) };
    }),
  );
}

describe.skipIf(typeof addon === 'string')('OpenBLAS BatchMatMul override', () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
    await tf.ready();
  });

  it('matches the stock wasm kernel in values and gradients', () => {
    const reference = run(1);
    const stock = tf.getKernel('BatchMatMul', 'wasm')!;
    registerBlasMatMul(addon as Exclude<typeof addon, string>);
    try {
      const blas = run(1);
      let worst = 0;
      reference.forEach((r, i) => {
        expect(blas[i].y.shape).toEqual(r.y.shape);
        worst = Math.max(
          worst,
          maxDiff(r.y, blas[i].y),
          maxDiff(r.ga, blas[i].ga),
          maxDiff(r.gb, blas[i].gb),
        );
      });
      console.log(
        `BLAS vs stock BatchMatMul: max |diff| = ${worst.toExponential(2)} over ${CASES.length} shapes`,
      );
      expect(worst).toBeLessThan(1e-4);
    } finally {
      restoreStockMatMul(stock);
    }
  });

  it('embeddingLookup gradient equals the dense oneHot matmul gradient', () => {
    const table = tf.randomNormal([11, 4], 0, 1, 'float32', 3) as tf.Tensor2D;
    const ids = tf.tensor2d(
      [
        [1, 3, 3],
        [10, 0, 1],
      ],
      [2, 3],
      'int32',
    );
    const w = tf.randomNormal([2, 3, 4], 0, 1, 'float32', 4);
    const viaGather = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(embeddingLookup(t as tf.Tensor2D, ids), w)))(
      table,
    );
    const dense = tf.grad((t: tf.Tensor) =>
      tf.sum(tf.mul(tf.matMul(tf.oneHot(ids.reshape([-1]), 11).toFloat(), t).reshape([2, 3, 4]), w)),
    )(table);
    const d = maxDiff(viaGather, dense);
    console.log(`embeddingLookup grad vs dense: max |diff| = ${d.toExponential(2)}`);
    expect(d).toBeLessThan(1e-5);
    expect(maxDiff(embeddingLookup(table, ids), tf.gather(table, ids))).toBe(0);
  });
});
