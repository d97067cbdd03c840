// Block quantization in MatMulNBits layout: round-trip error within half a step, nibble order, padding of ragged K.
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
      let worst = 0;
      for (let i = 0; i < k; i++)
        for (let c = 0; c < n; c++) {
          const step = q.scales[c * Math.ceil(k / block) + Math.floor(i / block)];
          worst = Math.max(worst, Math.abs(back[i * n + c] - w[i * n + c]) / step);
        }
      console.log(`quantize: ${bits}-bit worst error = ${worst.toFixed(3)} steps`);
      expect(worst).toBeLessThanOrEqual(0.5 + 1e-6);
    });

  it('packs the even element in the low nibble (MatMulNBits order)', () => {
    const w = new Float32Array(32);
    w[0] = -7; // code 1
    w[1] = 7; // code 15
    const q = quantizeMatrix(w, 32, 1, 4, 32);
    expect(q.scales[0]).toBe(1);
    expect(q.b[0]).toBe(1 | (15 << 4));
    expect(q.b[1]).toBe(8 | (8 << 4)); // zeros → zero point 8
  });
});
