// Block-wise symmetric weight quantization in the layout of com.microsoft MatMulNBits (4 or 8 bits), with the step
// size per block chosen among a few clipping levels to minimize squared error.
// W is [K, N] (in, out) as in the checkpoint; B is [N, ceil(K/block), block*bits/8], scales [N*blocks].

export type QuantBits = 4 | 8;

export interface QuantizedMatrix {
  k: number;
  n: number;
  bits: QuantBits;
  blockSize: number;
  /** Packed codes, [N, blocks, blockSize * bits / 8]. */
  b: Uint8Array;
  /** One scale per (column, block), [N * blocks]. */
  scales: Float32Array;
}

/** The implicit zero point MatMulNBits uses when none is given. */
export function zeroPoint(bits: QuantBits): number {
  return 1 << (bits - 1);
}

/** Candidate step sizes, as fractions of the absmax step: clipping the rare extreme value often lowers the error. */
const SCALE_FRACTIONS = [1, 0.95, 0.9, 0.85, 0.8, 0.75];

/** Squared error of coding `v` with `scale` (codes clamped to [0, 2·zp − 1]). */
function blockError(v: Float32Array, scale: number, zp: number): number {
  let e = 0;
  for (let j = 0; j < v.length; j++) {
    const q = Math.max(0, Math.min(2 * zp - 1, Math.round(v[j] / scale) + zp));
    e += (v[j] - (q - zp) * scale) ** 2;
  }
  return e;
}

/** The step size with the least squared error among the candidates (absmax / (zp − 1) first). */
export function bestScale(v: Float32Array, zp: number): number {
  let absMax = 0;
  for (let j = 0; j < v.length; j++) absMax = Math.max(absMax, Math.abs(v[j]));
  if (absMax === 0) return 1;
  let best = absMax / (zp - 1);
  let bestErr = blockError(v, best, zp);
  for (const f of SCALE_FRACTIONS.slice(1)) {
    const scale = (f * absMax) / (zp - 1);
    const err = blockError(v, scale, zp);
    if (err < bestErr) [best, bestErr] = [scale, err];
  }
  return best;
}

export function quantizeMatrix(w: Float32Array, k: number, n: number, bits: QuantBits, blockSize: number): QuantizedMatrix {
  if (w.length !== k * n) throw new Error(`quantizeMatrix: ${w.length} values for [${k}, ${n}]`);
  if (blockSize < 16 || (blockSize & (blockSize - 1)) !== 0) throw new Error(`block size must be a power of two ≥ 16, got ${blockSize}`);
  const blocks = Math.ceil(k / blockSize);
  const blob = (blockSize * bits) / 8;
  const b = new Uint8Array(n * blocks * blob);
  const scales = new Float32Array(n * blocks);
  const zp = zeroPoint(bits);
  const v = new Float32Array(blockSize);
  for (let col = 0; col < n; col++) {
    for (let blk = 0; blk < blocks; blk++) {
      for (let j = 0; j < blockSize; j++) {
        const i = blk * blockSize + j;
        v[j] = i < k ? w[i * n + col] : 0; // a ragged last block is zero-padded
      }
      const scale = Math.fround(bestScale(v, zp));
      scales[col * blocks + blk] = scale;
      const base = (col * blocks + blk) * blob;
      for (let j = 0; j < blockSize; j++) {
        const q = Math.max(0, Math.min(2 * zp - 1, Math.round(v[j] / scale) + zp));
        if (bits === 8) b[base + j] = q;
        else b[base + (j >> 1)] |= (j & 1) === 0 ? q : q << 4;
      }
    }
  }
  return { k, n, bits, blockSize, b, scales };
}

/** Dequantizes back to [K, N] floats: the exact weights the quantized graph computes with. */
export function dequantizeMatrix(q: QuantizedMatrix): Float32Array {
  const { k, n, bits, blockSize } = q;
  const blocks = Math.ceil(k / blockSize);
  const blob = (blockSize * bits) / 8;
  const zp = zeroPoint(bits);
  const w = new Float32Array(k * n);
  for (let col = 0; col < n; col++) {
    for (let i = 0; i < k; i++) {
      const blk = Math.floor(i / blockSize);
      const j = i % blockSize;
      const byte = q.b[(col * blocks + blk) * blob + (bits === 8 ? j : j >> 1)];
      const code = bits === 8 ? byte : (j & 1) === 0 ? byte & 15 : byte >> 4;
      w[i * n + col] = (code - zp) * q.scales[col * blocks + blk];
    }
  }
  return w;
}
