// MatMulNBits as the exporter writes it (4/8 bits, block 16/32, with and without zero points) computes x @ dequantize(W)
// in onnxruntime-node and in onnxruntime-web's wasm build (the browser's ORT): a ragged K and an odd block count included.
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../model/params';
import { DT, GraphBuilder } from './graph';
import { linear } from './layers';
import { dequantizeMatrix, quantizeMatrix } from './quantize';
import { parseScheme, modeFor } from './scheme';

const [K, N, ROWS] = [80, 12, 3]; // K = 80: blocks of 32 → 3 (the last padded); of 16 → 5 (odd: a half-filled zero-point byte)
const r = mulberry32(11);
const w = Float32Array.from({ length: K * N }, () => 0.3 * r() - 0.1); // skewed: zero points matter
const x = Float32Array.from({ length: ROWS * K }, () => 2 * r() - 1);

function reference(dq: Float32Array): Float32Array {
  const y = new Float32Array(ROWS * N);
  for (let i = 0; i < ROWS; i++)
    for (let n = 0; n < N; n++) for (let k = 0; k < K; k++) y[i * N + n] += x[i * K + k] * dq[k * N + n];
  return y;
}

async function run(ort: typeof ortNode | typeof ortWeb, bytes: Uint8Array): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(
    bytes,
    ort === ortWeb ? { executionProviders: ['wasm'] } : {},
  );
  const out = await session.run({ x: new ort.Tensor('float32', x, [ROWS, K]) } as never);
  await session.release();
  return out.y.data as Float32Array;
}

describe('MatMulNBits linear layers', () => {
  for (const mode of ['4/32', '4/16/asym', '8/32/asym', '4/32/asym'])
    it(`${mode}: ORT node and web compute x @ dequantized W`, async () => {
      ortWeb.env.wasm.numThreads = 1;
      const m = modeFor(parseScheme(`*=${mode}`), 'w');
      if (m.kind !== 'nbits') throw new Error('expected a quantized mode');
      const g = new GraphBuilder('linear');
      g.input('x', DT.float, [ROWS, K]);
      g.op(
        'Identity',
        [linear(g, 'x', new Map([['w.weight', { shape: [K, N], data: w }]]), 'w', m)],
        {},
        'y',
      );
      g.output('y', DT.float, [ROWS, N]);
      const bytes = g.toBytes();
      const want = reference(dequantizeMatrix(quantizeMatrix(w, K, N, m.bits, m.blockSize, m.asymmetric)));
      for (const [name, ort] of [
        ['node', ortNode],
        ['web', ortWeb],
      ] as const) {
        const got = await run(ort, bytes);
        const diff = Math.max(...want.map((v, i) => Math.abs(v - got[i])));
        console.log(`MatMulNBits ${mode} ort-${name} vs reference max|Δ| = ${diff.toExponential(2)}`);
        expect(diff).toBeLessThanOrEqual(1e-5);
      }
    });
});
