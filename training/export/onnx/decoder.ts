// decoder_model_merged.onnx (Llama decoder over inputs_embeds with KV cache) and embed_tokens.onnx, in the I/O layout
// transformers.js's Ultravox model expects (stack.md §5): fixed heads/head size, batch dim `batch_size`.
import type { DecoderSpec } from '../../../src/core/manifest/architecture';
import type { WeightMap } from '../../checkpoint';
import { DT, GraphBuilder } from './graph';
import { linear, rmsNorm, silu, weight } from './layers';
import { modeFor, type QuantScheme } from './scheme';

/** `input_ids` [batch_size, sequence_length] → `inputs_embeds` [batch_size, sequence_length, D]. */
export function buildEmbedTokens(spec: DecoderSpec, weights: WeightMap): Uint8Array {
  const g = new GraphBuilder('auscult_embed_tokens');
  const ids = g.input('input_ids', DT.int64, ['batch_size', 'sequence_length']);
  const table = g.init('embed.weight', weight(weights, 'embed.weight').data, [
    spec.vocabSize,
    spec.hiddenSize,
  ]);
  g.op('Gather', [table, ids], { axis: { i: 0 } }, 'inputs_embeds');
  g.output('inputs_embeds', DT.float, ['batch_size', 'sequence_length', spec.hiddenSize]);
  return g.toBytes('Auscult token embeddings');
}

/** cos/sin tables [maxPositions, headDim] for HF-style half-split rotary embeddings. */
export function ropeTables(spec: DecoderSpec): { cos: Float32Array; sin: Float32Array } {
  const hd = spec.headDim;
  const cos = new Float32Array(spec.maxPositions * hd);
  const sin = new Float32Array(spec.maxPositions * hd);
  for (let p = 0; p < spec.maxPositions; p++) {
    for (let i = 0; i < hd / 2; i++) {
      const angle = p / Math.pow(spec.ropeTheta, (2 * i) / hd);
      for (const j of [i, i + hd / 2]) {
        cos[p * hd + j] = Math.cos(angle);
        sin[p * hd + j] = Math.sin(angle);
      }
    }
  }
  return { cos, sin };
}

interface Shared {
  g: GraphBuilder;
  spec: DecoderSpec;
  weights: WeightMap;
  scheme: QuantScheme;
  /** Σ xxᵀ of each linear layer's calibration inputs, by layer name (GPTQ schemes). */
  hessians?: ReadonlyMap<string, Float64Array>;
  /** When set, records each linear layer's input value (the calibration graph exposes them as outputs). */
  taps?: Map<string, string>;
  cos: string; // [B, 1, S, hd]
  sin: string;
  maskBias: string; // [B, 1, S, T]
}

function rotate(s: Shared, x: string): string {
  const { g } = s;
  const half = s.spec.headDim / 2;
  const [a, b] = g.opN('Split', [x, g.constI64([half, half], 'split')], 2, { axis: { i: -1 } });
  const rotated = g.op('Concat', [g.op('Neg', [b]), a], { axis: { i: -1 } });
  return g.op('Add', [g.op('Mul', [x, s.cos]), g.op('Mul', [rotated, s.sin])]);
}

/** [B, S, heads*hd] → [B, heads, S, hd]. */
function splitHeads(g: GraphBuilder, x: string, heads: number, hd: number): string {
  const r = g.op('Reshape', [x, g.constI64([0, 0, heads, hd], 'shape')]);
  return g.op('Transpose', [r], { perm: { ints: [0, 2, 1, 3] } });
}

/** Grouped-query attention without materializing repeated K/V: queries are regrouped per KV head. */
function attention(s: Shared, x: string, i: number): string {
  const { g, spec } = s;
  const { numHeads: H, numKvHeads: KV, headDim: hd } = spec;
  const p = `layers.${i}.attn`;
  const q = rotate(s, splitHeads(g, lin(s, x, `${p}.q`), H, hd));
  const kNew = rotate(s, splitHeads(g, lin(s, x, `${p}.k`), KV, hd));
  const vNew = splitHeads(g, lin(s, x, `${p}.v`), KV, hd);
  const k = g.op('Concat', [`past_key_values.${i}.key`, kNew], { axis: { i: 2 } }, `present.${i}.key`);
  const v = g.op('Concat', [`past_key_values.${i}.value`, vNew], { axis: { i: 2 } }, `present.${i}.value`);
  const qScaled = g.op('Mul', [q, g.scalarF(1 / Math.sqrt(hd), 'scale')]);
  const qGrouped = g.op('Reshape', [qScaled, g.constI64([0, KV, -1, hd], 'shape')]); // [B, KV, rep*S, hd]
  const kT = g.op('Transpose', [k], { perm: { ints: [0, 1, 3, 2] } });
  const scores = g.op('Reshape', [g.op('MatMul', [qGrouped, kT]), g.constI64([0, H, -1, 0], 'shape')]); // [B, H, S, T]
  const probs = g.op('Softmax', [g.op('Add', [scores, s.maskBias])], { axis: { i: -1 } });
  const ctx = g.op('MatMul', [g.op('Reshape', [probs, g.constI64([0, KV, -1, 0], 'shape')]), v]); // [B, KV, rep*S, hd]
  const merged = g.op('Transpose', [g.op('Reshape', [ctx, g.constI64([0, H, -1, hd], 'shape')])], {
    perm: { ints: [0, 2, 1, 3] },
  });
  return lin(s, g.op('Reshape', [merged, g.constI64([0, 0, H * hd], 'shape')]), `${p}.o`);
}

/** A decoder linear layer stored as the scheme says for its name. */
function lin(s: Shared, x: string, name: string, weights: WeightMap = s.weights): string {
  s.taps?.set(name, x);
  return linear(s.g, x, weights, name, modeFor(s.scheme, name), undefined, s.hessians?.get(name));
}

function mlp(s: Shared, x: string, i: number): string {
  const { g } = s;
  const p = `layers.${i}.mlp`;
  const gate = silu(g, lin(s, x, `${p}.gate`));
  return lin(s, g.op('Mul', [gate, lin(s, x, `${p}.up`)]), `${p}.down`);
}

/** Additive mask [B, 1, S, T]: 0 where key j ≤ query position (past + i) and attention_mask[b, j] = 1, else -1e9. */
function maskBias(g: GraphBuilder, embeds: string): string {
  const scalarDim = (x: string, axis: number): string =>
    g.op('Squeeze', [
      g.op('Shape', [x], { start: { i: axis }, end: { i: axis + 1 } }),
      g.constI64([0], 'axes'),
    ]);
  const total = scalarDim('attention_mask', 1);
  const past = g.op('Sub', [total, scalarDim(embeds, 1)]);
  const one = g.init(g.fresh('one'), BigInt64Array.of(1n), []);
  const zero = g.init(g.fresh('zero'), BigInt64Array.of(0n), []);
  const keys = g.op('Range', [zero, total, one]); // [T]
  const queries = g.op('Unsqueeze', [g.op('Range', [past, total, one]), g.constI64([1], 'axes')]); // [S, 1]
  const causal = g.op('LessOrEqual', [keys, queries]); // [S, T]
  const padding = g.op('Unsqueeze', [
    g.op('Cast', ['attention_mask'], { to: { i: DT.bool } }),
    g.constI64([1, 2], 'axes'),
  ]);
  const allowed = g.op('And', [causal, padding]); // [B, 1, S, T]
  return g.op('Where', [allowed, g.scalarF(0, 'zero_f'), g.scalarF(-1e9, 'neg_inf')]);
}

function declareIo(g: GraphBuilder, spec: DecoderSpec): string {
  const embeds = g.input('inputs_embeds', DT.float, ['batch_size', 'sequence_length', spec.hiddenSize]);
  g.input('attention_mask', DT.int64, ['batch_size', 'total_sequence_length']);
  g.input('position_ids', DT.int64, ['batch_size', 'sequence_length']);
  const kv = ['batch_size', spec.numKvHeads, 'past_sequence_length', spec.headDim];
  for (let i = 0; i < spec.numLayers; i++)
    for (const t of ['key', 'value']) g.input(`past_key_values.${i}.${t}`, DT.float, kv);
  g.output('logits', DT.float, ['batch_size', 'sequence_length', spec.vocabSize]);
  const present = ['batch_size', spec.numKvHeads, 'total_sequence_length', spec.headDim];
  for (let i = 0; i < spec.numLayers; i++)
    for (const t of ['key', 'value']) g.output(`present.${i}.${t}`, DT.float, present);
  return embeds;
}

function lmHeadWeights(spec: DecoderSpec, weights: WeightMap): Float32Array {
  if (!spec.tieEmbeddings) return weight(weights, 'lm_head.weight').data;
  const e = weight(weights, 'embed.weight').data;
  const t = new Float32Array(e.length); // embedᵀ: [D, vocab]
  for (let v = 0; v < spec.vocabSize; v++)
    for (let d = 0; d < spec.hiddenSize; d++) t[d * spec.vocabSize + v] = e[v * spec.hiddenSize + d];
  return t;
}

/**
 * The decoder graph; `scheme` says how each linear weight is stored (an empty scheme: all fp32), `hessians` feed its
 * GPTQ rules. `taps` (calibration only) receives, per linear layer, the name of an extra graph output holding its input.
 */
export function buildDecoder(
  spec: DecoderSpec,
  weights: WeightMap,
  scheme: QuantScheme,
  opts: { hessians?: ReadonlyMap<string, Float64Array>; taps?: Map<string, string> } = {},
): Uint8Array {
  const g = new GraphBuilder('auscult_decoder');
  const embeds = declareIo(g, spec);
  const tables = ropeTables(spec);
  const gatherTable = (name: string, data: Float32Array): string => {
    const t = g.init(name, data, [spec.maxPositions, spec.headDim]);
    return g.op('Unsqueeze', [
      g.op('Gather', [t, 'position_ids'], { axis: { i: 0 } }),
      g.constI64([1], 'axes'),
    ]);
  };
  const s: Shared = {
    g,
    spec,
    weights,
    scheme,
    hessians: opts.hessians,
    taps: opts.taps,
    cos: gatherTable('rope.cos', tables.cos),
    sin: gatherTable('rope.sin', tables.sin),
    maskBias: maskBias(g, embeds),
  };
  let h = embeds;
  for (let i = 0; i < spec.numLayers; i++) {
    h = g.op('Add', [
      h,
      attention(s, rmsNorm(g, h, weights, `layers.${i}.attn_norm.weight`, spec.rmsNormEps), i),
    ]);
    h = g.op('Add', [h, mlp(s, rmsNorm(g, h, weights, `layers.${i}.mlp_norm.weight`, spec.rmsNormEps), i)]);
  }
  const normed = rmsNorm(g, h, weights, 'final_norm.weight', spec.rmsNormEps);
  const headWeights: WeightMap = new Map([
    ['lm_head.weight', { shape: [spec.hiddenSize, spec.vocabSize], data: lmHeadWeights(spec, weights) }],
  ]);
  g.op('Identity', [lin(s, normed, 'lm_head', headWeights)], {}, 'logits');
  if (opts.taps) exposeTaps(g, opts.taps, spec);
  return g.toBytes('Auscult Llama-style decoder with KV cache');
}

/** Adds one graph output per distinct linear input ([batch_size, sequence_length, K]) and points `taps` at it. */
function exposeTaps(g: GraphBuilder, taps: Map<string, string>, spec: DecoderSpec): void {
  const outputs = new Map<string, string>();
  for (const [name, value] of taps) {
    let out = outputs.get(value);
    if (!out) {
      out = g.op('Identity', [value], {}, `tap.${name}`);
      const k = name.endsWith('.o')
        ? spec.numHeads * spec.headDim
        : name.endsWith('.down')
          ? spec.intermediateSize
          : spec.hiddenSize;
      g.output(out, DT.float, ['batch_size', 'sequence_length', k]);
      outputs.set(value, out);
    }
    taps.set(name, out);
  }
}
