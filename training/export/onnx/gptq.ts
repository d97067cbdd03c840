// GPTQ (Frantar et al., 2022, "Accurate Post-Training Quantization for Generative Pre-trained Transformers"): quantizes
// W [K, N] one input row at a time and spreads each row's rounding error over the rows not yet quantized, weighted by
// the inverse Hessian H = XᵀX of the layer's calibration inputs, so the layer's outputs (not its weights) stay close.
// Block scales (and zero points) are chosen when a block is entered, from the already-updated weights: MatMulNBits layout.
import {
  bestAsymmetric,
  bestScale,
  pack,
  readBlock,
  zeroPoint,
  type QuantBits,
  type QuantizedMatrix,
} from './quantize';

/** Lower Cholesky factor of a symmetric positive-definite [n, n] matrix (row-major); throws if not positive definite. */
export function cholesky(a: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (!(s > 0))
          throw new Error(`cholesky: matrix is not positive definite at ${i} (add more dampening)`);
        l[i * n + i] = Math.sqrt(s);
      } else l[i * n + j] = s / l[j * n + j];
    }
  }
  return l;
}

/** Upper factor U with Uᵀ U = H⁻¹ (what GPTQ's error propagation reads row by row). */
export function inverseHessianFactor(h: Float64Array, n: number): Float64Array {
  const l = cholesky(h, n);
  const linv = new Float64Array(n * n); // L⁻¹ (lower) by forward substitution
  for (let c = 0; c < n; c++) {
    linv[c * n + c] = 1 / l[c * n + c];
    for (let i = c + 1; i < n; i++) {
      let s = 0;
      for (let k = c; k < i; k++) s -= l[i * n + k] * linv[k * n + c];
      linv[i * n + c] = s / l[i * n + i];
    }
  }
  const inv = new Float64Array(n * n); // H⁻¹ = L⁻ᵀ L⁻¹
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += linv[k * n + i] * linv[k * n + j];
      inv[i * n + j] = inv[j * n + i] = s;
    }
  const l2 = cholesky(inv, n); // H⁻¹ = L₂ L₂ᵀ, so U = L₂ᵀ (upper) gives Uᵀ U = H⁻¹
  const u = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) u[i * n + j] = l2[j * n + i];
  return u;
}

/** H + λ·mean(diag H)·I, with dead inputs (zero diagonal) given a unit diagonal: GPTQ's dampening. */
export function dampen(h: Float64Array, n: number, fraction: number): Float64Array {
  const out = Float64Array.from(h);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += h[i * n + i] / n;
  for (let i = 0; i < n; i++) out[i * n + i] = h[i * n + i] === 0 ? 1 : h[i * n + i] + fraction * (mean || 1);
  return out;
}

interface BlockParams {
  scales: Float32Array; // per column, this block
  zps: Uint8Array;
}

/** Scale and zero point per column for the block starting at row `b`, from the current (error-updated) weights. */
function blockParams(
  w: Float32Array,
  k: number,
  n: number,
  blk: number,
  bits: QuantBits,
  blockSize: number,
  asymmetric: boolean,
): BlockParams {
  const v = new Float32Array(blockSize);
  const scales = new Float32Array(n);
  const zps = new Uint8Array(n);
  for (let col = 0; col < n; col++) {
    readBlock(w, k, n, col, blk, v);
    const p = asymmetric
      ? bestAsymmetric(v, bits)
      : { scale: Math.fround(bestScale(v, zeroPoint(bits))), zp: zeroPoint(bits) };
    [scales[col], zps[col]] = [p.scale, p.zp];
  }
  return { scales, zps };
}

export interface GptqOptions {
  /** Dampening as a fraction of the mean Hessian diagonal (GPTQ's default 0.01). */
  damp?: number;
  /**
   * Quantize inputs in order of decreasing Hessian diagonal (most active first, so later rows absorb their errors).
   * Block scales are then fixed up front from the original weights ("static groups"), as MatMulNBits needs contiguous blocks.
   */
  actOrder?: boolean;
}

/** Rows of W and rows/columns of H in `order` (with dampening applied to H). */
function permuted(
  w: Float32Array,
  h: Float64Array,
  k: number,
  n: number,
  order: number[],
  damp: number,
): { wp: Float32Array; hp: Float64Array } {
  const hd = dampen(h, k, damp);
  const wp = new Float32Array(k * n);
  const hp = new Float64Array(k * k);
  order.forEach((r, i) => {
    wp.set(w.subarray(r * n, (r + 1) * n), i * n);
    for (let j = 0; j < k; j++) hp[i * k + j] = hd[r * k + order[j]];
  });
  return { wp, hp };
}

/**
 * GPTQ-quantizes W [K, N] given the Hessian H [K, K] of its inputs (Σ xxᵀ over calibration tokens). Same output
 * layout as quantizeMatrix; with H = I (and natural order) it reduces to plain rounding with the same block scales.
 */
export function gptqQuantize(
  w0: Float32Array,
  k: number,
  n: number,
  bits: QuantBits,
  blockSize: number,
  asymmetric: boolean,
  h: Float64Array,
  opts: GptqOptions = {},
): QuantizedMatrix {
  const w = Float32Array.from(w0);
  for (let i = 0; i < k; i++) if (h[i * k + i] === 0) for (let c = 0; c < n; c++) w[i * n + c] = 0; // input never active
  const order = Array.from({ length: k }, (_, i) => i);
  if (opts.actOrder) order.sort((a, b) => h[b * k + b] - h[a * k + a] || a - b);
  const blocks = Math.ceil(k / blockSize);
  const params: BlockParams[] = opts.actOrder
    ? Array.from({ length: blocks }, (_, blk) => blockParams(w, k, n, blk, bits, blockSize, asymmetric))
    : [];
  const { wp, hp } = permuted(w, h, k, n, order, opts.damp ?? 0.01);
  const u = inverseHessianFactor(hp, k);
  const q = emptyMatrix(k, n, bits, blockSize, asymmetric);
  const top = (1 << bits) - 1;
  const err = new Float32Array(n);
  for (let i = 0; i < k; i++) {
    const r = order[i];
    const blk = Math.floor(r / blockSize);
    if (!params[blk]) params[blk] = blockParams(wp, k, n, blk, bits, blockSize, asymmetric); // natural order: wp is W, updated
    const p = params[blk];
    for (let c = 0; c < n; c++) {
      const code = Math.max(0, Math.min(top, Math.round(wp[i * n + c] / p.scales[c]) + p.zps[c]));
      pack(q.b, ((c * blocks + blk) * (blockSize * bits)) / 8, r % blockSize, code, bits);
      err[c] = (wp[i * n + c] - (code - p.zps[c]) * p.scales[c]) / u[i * k + i];
    }
    for (let j = i + 1; j < k; j++) {
      const f = u[i * k + j];
      if (f !== 0) for (let c = 0; c < n; c++) wp[j * n + c] -= f * err[c];
    }
  }
  setParams(q, params, k);
  return q;
}

function emptyMatrix(
  k: number,
  n: number,
  bits: QuantBits,
  blockSize: number,
  asymmetric: boolean,
): QuantizedMatrix {
  const blocks = Math.ceil(k / blockSize);
  const b = new Uint8Array((n * blocks * blockSize * bits) / 8);
  const zeroPoints = asymmetric ? new Uint8Array(n * Math.ceil((blocks * bits) / 8)) : undefined;
  return {
    k,
    n,
    bits,
    blockSize,
    b,
    scales: new Float32Array(n * blocks),
    ...(zeroPoints ? { zeroPoints } : {}),
  };
}

/** Writes every block's scales and zero points, and zero-point codes for the padding rows of a ragged last block. */
function setParams(q: QuantizedMatrix, params: BlockParams[], k: number): void {
  const { n, bits, blockSize } = q;
  const blocks = params.length;
  const zpPerCol = Math.ceil((blocks * bits) / 8);
  params.forEach((p, blk) => {
    for (let c = 0; c < n; c++) {
      q.scales[c * blocks + blk] = p.scales[c];
      if (q.zeroPoints) pack(q.zeroPoints, c * zpPerCol, blk, p.zps[c], bits);
    }
  });
  const last = params[blocks - 1];
  for (let c = 0; c < n; c++)
    for (let i = k; i < blocks * blockSize; i++)
      pack(q.b, ((c * blocks + blocks - 1) * (blockSize * bits)) / 8, i % blockSize, last.zps[c], bits);
}
