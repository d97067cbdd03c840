// Random-weight models for fast tests: architectures (tiny / default) and weights named per architecture.ts.
// Deterministic (seeded) so a rebuilt models/tiny-random is byte-identical.
import { FEATURE_CONFIG } from '../../src/core/features/config';
import type { ModelArchitecture } from '../../src/core/manifest/architecture';
import { defaultArchitecture, tinyArchitecture } from '../../src/core/manifest/fixtures';
import type { WeightMap } from '../checkpoint';
import { gaussian, initWeights, mulberry32 } from '../model/params';
import { HEAD_LABELS } from '../train/data';

export type RandomPreset = 'tiny' | 'default';

/** Architectures for random models; `vocabSize` must match the tokenizer shipped with them. */
export function presetArchitecture(
  preset: RandomPreset,
  vocabSize: number,
  windowFrames = FEATURE_CONFIG.windowFrames,
): ModelArchitecture {
  const heads = { labels: [...HEAD_LABELS] }; // the same findings heads training defines
  const encoder = { nMels: FEATURE_CONFIG.nMels, windowFrames };
  // tiny: untied, since with tied unit-scale embeddings a random model just repeats its last token
  return preset === 'tiny'
    ? tinyArchitecture({ encoder, heads, decoder: { vocabSize } })
    : defaultArchitecture({ encoder, heads, decoder: { vocabSize } });
}

/**
 * Training's initialization (training/model/params.ts) with every norm gain and bias jittered and embeddings at unit
 * scale, so a random model's outputs depend on every weight (parity tests then exercise all of them).
 */
export function randomWeights(arch: ModelArchitecture, seed = 1): WeightMap {
  const weights = initWeights(arch, seed);
  const g = gaussian(mulberry32(seed + 1));
  for (const [name, w] of weights) {
    const jitter = name.endsWith('norm.weight') || name.endsWith('.bias') ? 0.1 : 0;
    const scale = name === 'embed.weight' ? 50 : 1; // 0.02 → unit std: logits far from uniform, greedy is decisive
    for (let i = 0; i < w.data.length; i++) w.data[i] = w.data[i] * scale + jitter * g();
  }
  return weights;
}
