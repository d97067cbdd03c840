// Llama-style decoder in tfjs: RMSNorm, half-split rotary positions, grouped-query causal attention, SwiGLU,
// tied or separate LM head. Optional KV cache for generation. Layouts follow architecture.ts ([in, out] weights).
import * as tf from '@tensorflow/tfjs';
import type { DecoderSpec } from '../../src/core/manifest/architecture';
import { need, type Vars } from './vars';

export function rmsNorm(x: tf.Tensor, w: tf.Tensor, eps: number): tf.Tensor {
  return tf.mul(tf.mul(x, tf.rsqrt(tf.add(tf.mean(tf.square(x), -1, true), eps))), w);
}

/** cos/sin tables [S, hd] for positions start..start+S-1 (HF Llama: freqs duplicated across both halves). */
export function ropeTables(d: DecoderSpec, start: number, S: number): { cos: tf.Tensor2D; sin: tf.Tensor2D } {
  const half = d.headDim / 2;
  const cos = new Float32Array(S * d.headDim);
  const sin = new Float32Array(S * d.headDim);
  for (let p = 0; p < S; p++)
    for (let i = 0; i < half; i++) {
      const ang = (start + p) / Math.pow(d.ropeTheta, (2 * i) / d.headDim);
      for (const j of [i, i + half]) {
        cos[p * d.headDim + j] = Math.cos(ang);
        sin[p * d.headDim + j] = Math.sin(ang);
      }
    }
  return { cos: tf.tensor2d(cos, [S, d.headDim]), sin: tf.tensor2d(sin, [S, d.headDim]) };
}

/** x [B, H, S, hd] rotated: x·cos + rotate_half(x)·sin, rotate_half = cat(-x2, x1). */
function rope(x: tf.Tensor4D, cos: tf.Tensor2D, sin: tf.Tensor2D): tf.Tensor4D {
  const [x1, x2] = tf.split(x, 2, 3);
  const rot = tf.concat([tf.neg(x2), x1], 3);
  return tf.add(tf.mul(x, cos), tf.mul(rot, sin)) as tf.Tensor4D;
}

/** [B, S, n*hd] → [B, n, S, hd] */
function heads(x: tf.Tensor, B: number, S: number, n: number, hd: number): tf.Tensor4D {
  return tf.transpose(tf.reshape(x, [B, S, n, hd]), [0, 2, 1, 3]) as tf.Tensor4D;
}

export interface KvCache {
  /** Per layer: keys and values [B, KV, T, hd] already rotated. */
  k: tf.Tensor4D[];
  v: tf.Tensor4D[];
}

/** Additive causal mask [S, T] for queries at positions past..past+S-1 over T = past+S keys. */
function causalMask(S: number, past: number): tf.Tensor2D {
  const T = past + S;
  const m = new Float32Array(S * T);
  for (let i = 0; i < S; i++) for (let j = past + i + 1; j < T; j++) m[i * T + j] = -1e9;
  return tf.tensor2d(m, [S, T]);
}

/**
 * Grouped-query attention without materializing repeated kv heads: query heads h = kv·groups + g (HF repeat_kv
 * order) are regrouped to [B, KV, groups·S, hd] so each kv head serves its group in one matMul.
 */
function groupedAttention(
  q: tf.Tensor4D,
  k: tf.Tensor4D,
  v: tf.Tensor4D,
  mask: tf.Tensor2D,
  groups: number,
): tf.Tensor4D {
  const [B, H, S, hd] = q.shape;
  const KV = H / groups;
  const T = k.shape[2];
  const qg = tf.reshape(q, [B, KV, groups * S, hd]);
  const scores = tf.reshape(tf.mul(tf.matMul(qg, k, false, true), 1 / Math.sqrt(hd)), [B, KV, groups, S, T]);
  const probs = tf.reshape(tf.softmax(tf.add(scores, mask)), [B, KV, groups * S, T]);
  return tf.reshape(tf.matMul(probs, v), [B, H, S, hd]) as tf.Tensor4D;
}

function attention(v: Vars, d: DecoderSpec, i: number, h: tf.Tensor3D, ctx: LayerCtx): tf.Tensor3D {
  const [B, S] = h.shape;
  const p = `layers.${i}.attn`;
  const x2 = tf.reshape(h, [B * S, d.hiddenSize]) as tf.Tensor2D;
  const q = rope(
    heads(tf.matMul(x2, need<tf.Tensor2D>(v, `${p}.q.weight`)), B, S, d.numHeads, d.headDim),
    ctx.cos,
    ctx.sin,
  );
  let k = rope(
    heads(tf.matMul(x2, need<tf.Tensor2D>(v, `${p}.k.weight`)), B, S, d.numKvHeads, d.headDim),
    ctx.cos,
    ctx.sin,
  );
  let val = heads(tf.matMul(x2, need<tf.Tensor2D>(v, `${p}.v.weight`)), B, S, d.numKvHeads, d.headDim);
  if (ctx.cache) {
    if (ctx.cache.k[i]) [k, val] = [tf.concat([ctx.cache.k[i], k], 2), tf.concat([ctx.cache.v[i], val], 2)];
    ctx.cache.k[i] = tf.keep(k);
    ctx.cache.v[i] = tf.keep(val);
  }
  const out = groupedAttention(q, k, val, ctx.mask, d.numHeads / d.numKvHeads);
  const merged = tf.reshape(tf.transpose(out, [0, 2, 1, 3]), [B * S, d.numHeads * d.headDim]) as tf.Tensor2D;
  return tf.reshape(tf.matMul(merged, need<tf.Tensor2D>(v, `${p}.o.weight`)), [
    B,
    S,
    d.hiddenSize,
  ]) as tf.Tensor3D;
}

function mlp(v: Vars, d: DecoderSpec, i: number, h: tf.Tensor3D): tf.Tensor3D {
  const [B, S] = h.shape;
  const p = `layers.${i}.mlp`;
  const x2 = tf.reshape(h, [B * S, d.hiddenSize]) as tf.Tensor2D;
  const g = tf.matMul(x2, need<tf.Tensor2D>(v, `${p}.gate.weight`));
  const u = tf.matMul(x2, need<tf.Tensor2D>(v, `${p}.up.weight`));
  const act = tf.mul(tf.mul(g, tf.sigmoid(g)), u) as tf.Tensor2D;
  return tf.reshape(tf.matMul(act, need<tf.Tensor2D>(v, `${p}.down.weight`)), [
    B,
    S,
    d.hiddenSize,
  ]) as tf.Tensor3D;
}

interface LayerCtx {
  cos: tf.Tensor2D;
  sin: tf.Tensor2D;
  mask: tf.Tensor2D;
  cache?: KvCache;
}

/**
 * inputs_embeds [B, S, D] → final hidden states [B, S, D] (after final norm). With a cache, positions continue
 * after the cached length and the cache is extended in place (caller disposes old entries via disposeCache).
 */
export function decoderHidden(v: Vars, d: DecoderSpec, embeds: tf.Tensor3D, cache?: KvCache): tf.Tensor3D {
  const S = embeds.shape[1];
  const past = cache?.k[0]?.shape[2] ?? 0;
  const old = cache ? [...cache.k, ...cache.v] : [];
  const out = tf.tidy(() => {
    const { cos, sin } = ropeTables(d, past, S);
    const ctx: LayerCtx = { cos, sin, mask: causalMask(S, past), cache };
    let h = embeds;
    for (let i = 0; i < d.numLayers; i++) {
      h = tf.add(
        h,
        attention(
          v,
          d,
          i,
          rmsNorm(h, need(v, `layers.${i}.attn_norm.weight`), d.rmsNormEps) as tf.Tensor3D,
          ctx,
        ),
      );
      h = tf.add(
        h,
        mlp(v, d, i, rmsNorm(h, need(v, `layers.${i}.mlp_norm.weight`), d.rmsNormEps) as tf.Tensor3D),
      );
    }
    return rmsNorm(h, need(v, 'final_norm.weight'), d.rmsNormEps) as tf.Tensor3D;
  });
  old.forEach((t) => t.dispose());
  return out;
}

/** Hidden states [N, D] → logits [N, V] through the tied embedding or the LM head. */
export function lmLogits(v: Vars, d: DecoderSpec, h: tf.Tensor2D): tf.Tensor2D {
  return d.tieEmbeddings
    ? tf.matMul(h, need<tf.Tensor2D>(v, 'embed.weight'), false, true)
    : tf.matMul(h, need<tf.Tensor2D>(v, 'lm_head.weight'));
}

export function disposeCache(c: KvCache): void {
  [...c.k, ...c.v].forEach((t) => t?.dispose());
  c.k = [];
  c.v = [];
}
