// The SFT stage's driver: bench + feature cache, the tokenizer (the checkpoint's on resume), init from the pretrain
// checkpoint, the shared loop over sftStep, validation loss and scorer accuracy, curves and the run log. The step
// itself is train/sft.ts.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { initBackend } from '../backend/index';
import { readCheckpoint } from '../checkpoint/index';
import { disposeVars } from '../model/vars';
import { Tokenizer } from '../tokenizer/tokenizer';
import {
  architectureFor,
  CURVE_COLUMNS,
  publishCurves,
  saveStage,
  tryResume,
  type StageState,
} from '../train/common';
import type { TrainConfig } from '../train/config';
import { HEAD_LABELS, readBench } from '../train/data';
import { pretrainDir } from '../train/pretrain';
import { Curves, RunLog } from '../train/progress';
import { itemsWithoutSources, withoutSources } from '../train/sampling';
import {
  benchTokenizer,
  initSft,
  SftData,
  sftDir,
  sftSampler,
  sftStep,
  sftTrainable,
  validationAccuracy,
  validationLoss,
  validationSample,
} from '../train/sft';
import { corpusCache, loop, noiseSources, type StageResult } from './loop';

/** The resumed SFT checkpoint's tokenizer, or a new one fitted to the train items. */
async function sftTokenizer(
  cfg: TrainConfig,
  dir: string,
  train: Parameters<typeof benchTokenizer>[0],
): Promise<Tokenizer> {
  if (existsSync(path.join(dir, 'checkpoint.json'))) {
    const c = await readCheckpoint(dir);
    if (c.meta.stage === 'sft')
      return Tokenizer.fromJSON(await readFile(path.join(dir, 'tokenizer.json'), 'utf8'));
  }
  return benchTokenizer(train, cfg.vocabSize);
}

export async function runSft(cfg: TrainConfig): Promise<StageResult> {
  const log = new RunLog(cfg.outDir, 'sft');
  const backend = await initBackend();
  log.write(`sft start; backend ${backend.name} (${backend.reason}); config ${JSON.stringify(cfg)}`);
  const [train, val] = [
    itemsWithoutSources(await readBench(cfg.benchDir, 'train'), cfg.excludeSources),
    itemsWithoutSources(await readBench(cfg.benchDir, 'val'), cfg.excludeSources),
  ];
  const { entries, cache } = await corpusCache(cfg, log);
  const dir = sftDir(cfg);
  const tok = await sftTokenizer(cfg, dir, train);
  const arch = architectureFor(cfg, tok.vocabSize, HEAD_LABELS);
  const resumed = await tryResume(dir, 'sft', cfg);
  const init = resumed
    ? { st: resumed, from: `resumed from ${dir} at step ${resumed.step}` }
    : await initSft(cfg, arch, pretrainDir(cfg));
  const st: StageState = init.st;
  log.write(resumed ? init.from : `init from ${init.from}`);
  const data = new SftData(cfg, arch, tok, cache);
  data.noise = noiseSources(
    cfg,
    withoutSources(entries, cfg.excludeSources).filter((e) => e.split === 'train'),
    cache,
  );
  const draw = sftSampler(cfg, train, entries);
  const names = sftTrainable(cfg, st);
  const valSample = validationSample(val);
  const curves = new Curves(path.join(cfg.outDir, 'sft.curves.csv'), [
    'step',
    'loss',
    'lr',
    'examplesPerS',
    'tokensPerS',
    'valLoss',
    'valAccuracy',
  ]);
  const validate = () => {
    const valLoss = validationLoss(st, data, valSample.slice(0, cfg.valItems));
    const { accuracy, sample } = validationAccuracy(st, data, valSample.slice(0, cfg.valGenerate));
    log.write(`sample: ${sample}`);
    return { valLoss, valAccuracy: accuracy };
  };
  const metrics = await loop({
    stage: 'sft',
    cfg,
    st,
    total: cfg.sftSteps,
    log,
    curves,
    step: () => sftStep(st, names, data, draw),
    validate,
    save: (m) => saveStage(dir, 'sft', cfg, arch, st, tok.toJSON(), m),
  });
  const docs = publishCurves(cfg, 'sft', curves.file, CURVE_COLUMNS.sft);
  log.write(
    `sft done at step ${st.step}: ${JSON.stringify(metrics)}${docs.length ? `; curves ${docs.join(', ')}` : ''}`,
  );
  disposeVars(st.vars);
  st.opt.dispose();
  return { dir, step: st.step, metrics };
}
