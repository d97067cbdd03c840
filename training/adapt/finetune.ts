// LoRA fine-tuning on the user's items: the SFT response loss (with the SFT stage's log-mel augmentation) through the
// adapter view; the base stays frozen. Returns the merged weights, ready to export.
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { BenchItem } from '../../src/core/tasks/types';
import { FEATURE_CONFIG, featureConfigHash } from '../../src/core/features/config';
import { PROMPT_TEMPLATE_VERSION } from '../../src/core/tasks/prompt';
import { writeCheckpoint } from '../checkpoint/index';
import type { Init } from '../dpo/stage';
import { initLora, loraView, mergeLora, type LoraSpec } from '../lora/lora';
import { learningRate } from '../model/adam';
import { lmLoss } from '../model/lm';
import { disposeVars, fromVars, toVars } from '../model/vars';
import type { FeatureCache } from '../train/cache';
import { newAdam, stepRand, trainStep, type StageState } from '../train/common';
import type { TrainConfig } from '../train/config';
import { Curves, Progress } from '../train/progress';
import { SftData } from '../train/sft';

export interface FinetuneOptions {
  cfg: TrainConfig;
  steps: number;
  lr: number;
  spec: LoraSpec;
  workDir: string;
}

/** Trains adapters for `steps` steps and writes the merged checkpoint to <workDir>/checkpoint; returns its path. */
export async function finetune(
  init: Init,
  items: BenchItem[],
  cache: FeatureCache,
  o: FinetuneOptions,
): Promise<string> {
  const { cfg, spec } = o;
  const data = new SftData({ ...cfg, maxSeqLen: init.arch.decoder.maxPositions }, init.arch, init.tok, cache);
  const st: StageState = {
    vars: toVars(initLora(spec, (n) => init.ckpt.weights.get(n)!.shape, cfg.seed + 7)),
    opt: newAdam(cfg),
    step: 0,
  };
  // With adaptProjector the projector's own variables train too: they join the optimizer's map (same tf.Variables).
  const proj = cfg.adaptProjector ? [...init.base.keys()].filter((k) => k.startsWith('proj.')) : [];
  for (const k of proj) st.vars.set(k, init.base.get(k)!);
  const names = [...st.vars.keys()];
  const curves = new Curves(path.join(o.workDir, 'adapt.curves.csv'), ['step', 'loss', 'lr']);
  const progress = new Progress('adapt', o.steps, 0);
  while (st.step < o.steps) {
    const rand = stepRand(cfg.seed, st.step, 9);
    const batch = Array.from({ length: cfg.sftBatch }, () => items[Math.floor(rand() * items.length)]);
    const b = data.batch(batch, rand);
    const lr = learningRate(st.step, o.lr, Math.min(cfg.warmupSteps, o.steps / 10), o.steps);
    const r = trainStep(
      st,
      names,
      () => lmLoss(loraView(init.base, st.vars, spec), init.arch, b.seq, tf.tensor3d(b.mels, b.melShape)),
      lr,
    );
    curves.add({ step: st.step, loss: r.loss, lr });
    if (st.step % cfg.logEvery === 0 || st.step === o.steps) progress.update(st.step, { loss: r.loss, lr });
  }
  const dir = path.join(o.workDir, 'checkpoint');
  await writeCheckpoint(
    dir,
    {
      format: 1,
      stage: 'adapt',
      step: st.step,
      config: { ...cfg, adaptFrom: path.resolve(init.dir), adaptSteps: o.steps, adaptLr: o.lr },
      architecture: init.arch,
      featureConfigHash: featureConfigHash(FEATURE_CONFIG),
      promptTemplateVersion: PROMPT_TEMPLATE_VERSION,
      metrics: init.ckpt.meta.metrics,
    },
    mergeLora(
      new Map([...init.ckpt.weights, ...fromVars(new Map(proj.map((k) => [k, st.vars.get(k)!])))]),
      fromVars(st.vars),
      spec,
    ),
    { tokenizerJson: init.tok.toJSON() },
  );
  for (const k of proj) st.vars.delete(k);
  disposeVars(st.vars);
  st.opt.dispose();
  return dir;
}
