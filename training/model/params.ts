// Weight names, shapes and initialization for the audio LM, exactly as named in src/core/manifest/architecture.ts.
import type { ModelArchitecture } from '../../src/core/manifest/architecture';
import { mulberry32 } from '../../src/core/random';
import type { WeightMap } from '../checkpoint/index';

export interface WeightSpec {
  name: string;
  shape: number[];
  /** 'normal' scaled by 1/sqrt(fanIn), 'zeros', or 'ones' (norm gains). */
  init: 'normal' | 'zeros' | 'ones';
  fanIn: number;
}

function encoderSpecs(a: ModelArchitecture): WeightSpec[] {
  const out: WeightSpec[] = [];
  let cin = a.encoder.nMels;
  a.encoder.channels.forEach((cout, i) => {
    const fanIn = a.encoder.kernel * cin;
    out.push({ name: `enc.conv${i}.weight`, shape: [a.encoder.kernel, cin, cout], init: 'normal', fanIn });
    out.push({ name: `enc.conv${i}.bias`, shape: [cout], init: 'zeros', fanIn });
    cin = cout;
  });
  const c = a.encoder.channels[a.encoder.channels.length - 1];
  const pin = a.projector.framesPerToken * c;
  const D = a.decoder.hiddenSize;
  out.push({ name: 'proj.fc1.weight', shape: [pin, a.projector.hidden], init: 'normal', fanIn: pin });
  out.push({ name: 'proj.fc1.bias', shape: [a.projector.hidden], init: 'zeros', fanIn: pin });
  out.push({
    name: 'proj.fc2.weight',
    shape: [a.projector.hidden, D],
    init: 'normal',
    fanIn: a.projector.hidden,
  });
  out.push({ name: 'proj.fc2.bias', shape: [D], init: 'zeros', fanIn: a.projector.hidden });
  out.push({ name: 'heads.weight', shape: [2 * c, a.heads.labels.length], init: 'normal', fanIn: 2 * c });
  out.push({ name: 'heads.bias', shape: [a.heads.labels.length], init: 'zeros', fanIn: 2 * c });
  return out;
}

function decoderSpecs(a: ModelArchitecture): WeightSpec[] {
  const d = a.decoder;
  const D = d.hiddenSize;
  const q = d.numHeads * d.headDim;
  const kv = d.numKvHeads * d.headDim;
  const out: WeightSpec[] = [{ name: 'embed.weight', shape: [d.vocabSize, D], init: 'normal', fanIn: D }];
  for (let i = 0; i < d.numLayers; i++) {
    const p = `layers.${i}`;
    out.push({ name: `${p}.attn_norm.weight`, shape: [D], init: 'ones', fanIn: D });
    out.push({ name: `${p}.attn.q.weight`, shape: [D, q], init: 'normal', fanIn: D });
    out.push({ name: `${p}.attn.k.weight`, shape: [D, kv], init: 'normal', fanIn: D });
    out.push({ name: `${p}.attn.v.weight`, shape: [D, kv], init: 'normal', fanIn: D });
    // Residual output projections start small (GPT-2 style 1/sqrt(2L)) so deep stacks begin near identity.
    out.push({ name: `${p}.attn.o.weight`, shape: [q, D], init: 'normal', fanIn: q * 2 * d.numLayers });
    out.push({ name: `${p}.mlp_norm.weight`, shape: [D], init: 'ones', fanIn: D });
    out.push({ name: `${p}.mlp.gate.weight`, shape: [D, d.intermediateSize], init: 'normal', fanIn: D });
    out.push({ name: `${p}.mlp.up.weight`, shape: [D, d.intermediateSize], init: 'normal', fanIn: D });
    const fin = d.intermediateSize * 2 * d.numLayers;
    out.push({ name: `${p}.mlp.down.weight`, shape: [d.intermediateSize, D], init: 'normal', fanIn: fin });
  }
  out.push({ name: 'final_norm.weight', shape: [D], init: 'ones', fanIn: D });
  if (!d.tieEmbeddings)
    out.push({ name: 'lm_head.weight', shape: [D, d.vocabSize], init: 'normal', fanIn: D });
  return out;
}

/** Every weight of the architecture, in a stable order. */
export function weightSpecs(a: ModelArchitecture): WeightSpec[] {
  return [...encoderSpecs(a), ...decoderSpecs(a)];
}

// The core PRNG, re-exported for training code that draws weights and noise from it (initialization is
// reproducible from a seed).
export { mulberry32 };

/** Standard normal samples (Box-Muller) from a uniform source. */
export function gaussian(rand: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
}

/** Fresh weights for `a` (embedding std 0.02·sqrt(D)/sqrt(D) = scaled like the rest). */
export function initWeights(a: ModelArchitecture, seed: number): WeightMap {
  const g = gaussian(mulberry32(seed));
  const out: WeightMap = new Map();
  for (const s of weightSpecs(a)) {
    const n = s.shape.reduce((x, y) => x * y, 1);
    const data = new Float32Array(n);
    if (s.init === 'ones') data.fill(1);
    else if (s.init === 'normal') {
      const std = s.name === 'embed.weight' ? 0.02 : 1 / Math.sqrt(s.fanIn);
      for (let i = 0; i < n; i++) data[i] = g() * std;
    }
    out.set(s.name, { shape: s.shape, data });
  }
  return out;
}
