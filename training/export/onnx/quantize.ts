// Block-wise weight quantization in the layout of com.microsoft MatMulNBits (4 or 8 bits, symmetric or with zero points),
// with the step size per block chosen among a few clipping levels to minimize squared error.
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
  /** Packed zero points per column, [N * ceil(blocks * bits / 8)] (asymmetric only; else the implicit 2^(bits−1)). */
  zeroPoints?: Uint8Array;
}

/** The implicit zero point MatMulNBits uses when none is given. */
export function zeroPoint(bits: QuantBits): number {
  return 1 << (bits - 1);
}

/** Candidate step sizes, as fractions of the absmax step: clipping the rare extreme value often lowers the error. */
const SCALE_FRACTIONS = [1, 0.95, 0.9, 0.85, 0.8, 0.75];

/** Squared error of coding `v` with `scale` and zero point `zp` (codes clamped to [0, top]). */
function blockError(v: Float32Array, scale: number, zp: number, top = 2 * zp - 1): number {
  let e = 0;
  for (let j = 0; j < v.length; j++) {
    const q = Math.max(0, Math.min(top, Math.round(v[j] / scale) + zp));
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

/** Asymmetric step and zero point for a block: the range [min(v, 0), max(v, 0)] (shrunk if that lowers the error). */
export function bestAsymmetric(v: Float32Array, bits: QuantBits): { scale: number; zp: number } {
  let lo = 0;
  let hi = 0;
  for (let j = 0; j < v.length; j++) [lo, hi] = [Math.min(lo, v[j]), Math.max(hi, v[j])];
  const top = (1 << bits) - 1;
  if (hi === lo) return { scale: 1, zp: 1 << (bits - 1) };
  let best = { scale: 1, zp: 0 };
  let bestErr = Infinity;
  for (const f of SCALE_FRACTIONS) {
    const scale = Math.fround((f * (hi - lo)) / top);
    const zp = Math.max(0, Math.min(top, Math.round(-lo / scale)));
    const err = blockError(v, scale, zp, top);
    if (err < bestErr) [best, bestErr] = [{ scale, zp }, err];
  }
  return best;
}

/** Copies block `blk` of column `col` of W [K, N] into `v` (a ragged last block is zero-padded). */
export function readBlock(
  w: Float32Array,
  k: number,
  n: number,
  col: number,
  blk: number,
  v: Float32Array,
): void {
  for (let j = 0; j < v.length; j++) {
    const i = blk * v.length + j;
    v[j] = i < k ? w[i * n + col] : 0;
  }
}

/** Packs codes into bytes, two 4-bit codes per byte (even index in the low nibble) or one 8-bit code. */
export function pack(out: Uint8Array, base: number, index: number, code: number, bits: QuantBits): void {
  if (bits === 8) out[base + index] = code;
  else out[base + (index >> 1)] |= (index & 1) === 0 ? code : code << 4;
}

/** Block-quantizes W [K, N]; `asymmetric` adds a zero point per block (MatMulNBits' optional zero_points input). */
export function quantizeMatrix(
  w: Float32Array,
  k: number,
  n: number,
  bits: QuantBits,
  blockSize: number,
  asymmetric = false,
): QuantizedMatrix {
  if (w.length !== k * n) throw new Error(`quantizeMatrix: ${w.length} values for [${k}, ${n}]`);
  if (blockSize < 16 || (blockSize & (blockSize - 1)) !== 0)
    throw new Error(`block size must be a power of two ≥ 16, got ${blockSize}`);
  const blocks = Math.ceil(k / blockSize);
  const blob = (blockSize * bits) / 8;
  const b = new Uint8Array(n * blocks * blob);
  const scales = new Float32Array(n * blocks);
  const zpBytesPerCol = Math.ceil((blocks * bits) / 8);
  const zeroPoints = asymmetric ? new Uint8Array(n * zpBytesPerCol) : undefined;
  const top = (1 << bits) - 1;
  const v = new Float32Array(blockSize);
  for (let col = 0; col < n; col++) {
    for (let blk = 0; blk < blocks; blk++) {
      readBlock(w, k, n, col, blk, v);
      const { scale, zp } = asymmetric
        ? bestAsymmetric(v, bits)
        : { scale: Math.fround(bestScale(v, zeroPoint(bits))), zp: zeroPoint(bits) };
      scales[col * blocks + blk] = scale;
      if (zeroPoints) pack(zeroPoints, col * zpBytesPerCol, blk, zp, bits);
      const base = (col * blocks + blk) * blob;
      for (let j = 0; j < blockSize; j++)
        pack(b, base, j, Math.max(0, Math.min(top, Math.round(v[j] / scale) + zp)), bits);
    }
  }
  return { k, n, bits, blockSize, b, scales, ...(zeroPoints ? { zeroPoints } : {}) };
}

/** The zero point of (column, block): the packed one when present, else MatMulNBits' implicit 2^(bits−1). */
function zeroPointAt(q: QuantizedMatrix, col: number, blk: number): number {
  if (!q.zeroPoints) return zeroPoint(q.bits);
  const perCol = Math.ceil((Math.ceil(q.k / q.blockSize) * q.bits) / 8);
  const byte = q.zeroPoints[col * perCol + (q.bits === 8 ? blk : blk >> 1)];
  return q.bits === 8 ? byte : (blk & 1) === 0 ? byte & 15 : byte >> 4;
}

/** Dequantizes back to [K, N] floats: the exact weights the quantized graph computes with. */
export function dequantizeMatrix(q: QuantizedMatrix): Float32Array {
  const { k, n, bits, blockSize } = q;
  const blocks = Math.ceil(k / blockSize);
  const blob = (blockSize * bits) / 8;
  const w = new Float32Array(k * n);
  for (let col = 0; col < n; col++) {
    for (let i = 0; i < k; i++) {
      const blk = Math.floor(i / blockSize);
      const zp = zeroPointAt(q, col, blk);
      const j = i % blockSize;
      const byte = q.b[(col * blocks + blk) * blob + (bits === 8 ? j : j >> 1)];
      const code = bits === 8 ? byte : (j & 1) === 0 ? byte & 15 : byte >> 4;
      w[i * n + col] = (code - zp) * q.scales[col * blocks + blk];
    }
  }
  return w;
}
