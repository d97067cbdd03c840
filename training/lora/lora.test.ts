// LoRA parity: a zero-B adapter leaves logits unchanged, and the merged weights give the same logits as the
// unmerged adapter view (max |Δ| printed, tolerance 1e-4).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index';
import { decoderHidden, lmLogits } from '../model/decoder';
import { gaussian, initWeights, mulberry32 } from '../model/params';
import { disposeVars, toVars, type Vars } from '../model/vars';
import { architectureFor } from '../train/common';
import { parseArgs } from '../train/config';
import { HEAD_LABELS } from '../train/data';
import { initLora, loraB, loraSpec, loraTargets, loraView, mergeLora } from './lora';

const cfg = parseArgs(['dpo', '--config=tiny', '--layers=2']).config;
const arch = architectureFor(cfg, cfg.vocabSize, HEAD_LABELS);
const S = 7;

function logits(v: Vars, embeds: Float32Array): Float32Array {
  return tf.tidy(() => {
    const h = decoderHidden(v, arch.decoder, tf.tensor3d(embeds, [1, S, arch.decoder.hiddenSize]));
    return lmLogits(v, arch.decoder, tf.reshape(h, [S, arch.decoder.hiddenSize]) as tf.Tensor2D).dataSync();
  }) as Float32Array;
}

const maxDiff = (a: Float32Array, b: Float32Array) =>
  a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);

describe('LoRA', () => {
  beforeAll(async () => {
    await initBackend({ quiet: true });
  });
  const base = initWeights(arch, 5);
  const spec = loraSpec(arch, cfg);
  const g = gaussian(mulberry32(9));
  const embeds = Float32Array.from({ length: S * arch.decoder.hiddenSize }, () => g());

  it('targets every layer and rejects unknown names', () => {
    expect(loraTargets(arch, 'q,down')).toEqual([
      'layers.0.attn.q.weight',
      'layers.0.mlp.down.weight',
      'layers.1.attn.q.weight',
      'layers.1.mlp.down.weight',
    ]);
    expect(() => loraTargets(arch, 'q,embed')).toThrow(/embed/);
  });

  it('an adapter with B = 0 leaves the logits unchanged', () => {
    const bv = toVars(base);
    const av = toVars(initLora(spec, (n) => base.get(n)!.shape, 1));
    const diff = maxDiff(logits(bv, embeds), logits(loraView(bv, av, spec), embeds));
    console.log(`B=0: max |Δlogits| ${diff}`);
    expect(diff).toBe(0);
    disposeVars(bv);
    disposeVars(av);
  });

  it('merged weights give the logits of the unmerged adapter view', () => {
    const adapters = initLora(spec, (n) => base.get(n)!.shape, 2);
    for (const name of spec.targets) adapters.get(loraB(name))!.data.forEach((_, i, d) => (d[i] = 0.3 * g()));
    const bv = toVars(base);
    const av = toVars(adapters);
    const mv = toVars(mergeLora(base, adapters, spec));
    const unmerged = logits(loraView(bv, av, spec), embeds);
    const diff = maxDiff(unmerged, logits(mv, embeds));
    const moved = maxDiff(unmerged, logits(bv, embeds));
    console.log(
      `merged vs unmerged: max |Δlogits| ${diff.toExponential(2)} (adapter moved logits by ${moved.toFixed(3)})`,
    );
    expect(moved).toBeGreaterThan(0.05);
    expect(diff).toBeLessThan(1e-4);
    [bv, av, mv].forEach(disposeVars);
  });
});
