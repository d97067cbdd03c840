// Building blocks shared by the exported graphs: linear layers (fp32 or MatMulNBits), SiLU, RMSNorm, the conv encoder.
// Formulas follow src/core/manifest/architecture.ts exactly; weights come from the checkpoint's WeightMap.
import type { EncoderSpec } from '../../../src/core/manifest/architecture';
import type { WeightMap } from '../../checkpoint';
import type { GraphBuilder } from './graph';
import { gptqQuantize } from './gptq';
import { quantizeMatrix, type QuantizedMatrix } from './quantize';
import type { LinearMode } from './scheme';

export type { LinearMode } from './scheme';

export function weight(weights: WeightMap, name: string): { shape: number[]; data: Float32Array } {
  const w = weights.get(name);
  if (!w) throw new Error(`checkpoint is missing weight '${name}' (see src/core/manifest/architecture.ts)`);
  return w;
}

/** x @ W for an already quantized W: com.microsoft MatMulNBits (zero points when the matrix has them). */
export function matMulNBits(g: GraphBuilder, x: string, name: string, q: QuantizedMatrix): string {
  const blocks = Math.ceil(q.k / q.blockSize);
  const inputs = [x, g.init(`${name}.weight_q${q.bits}`, q.b, [q.n, blocks, (q.blockSize * q.bits) / 8])];
  inputs.push(g.init(`${name}.weight_scales`, q.scales, [q.n * blocks]));
  if (q.zeroPoints) inputs.push(g.init(`${name}.weight_zero_points`, q.zeroPoints, [q.zeroPoints.length]));
  const attrs = { K: { i: q.k }, N: { i: q.n }, bits: { i: q.bits }, block_size: { i: q.blockSize } };
  return g.op('MatMulNBits', inputs, attrs, undefined, 'com.microsoft');
}

/**
 * y = x @ W (+ b); W is [in, out]. A GPTQ mode needs `hessian` (Σ xxᵀ of this layer's calibration inputs, [in, in]).
 */
export function linear(
  g: GraphBuilder,
  x: string,
  weights: WeightMap,
  name: string,
  mode: LinearMode,
  bias?: string,
  hessian?: Float64Array,
): string {
  const w = weight(weights, `${name}.weight`);
  const [k, n] = w.shape;
  let y: string;
  if (mode.kind === 'fp32') {
    y = g.op('MatMul', [x, g.init(`${name}.weight`, w.data, [k, n])]);
  } else if (mode.gptq) {
    if (!hessian)
      throw new Error(
        `${name}: a GPTQ scheme needs calibration inputs (npm run export -- --gptq-calibration <bench.jsonl>)`,
      );
    y = matMulNBits(
      g,
      x,
      name,
      gptqQuantize(w.data, k, n, mode.bits, mode.blockSize, mode.asymmetric, hessian, {
        actOrder: mode.actOrder,
      }),
    );
  } else {
    y = matMulNBits(g, x, name, quantizeMatrix(w.data, k, n, mode.bits, mode.blockSize, mode.asymmetric));
  }
  if (!bias) return y;
  const b = weight(weights, bias);
  return g.op('Add', [y, g.init(bias, b.data, b.shape)]);
}

export function silu(g: GraphBuilder, x: string): string {
  return g.op('Mul', [x, g.op('Sigmoid', [x])]);
}

/** x / sqrt(mean(x², last axis) + eps) * w. */
export function rmsNorm(g: GraphBuilder, x: string, weights: WeightMap, name: string, eps: number): string {
  const ms = g.op('ReduceMean', [g.op('Mul', [x, x]), g.constI64([-1], 'axes')], { keepdims: { i: 1 } });
  const inv = g.op('Reciprocal', [g.op('Sqrt', [g.op('Add', [ms, g.scalarF(eps, 'eps')])])]);
  const w = weight(weights, name);
  return g.op('Mul', [g.op('Mul', [x, inv]), g.init(name, w.data, w.shape)]);
}

/** Transposes [a, b, c] (tfjs conv1d kernel [k, Cin, Cout]) to ONNX Conv's [Cout, Cin, k]. */
function convKernel(w: { shape: number[]; data: Float32Array }): Float32Array {
  const [k, cin, cout] = w.shape;
  const out = new Float32Array(w.data.length);
  for (let t = 0; t < k; t++)
    for (let i = 0; i < cin; i++)
      for (let o = 0; o < cout; o++) out[(o * cin + i) * k + t] = w.data[(t * cin + i) * cout + o];
  return out;
}

/**
 * The input normalisation of EncoderSpec.norm, reduced in training's order (training/model/encoder.ts `normalize`):
 * means as means of per-mel means. One reduction over the whole window rounds the mean differently, and that error is
 * shared by every input value, so the conv stack carries it coherently to the audio tokens (it doubled their
 * difference from the float64 result).
 */
function normalize(g: GraphBuilder, x: string, spec: EncoderSpec): string {
  const mean = (v: string, axis: number) =>
    g.op('ReduceMean', [v, g.constI64([axis], 'axes')], { keepdims: { i: 1 } });
  const overWindow = (v: string) => mean(mean(v, 2), 1);
  const scaled = (centered: string) =>
    g.op('Div', [
      centered,
      g.op('Sqrt', [g.op('Add', [overWindow(g.op('Mul', [centered, centered])), g.scalarF(1e-5, 'eps')])]),
    ]);
  if ((spec.norm ?? 'window') === 'window') return scaled(g.op('Sub', [x, overWindow(x)]));
  let v = x;
  if (spec.floorNepers) {
    const top = g.op('ReduceMax', [mean(v, 2), g.constI64([1], 'axes')], { keepdims: { i: 1 } });
    v = g.op('Max', [v, g.op('Sub', [top, g.scalarF(spec.floorNepers, 'floor_nepers')])]);
  }
  return scaled(g.op('Sub', [v, mean(v, 2)]));
}

/**
 * The input normalisation, then the stride-2 conv stack with SiLU.
 * Input [B, nMels, windowFrames] → output [B, C, T'] (channels-first, as ONNX Conv produces it).
 */
export function encoderStack(g: GraphBuilder, x: string, weights: WeightMap, spec: EncoderSpec): string {
  let h = normalize(g, x, spec);
  const pad = Math.floor(spec.kernel / 2);
  spec.channels.forEach((cout, i) => {
    const w = weight(weights, `enc.conv${i}.weight`);
    const [k, cin] = w.shape;
    if (k !== spec.kernel || w.shape[2] !== cout)
      throw new Error(
        `enc.conv${i}.weight has shape [${w.shape}], expected [${spec.kernel}, ${cin}, ${cout}]`,
      );
    const kernel = g.init(`enc.conv${i}.weight`, convKernel(w), [cout, cin, k]);
    const bias = g.init(`enc.conv${i}.bias`, weight(weights, `enc.conv${i}.bias`).data, [cout]);
    const attrs = { kernel_shape: { ints: [k] }, strides: { ints: [2] }, pads: { ints: [pad, pad] } };
    h = silu(g, g.op('Conv', [h, kernel, bias], attrs));
  });
  return h;
}
