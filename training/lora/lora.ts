// LoRA adapters on the decoder's linear layers: W' = W + (alpha / rank) · A·B with A [in, r] and B [r, out] (B starts at
// zero, so a fresh adapter leaves the model unchanged). Only A and B train; mergeLora folds them into plain weights.
import * as tf from '@tensorflow/tfjs';
import type { ModelArchitecture } from '../../src/core/manifest/architecture';
import type { WeightMap } from '../checkpoint/index';
import { gaussian, mulberry32 } from '../model/params';
import type { Vars } from '../model/vars';

/** Short target names and where each lives inside a decoder layer. */
const TARGET_PATHS: Readonly<Record<string, string>> = {
  q: 'attn.q',
  k: 'attn.k',
  v: 'attn.v',
  o: 'attn.o',
  gate: 'mlp.gate',
  up: 'mlp.up',
  down: 'mlp.down',
};

export interface LoraSpec {
  rank: number;
  alpha: number;
  /** Full weight names that get an adapter, e.g. layers.0.attn.q.weight. */
  targets: string[];
}

/** Parses `q,v,gate` into the weight names of every decoder layer; unknown names are rejected. */
export function loraTargets(arch: ModelArchitecture, list: string): string[] {
  const short = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = short.find((s) => !(s in TARGET_PATHS));
  if (bad || !short.length)
    throw new Error(
      `loraTargets: '${bad ?? list}' is not a decoder linear layer (use some of ${Object.keys(TARGET_PATHS).join(',')})`,
    );
  return Array.from({ length: arch.decoder.numLayers }, (_, i) =>
    short.map((s) => `layers.${i}.${TARGET_PATHS[s]}.weight`),
  ).flat();
}

export function loraSpec(
  arch: ModelArchitecture,
  cfg: { loraRank: number; loraAlpha: number; loraTargets: string },
): LoraSpec {
  if (!(cfg.loraRank >= 1)) throw new Error(`loraRank must be ≥ 1, got ${cfg.loraRank}`);
  return { rank: cfg.loraRank, alpha: cfg.loraAlpha, targets: loraTargets(arch, cfg.loraTargets) };
}

export const loraScale = (s: LoraSpec) => s.alpha / s.rank;
export const loraA = (name: string) => `lora.${name}.A`;
export const loraB = (name: string) => `lora.${name}.B`;

/** Fresh adapters: A ~ N(0, 1/in) (seeded), B = 0. `shapes` gives each target's [in, out]. */
export function initLora(spec: LoraSpec, shapes: (name: string) => number[], seed: number): WeightMap {
  const g = gaussian(mulberry32(seed));
  const out: WeightMap = new Map();
  for (const name of spec.targets) {
    const [inDim, outDim] = shapes(name);
    const a = new Float32Array(inDim * spec.rank);
    for (let i = 0; i < a.length; i++) a[i] = g() / Math.sqrt(inDim);
    out.set(loraA(name), { shape: [inDim, spec.rank], data: a });
    out.set(loraB(name), { shape: [spec.rank, outDim], data: new Float32Array(spec.rank * outDim) });
  }
  return out;
}

/**
 * The policy's weights as the decoder reads them: base variables, with each target replaced by W + s·A·B computed on
 * the gradient tape (call inside the loss function so gradients reach A and B; the base stays frozen).
 */
export function loraView(base: Vars, adapters: Vars, spec: LoraSpec): Vars {
  const out: Vars = new Map(base);
  const s = loraScale(spec);
  for (const name of spec.targets) {
    const a = adapters.get(loraA(name));
    const b = adapters.get(loraB(name));
    const w = base.get(name);
    if (!a || !b || !w) throw new Error(`LoRA adapter or base weight for ${name} is missing`);
    // The decoder only reads these as tensors; Vars is typed as variables because training updates them in place.
    out.set(name, tf.add(w, tf.mul(tf.matMul(a, b), s)) as unknown as tf.Variable);
  }
  return out;
}

/** Folds the adapters into a copy of the base weights (float64 accumulation), dropping the lora.* entries. */
export function mergeLora(base: WeightMap, adapters: WeightMap, spec: LoraSpec): WeightMap {
  const out: WeightMap = new Map(base);
  const s = loraScale(spec);
  for (const name of spec.targets) {
    const w = base.get(name);
    const a = adapters.get(loraA(name));
    const b = adapters.get(loraB(name));
    if (!w || !a || !b) throw new Error(`LoRA adapter or base weight for ${name} is missing`);
    const [inDim, outDim] = w.shape;
    const r = a.shape[1];
    const merged = new Float32Array(w.data);
    for (let i = 0; i < inDim; i++)
      for (let j = 0; j < outDim; j++) {
        let acc = 0;
        for (let k = 0; k < r; k++) acc += a.data[i * r + k] * b.data[k * outDim + j];
        merged[i * outDim + j] += s * acc;
      }
    out.set(name, { shape: [...w.shape], data: merged });
  }
  return out;
}

/** The adapted weights materialized once (for generation or validation); `dispose` frees the merged tensors. */
export function mergedVars(base: Vars, adapters: Vars, spec: LoraSpec): { vars: Vars; dispose: () => void } {
  const merged = tf.tidy(() => {
    const view = loraView(base, adapters, spec);
    return spec.targets.map((n) => view.get(n)!);
  });
  const vars: Vars = new Map(base);
  spec.targets.forEach((n, i) => vars.set(n, merged[i] as unknown as tf.Variable));
  return { vars, dispose: () => merged.forEach((t) => t.dispose()) };
}
