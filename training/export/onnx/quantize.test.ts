// Block quantization in MatMulNBits layout: error no worse than absmax scaling, nibble order, padding of ragged K.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../model/params';
import { dequantizeMatrix, quantizeMatrix } from './quantize';

function randomMatrix(k: number, n: number): Float32Array {
  const r = mulberry32(3);
  return Float32Array.from({ length: k * n }, () => 2 * r() - 1);
}

describe('quantizeMatrix', () => {
  for (const bits of [4, 8] as const)
    it(`${bits}-bit round trip stays within half a quantization step`, () => {
      const [k, n, block] = [80, 6, 32]; // K not a multiple of the block: last block is zero-padded
      const w = randomMatrix(k, n);
      const q = quantizeMatrix(w, k, n, bits, block);
      expect(q.b.length).toBe(n * Math.ceil(k / block) * ((block * bits) / 8));
      const back = dequantizeMatrix(q);
      // Reference: plain absmax scaling (no clipping search) must never be better.
      const zp = 1 << (bits - 1);
      let err = 0;
      let errAbsMax = 0;
      for (let c = 0; c < n; c++)
        for (let blk = 0; blk * block < k; blk++) {
          const rows = Array.from(
            { length: Math.min(block, k - blk * block) },
            (_, j) => (blk * block + j) * n + c,
          );
          const step = Math.max(...rows.map((r) => Math.abs(w[r]))) / (zp - 1);
          for (const r of rows) {
            err += (back[r] - w[r]) ** 2;
            errAbsMax += (w[r] - Math.round(w[r] / step) * step) ** 2;
          }
        }
      const rms = Math.sqrt(err / w.length);
      console.log(
        `quantize: ${bits}-bit rms error ${rms.toExponential(2)} (absmax scaling ${Math.sqrt(errAbsMax / w.length).toExponential(2)})`,
      );
      expect(err).toBeLessThanOrEqual(errAbsMax * (1 + 1e-6));
      expect(rms).toBeLessThan(bits === 4 ? 0.1 : 0.006);
    });

  it('packs the even element in the low nibble (MatMulNBits order)', () => {
    const w = new Float32Array(32);
    w[0] = -7; // code 1
    w[1] = 7; // code 15
    const q = quantizeMatrix(w, 32, 1, 4, 32);
    expect(q.scales[0]).toBe(1); // clipping ±7 would only add error here
    expect(q.b[0]).toBe(1 | (15 << 4));
    expect(q.b[1]).toBe(8 | (8 << 4)); // zeros → zero point 8
  });
});

describe('quantizeMatrix with zero points', () => {
  it('lowers the error on one-sided weights and packs zero points low nibble first', () => {
    const r = mulberry32(5);
    const [k, n, block] = [96, 4, 32]; // 3 blocks per column: zero points take 2 bytes, the last half-filled
    const w = Float32Array.from({ length: k * n }, () => 0.1 + r()); // all positive: symmetric codes waste half their range
    const err = (asym: boolean): number => {
      const back = dequantizeMatrix(quantizeMatrix(w, k, n, 4, block, asym));
      return Math.sqrt(back.reduce((a, v, i) => a + (v - w[i]) ** 2, 0) / w.length);
    };
    const [sym, asym] = [err(false), err(true)];
    console.log(
      `quantize: 4-bit rms error on positive weights symmetric ${sym.toExponential(2)}, with zero points ${asym.toExponential(2)}`,
    );
    expect(asym).toBeLessThan(0.75 * sym);
    const q = quantizeMatrix(w, k, n, 4, block, true);
    expect(q.zeroPoints).toHaveLength(n * 2);
    expect(q.zeroPoints![1] >> 4).toBe(0); // the unused high nibble of the third block's byte
    expect(quantizeMatrix(w, k, n, 8, block, true).zeroPoints).toHaveLength(n * 3);
  });
});
