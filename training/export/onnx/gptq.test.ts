// GPTQ: the inverse-Hessian factor is right, H = I gives plain rounding, and on correlated inputs the layer's output
// error ‖X(W − Ŵ)‖ is lower than rounding's at the same bits, blocks and MatMulNBits layout.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../model/params';
import { accumulateOuter } from '../hessians';
import { dampen, gptqQuantize, inverseHessianFactor } from './gptq';
import { dequantizeMatrix, quantizeMatrix } from './quantize';

const r = mulberry32(21);
const gauss = (): number => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());

/** T tokens of K correlated features (a few shared latent factors plus noise), as layer inputs look. */
function inputs(t: number, k: number): Float32Array {
  const mix = Float32Array.from({ length: 4 * k }, gauss);
  const x = new Float32Array(t * k);
  for (let i = 0; i < t; i++) {
    const z = [gauss(), gauss(), gauss(), gauss()];
    for (let j = 0; j < k; j++)
      x[i * k + j] = z.reduce((a, zf, f) => a + zf * mix[f * k + j], 0) + 0.1 * gauss();
  }
  return x;
}

function outputError(
  x: Float32Array,
  w: Float32Array,
  wq: Float32Array,
  t: number,
  k: number,
  n: number,
): number {
  let e = 0;
  for (let i = 0; i < t; i++)
    for (let c = 0; c < n; c++) {
      let d = 0;
      for (let j = 0; j < k; j++) d += x[i * k + j] * (w[j * n + c] - wq[j * n + c]);
      e += d * d;
    }
  return Math.sqrt(e / (t * n));
}

describe('GPTQ', () => {
  it('inverseHessianFactor gives U with Uᵀ U H = I', () => {
    const k = 12;
    const h = new Float64Array(k * k);
    accumulateOuter(h, inputs(64, k), k);
    for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) h[i * k + j] = h[j * k + i];
    const hd = dampen(h, k, 0.01);
    const u = inverseHessianFactor(hd, k);
    let worst = 0;
    for (let i = 0; i < k; i++)
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let a = 0; a < k; a++)
          for (let b = 0; b < k; b++) s += u[a * k + i] * u[a * k + b] * hd[b * k + j];
        worst = Math.max(worst, Math.abs(s - (i === j ? 1 : 0)));
      }
    expect(worst).toBeLessThan(1e-8);
  });

  it('with H = I it is plain rounding (same codes and scales)', () => {
    const [k, n] = [64, 5];
    const w = Float32Array.from({ length: k * n }, gauss);
    const eye = new Float64Array(k * k);
    for (let i = 0; i < k; i++) eye[i * k + i] = 1;
    const g = gptqQuantize(w, k, n, 4, 32, false, eye);
    const q = quantizeMatrix(w, k, n, 4, 32);
    expect(Array.from(g.b)).toEqual(Array.from(q.b));
    expect(Array.from(g.scales)).toEqual(Array.from(q.scales));
  });

  for (const [asym, actOrder] of [
    [false, false],
    [true, false],
    [false, true],
  ])
    it(`lowers the output error on correlated inputs (4-bit${asym ? ', zero points' : ''}${actOrder ? ', act order' : ''}, ragged K)`, () => {
      const [t, k, n] = [256, 80, 8];
      const x = inputs(t, k);
      const w = Float32Array.from({ length: k * n }, () => 0.2 * gauss());
      const h = new Float64Array(k * k);
      accumulateOuter(h, x, k);
      for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) h[i * k + j] = h[j * k + i];
      const rtn = outputError(x, w, dequantizeMatrix(quantizeMatrix(w, k, n, 4, 32, asym)), t, k, n);
      const g = gptqQuantize(w, k, n, 4, 32, asym, h, { actOrder });
      expect(Boolean(g.zeroPoints)).toBe(asym);
      const gptq = outputError(x, w, dequantizeMatrix(g), t, k, n);
      console.log(
        `gptq: output rms error ${gptq.toExponential(2)} vs rounding ${rtn.toExponential(2)} (${asym ? 'asym' : 'sym'}${actOrder ? ', act order' : ''})`,
      );
      expect(gptq).toBeLessThan(0.8 * rtn);
    });
});
