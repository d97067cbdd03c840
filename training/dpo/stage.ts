// The DPO stage's pieces: the SFT checkpoint as frozen reference + LoRA policy, pair building with its cache, one
// preference step, validation, and the merged (exportable) final checkpoint.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { FEATURE_CONFIG, featureConfigHash } from '../../src/core/features/config';
import type { ModelArchitecture } from '../../src/core/manifest/architecture';
import { PROMPT_TEMPLATE_VERSION } from '../../src/core/tasks/prompt';
import type { BenchItem } from '../../src/core/tasks/types';
import { readCheckpoint, writeCheckpoint, type Checkpoint } from '../checkpoint/index';
import { learningRate } from '../model/adam';
import { AudioLM } from '../model/generate';
import { fromVars, toVars, type Vars } from '../model/vars';
import { Tokenizer } from '../tokenizer/tokenizer';
import { firstWindow, type FeatureCache } from '../train/cache';
import { stepRand, trainStep, type StageState } from '../train/common';
import type { TrainConfig } from '../train/config';
import { loraView, mergeLora, mergedVars, type LoraSpec } from '../lora/lora';
import { pairBatch, refFor, referenceLogProbs, splitLogProbs, type PairContext } from './batch';
import { preferenceLoss, sequenceLogProbs } from './loss';
import { cachedPairs, hardPairs, samplePairs, shuffled, type Pair } from './pairs';

export interface Init {
  dir: string;
  ckpt: Checkpoint;
  tok: Tokenizer;
  arch: ModelArchitecture;
  base: Vars;
}

/** The SFT checkpoint: policy start and frozen reference (aux.* weights stay out of the model variables). */
export async function loadInit(dir: string): Promise<Init> {
  const ckpt = await readCheckpoint(dir);
  if (!ckpt.weights.has('embed.weight'))
    throw new Error(
      `${dir} has no language model (a ${ckpt.meta.stage} checkpoint); pass an SFT checkpoint with --dpoInit`,
    );
  const tok = Tokenizer.fromJSON(await readFile(path.join(dir, ckpt.meta.tokenizer), 'utf8'));
  const base = toVars(new Map([...ckpt.weights].filter(([k]) => !k.startsWith('aux.'))));
  return { dir, ckpt, tok, arch: ckpt.meta.architecture, base };
}

export interface PairSet {
  train: Pair[];
  val: Pair[];
  log: string;
}

/** Sampled + hard-negative train pairs and hard-negative val pairs, from the cache when its settings match. */
export async function buildPairSet(
  cfg: TrainConfig,
  init: Init,
  train: BenchItem[],
  val: BenchItem[],
  cache: FeatureCache,
): Promise<PairSet> {
  const settings = {
    init: path.resolve(init.dir),
    initStep: init.ckpt.meta.step,
    ...Object.fromEntries(
      (
        [
          'seed',
          'dpoSampleItems',
          'candidates',
          'temperatures',
          'dpoHardItems',
          'dpoValPairs',
          'maxNewTokens',
        ] as const
      ).map((k) => [k, cfg[k]]),
    ),
  };
  const lm = new AudioLM(init.arch, init.base, init.tok, init.arch.decoder.maxPositions);
  const windows = (it: BenchItem) => it.recordings.map((id) => firstWindow(cache.get(id)));
  const t0 = Date.now();
  const src = {
    lm,
    windows,
    maxNewTokens: cfg.maxNewTokens,
    onProgress: (d: number, n: number, p: number) => {
      if (d % 10 === 0 || d === n)
        process.stderr.write(
          `\r[dpo] sampling ${d}/${n} items, ${p} pairs, ${((Date.now() - t0) / 1000).toFixed(0)} s`,
        );
    },
  };
  const file = path.join(cfg.outDir, 'dpo.pairs.jsonl');
  const { pairs, cached } = await cachedPairs(file, settings, () => [
    ...samplePairs(
      shuffled(train, cfg.seed).slice(0, cfg.dpoSampleItems),
      src,
      cfg.candidates,
      cfg.temperatures,
      cfg.seed,
    ),
    ...hardPairs(shuffled(train, cfg.seed + 1).slice(0, cfg.dpoHardItems), cfg.seed + 2),
  ]);
  // Only as many val items as the pairs need: rendering and scoring every val item's negatives takes minutes.
  const valPairs = hardPairs(shuffled(val, cfg.seed + 3).slice(0, 3 * cfg.dpoValPairs), cfg.seed + 4).slice(
    0,
    cfg.dpoValPairs,
  );
  const kinds = new Map<string, number>();
  for (const p of pairs) kinds.set(p.kind, (kinds.get(p.kind) ?? 0) + 1);
  const log = `${cached ? 'read' : 'built'} ${pairs.length} train pairs (${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}) in ${file}; ${valPairs.length} val pairs`;
  if (!pairs.length) throw new Error('no preference pairs: raise dpoSampleItems or dpoHardItems');
  return { train: pairs, val: valPairs, log };
}

export interface DpoContext {
  cfg: TrainConfig;
  init: Init;
  spec: LoraSpec;
  pairs: PairContext;
  train: Pair[];
  trainRef: Float32Array;
}

/** One preference step on `dpoBatch` pairs drawn by (seed, step) — a resumed run draws the same ones. */
export function dpoStep(st: StageState, names: string[], c: DpoContext) {
  const { cfg, init, spec } = c;
  const rand = stepRand(cfg.seed, st.step, 5);
  const idx = Array.from({ length: cfg.dpoBatch }, () => Math.floor(rand() * c.train.length));
  const b = pairBatch(
    c.pairs,
    idx.map((i) => c.train[i]),
    idx,
  );
  const lr = learningRate(st.step, cfg.dpoLr, cfg.warmupSteps, cfg.dpoSteps);
  const w = { beta: cfg.beta, mdpoWeight: cfg.mdpoWeight, anchorWeight: cfg.anchorWeight };
  let margin = 0;
  const r = trainStep(
    st,
    names,
    () => {
      const lp = sequenceLogProbs(loraView(init.base, st.vars, spec), init.arch, b.seq, b.mels);
      const out = preferenceLoss(
        splitLogProbs(lp, c.pairs.withDegraded),
        refFor(c.trainRef, c.train.length, idx, c.pairs.withDegraded),
        w,
      );
      margin = out.margin.dataSync()[0];
      return out.loss;
    },
    lr,
  );
  b.mels.dispose();
  return { loss: r.loss, lr, margin, gradNorm: r.gradNorm, examples: idx.length, tokens: b.seq.B * b.seq.S };
}

/** Preference accuracy and mean DPO margin of the current policy on held-out pairs. */
export function pairMetrics(
  st: StageState,
  c: DpoContext,
  pairs: Pair[],
  ref: Float32Array,
): { accuracy: number; margin: number } {
  if (!pairs.length) return { accuracy: 0, margin: 0 };
  const m = mergedVars(c.init.base, st.vars, c.spec);
  try {
    const ctx = { ...c.pairs, withDegraded: false };
    const pol = referenceLogProbs(m.vars, ctx, pairs);
    const refCR = (f: number, j: number) => ref[f * pairs.length + j];
    const margins = pairs.map(
      (_, j) => c.cfg.beta * (pol[j] - refCR(0, j) - (pol[pairs.length + j] - refCR(1, j))),
    );
    return {
      accuracy: margins.filter((x) => x > 0).length / margins.length,
      margin: margins.reduce((a, x) => a + x, 0) / margins.length,
    };
  } finally {
    m.dispose();
  }
}

/** Writes the exportable checkpoint: base weights with the adapters merged in, the SFT's calibration metrics kept. */
export async function saveMerged(
  dir: string,
  c: DpoContext,
  st: StageState,
  metrics: Record<string, number>,
): Promise<void> {
  const { init } = c;
  await writeCheckpoint(
    dir,
    {
      format: 1,
      stage: 'dpo',
      step: st.step,
      config: { ...c.cfg, dpoInit: path.resolve(init.dir) },
      architecture: init.arch,
      featureConfigHash: featureConfigHash(FEATURE_CONFIG),
      promptTemplateVersion: PROMPT_TEMPLATE_VERSION,
      metrics: { ...(init.ckpt.meta.metrics ?? {}), ...metrics },
    },
    mergeLora(init.ckpt.weights, fromVars(st.vars), c.spec),
    { tokenizerJson: init.tok.toJSON() },
  );
}
