// The pretrain stage's driver: corpus + feature cache, auto-resume, the shared loop over pretrainStep (encoder +
// findings heads), validation on the corpus val split, curves and the run log. The step itself is train/pretrain.ts.
import path from 'node:path';
import { initBackend } from '../backend/index';
import { disposeVars } from '../model/vars';
import { architectureFor, CURVE_COLUMNS, publishCurves, tryResume } from '../train/common';
import type { TrainConfig } from '../train/config';
import { HEAD_LABELS } from '../train/data';
import { headProbs, keyHeadMetrics } from '../train/metrics';
import { initPretrain, pretrainData, pretrainDir, pretrainStep, savePretrain } from '../train/pretrain';
import { Curves, RunLog } from '../train/progress';
import { withoutSources } from '../train/sampling';
import { corpusCache, loop, noiseSources, type StageResult } from './loop';

export async function runPretrain(cfg: TrainConfig): Promise<StageResult> {
  const log = new RunLog(cfg.outDir, 'pretrain');
  const backend = await initBackend();
  log.write(`pretrain start; backend ${backend.name} (${backend.reason}); config ${JSON.stringify(cfg)}`);
  const { entries, cache } = await corpusCache(cfg, log);
  const arch = architectureFor(cfg, cfg.vocabSize, HEAD_LABELS);
  const dir = pretrainDir(cfg);
  const resumed = await tryResume(dir, 'pretrain', cfg);
  const st = resumed ?? initPretrain(cfg, arch);
  log.write(resumed ? `resumed from ${dir} at step ${st.step}` : 'fresh start');
  const data = pretrainData(entries, cfg.sourceWeights, cfg.balance, cfg.excludeSources);
  data.noise = noiseSources(cfg, data.train, cache);
  const val = withoutSources(entries, cfg.excludeSources).filter((e) => e.split === 'val');
  const curves = new Curves(path.join(cfg.outDir, 'pretrain.curves.csv'), [
    'step',
    'loss',
    'lr',
    'examplesPerS',
    'valMurmurBacc',
    'valLungBacc',
    'valMurmurAuc',
    'valLungAuc',
  ]);
  const validate = (): Record<string, number> => {
    if (!val.length) return {};
    const k = keyHeadMetrics(headProbs(st.vars, arch, cache, val), val);
    return {
      valMurmurBacc: k.murmurBacc,
      valLungBacc: k.lungBacc,
      valMurmurAuc: k.murmurAuc,
      valLungAuc: k.lungAuc,
    };
  };
  const metrics = await loop({
    stage: 'pretrain',
    cfg,
    st,
    total: cfg.pretrainSteps,
    log,
    curves,
    step: () => pretrainStep(st, arch, cfg, data, cache),
    validate,
    save: (m) => savePretrain(dir, cfg, arch, st, m),
  });
  const docs = publishCurves(cfg, 'pretrain', curves.file, CURVE_COLUMNS.pretrain);
  log.write(
    `pretrain done at step ${st.step}: ${JSON.stringify(metrics)}${docs.length ? `; curves ${docs.join(', ')}` : ''}`,
  );
  disposeVars(st.vars);
  st.opt.dispose();
  return { dir, step: st.step, metrics };
}
