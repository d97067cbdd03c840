// The OpenBLAS BatchMatMul override for tfjs-backend-wasm: sgemm on Float32Array views of the wasm heap,
// transpose flags passed to BLAS instead of materialized transposes. Falls back to the stock kernel otherwise.
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';

export interface BlasAddon {
  sgemmBatch(
    a: Float32Array,
    b: Float32Array,
    c: Float32Array,
    batch: number,
    m: number,
    n: number,
    k: number,
    transA: boolean,
    transB: boolean,
    strideA: number,
    strideB: number,
  ): void;
  setThreads(n: number): void;
}

/** Where `npm run build:native` puts the addon. */
export const ADDON_PATH = path.resolve(import.meta.dirname, '../native/build/Release/auscult_blas.node');

/** Loads the addon, or returns the reason it is unavailable. */
export function loadBlasAddon(): BlasAddon | string {
  try {
    return createRequire(import.meta.url)(ADDON_PATH) as BlasAddon;
  } catch (e) {
    return `OpenBLAS addon not built (${ADDON_PATH}: ${(e as Error).message.split('\n')[0]}); run \`npm run build:native\``;
  }
}

/** The slice of the wasm backend this kernel touches (tfjs does not export these types). */
interface WasmBackendLike {
  wasm: { HEAPU8: Uint8Array };
  dataIdMap: { get(id: object): { memoryOffset: number } };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
}

function heapView(backend: WasmBackendLike, t: tf.TensorInfo): Float32Array {
  const n = t.shape.reduce((a, b) => a * b, 1);
  return new Float32Array(backend.wasm.HEAPU8.buffer, backend.dataIdMap.get(t.dataId).memoryOffset, n);
}

function dims(shape: number[], trans: boolean): { batch: number; rows: number; cols: number } {
  const r = shape.length;
  const batch = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return trans
    ? { batch, rows: shape[r - 1], cols: shape[r - 2] }
    : { batch, rows: shape[r - 2], cols: shape[r - 1] };
}

/**
 * Replaces tfjs-wasm's BatchMatMul with OpenBLAS. Batch dims must be equal or one side must have batch 1
 * (what tfjs itself emits); other shapes and non-float32 inputs go to the stock kernel.
 */
export function registerBlasMatMul(addon: BlasAddon): void {
  const stock = tf.getKernel('BatchMatMul', 'wasm');
  if (!stock) throw new Error('the wasm backend must be registered before the BLAS override');
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({
    kernelName: 'BatchMatMul',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
      const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
      const A = dims(a.shape, transposeA);
      const B = dims(b.shape, transposeB);
      const batch = Math.max(A.batch, B.batch);
      const sameOuter =
        a.shape.length === b.shape.length && a.shape.slice(0, -2).every((d, i) => d === b.shape[i]);
      const ok = (A.batch === B.batch && sameOuter) || A.batch === 1 || B.batch === 1;
      if (!ok || a.dtype !== 'float32' || b.dtype !== 'float32' || A.cols !== B.rows)
        return stock.kernelFunc(args);
      const backend = args.backend as unknown as WasmBackendLike;
      const outer = (A.batch >= B.batch ? a : b).shape.slice(0, -2);
      const out = backend.makeOutput([...outer, A.rows, B.cols], 'float32');
      // Views are taken after makeOutput: allocating may grow (and move) the wasm heap.
      addon.sgemmBatch(
        heapView(backend, a),
        heapView(backend, b),
        heapView(backend, out),
        batch,
        A.rows,
        B.cols,
        A.cols,
        transposeA,
        transposeB,
        A.batch === 1 ? 0 : A.rows * A.cols,
        B.batch === 1 ? 0 : B.rows * B.cols,
      );
      return out;
    },
  });
}

/** Restores the stock kernel (parity tests). */
export function restoreStockMatMul(stock: tf.KernelConfig): void {
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel(stock);
}
