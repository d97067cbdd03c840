// `npm run train -- dpo`: the driver of preference optimization of the SFT model with LoRA adapters (DPO, or mDPO
// with --mdpoWeight/--anchorWeight). Resumable adapter checkpoint in <outDir>/dpo.lora, merged exportable one in
// <outDir>/dpo. Pairs, the preference step and the merge are dpo/.
import path from 'node:path';
import { initBackend } from '../backend/index';
import { initLora, loraSpec, mergedVars } from '../lora/lora';
import type { BenchItem } from '../../src/core/tasks/types';
import { disposeVars, toVars } from '../model/vars';
import { firstWindow } from '../train/cache';
import { newAdam, publishCurves, saveStage, tryResume, type StageState } from '../train/common';
import type { TrainConfig } from '../train/config';
import { readBench } from '../train/data';
import { Curves, RunLog } from '../train/progress';
import { SftData, validationAccuracy } from '../train/sft';
import { referenceLogProbs } from '../dpo/batch';
import { cachedFloats, type Pair } from '../dpo/pairs';
import { buildPairSet, dpoStep, loadInit, pairMetrics, saveMerged, type DpoContext } from '../dpo/stage';
import { corpusCache, loop, type StageResult } from './loop';

export const dpoDir = (cfg: TrainConfig) => path.join(cfg.outDir, 'dpo');
export const dpoLoraDir = (cfg: TrainConfig) => path.join(cfg.outDir, 'dpo.lora');

const CURVES = [
  'step',
  'loss',
  'lr',
  'examplesPerS',
  'tokensPerS',
  'valPrefAccuracy',
  'valMargin',
  'valAccuracy',
];

export interface DpoSetup {
  c: DpoContext;
  st: StageState;
  val: BenchItem[];
  valPairs: Pair[];
  valRef: Float32Array;
  data: SftData;
}

/** Everything a DPO step needs: data, the SFT reference, pairs (cached), reference scores, and fresh or resumed adapters. */
export async function setupDpo(cfg: TrainConfig, log: RunLog): Promise<DpoSetup> {
  const [train, val] = [await readBench(cfg.benchDir, 'train'), await readBench(cfg.benchDir, 'val')];
  const { cache } = await corpusCache(cfg, log);
  const init = await loadInit(cfg.dpoInit || path.join(cfg.outDir, 'sft'));
  log.write(`reference and policy start: ${init.dir} (${init.ckpt.meta.stage} step ${init.ckpt.meta.step})`);
  const spec = loraSpec(init.arch, cfg);
  const set = await buildPairSet(cfg, init, train, val, cache);
  process.stderr.write('\n');
  log.write(set.log);
  const windows = (it: BenchItem) => it.recordings.map((id) => firstWindow(cache.get(id)));
  const items = new Map([...train, ...val].map((it) => [it.id, it]));
  const pairCtx = {
    arch: init.arch,
    tok: init.tok,
    items,
    windows,
    seed: cfg.seed,
    withDegraded: cfg.mdpoWeight > 0,
  };
  const t0 = Date.now();
  const key = {
    init: init.dir,
    step: init.ckpt.meta.step,
    withDegraded: pairCtx.withDegraded,
    seed: cfg.seed,
  };
  const refFile = path.join(cfg.outDir, 'dpo.ref');
  const trainRef = await cachedFloats(`${refFile}.train.bin`, { ...key, pairs: set.train }, () =>
    referenceLogProbs(init.base, pairCtx, set.train),
  );
  const valRef = await cachedFloats(`${refFile}.val.bin`, { ...key, pairs: set.val }, () =>
    referenceLogProbs(init.base, { ...pairCtx, withDegraded: false }, set.val),
  );
  log.write(
    `reference log-likelihoods of ${set.train.length + set.val.length} pairs in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  const resumed = await tryResume(dpoLoraDir(cfg), 'dpo', cfg);
  const st: StageState = resumed ?? {
    vars: toVars(initLora(spec, (n) => init.ckpt.weights.get(n)!.shape, cfg.seed + 3)),
    opt: newAdam(cfg),
    step: 0,
  };
  log.write(
    resumed
      ? `resumed adapters at step ${st.step}`
      : `fresh LoRA adapters on ${spec.targets.length} weights (rank ${spec.rank}, alpha ${spec.alpha})`,
  );
  const data = new SftData({ ...cfg, maxSeqLen: init.arch.decoder.maxPositions }, init.arch, init.tok, cache);
  const c: DpoContext = { cfg, init, spec, pairs: pairCtx, train: set.train, trainRef };
  return { c, st, val, valPairs: set.val, valRef, data };
}

export async function runDpo(cfg: TrainConfig): Promise<StageResult> {
  const log = new RunLog(cfg.outDir, 'dpo');
  const backend = await initBackend();
  log.write(`dpo start; backend ${backend.name} (${backend.reason}); config ${JSON.stringify(cfg)}`);
  const { c, st, val, valPairs, valRef, data } = await setupDpo(cfg, log);
  const { init, spec } = c;
  const valItems = val.slice(0, cfg.valGenerate);
  const validate = () => {
    const pm = pairMetrics(st, c, valPairs, valRef);
    const m = mergedVars(init.base, st.vars, spec);
    try {
      const { accuracy, sample } = validationAccuracy({ ...st, vars: m.vars }, data, valItems);
      log.write(`sample: ${sample}`);
      return { valPrefAccuracy: pm.accuracy, valMargin: pm.margin, valAccuracy: accuracy };
    } finally {
      m.dispose();
    }
  };
  const names = [...st.vars.keys()];
  const curves = new Curves(path.join(cfg.outDir, 'dpo.curves.csv'), CURVES);
  const save = (m?: Record<string, number>) =>
    saveStage(dpoLoraDir(cfg), 'dpo', cfg, init.arch, st, init.tok.toJSON(), m);
  const metrics = await loop({
    stage: 'dpo',
    cfg,
    st,
    total: cfg.dpoSteps,
    log,
    curves,
    step: () => dpoStep(st, names, c),
    validate,
    save,
  });
  await saveMerged(dpoDir(cfg), c, st, metrics);
  const docs = publishCurves(cfg, 'dpo', curves.file, ['loss', 'valPrefAccuracy', 'valAccuracy']);
  log.write(
    `dpo done at step ${st.step}: ${JSON.stringify(metrics)}; merged checkpoint ${dpoDir(cfg)}${docs.length ? `; curves ${docs.join(', ')}` : ''}`,
  );
  [init.base, st.vars].forEach(disposeVars);
  st.opt.dispose();
  return { dir: dpoDir(cfg), step: st.step, metrics };
}
