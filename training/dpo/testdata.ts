// A briefly trained tiny SFT checkpoint for the DPO and adaptation tests (the reference / base model).
import path from 'node:path';
import type { CorpusEntry } from '../../src/core/clinical/corpus';
import { architectureFor, saveStage } from '../train/common';
import type { TrainConfig } from '../train/config';
import { HEAD_LABELS, readBench } from '../train/data';
import { loadFeatureCache } from '../train/cache';
import { benchTokenizer, initSft, SftData, sftSampler, sftStep, sftTrainable } from '../train/sft';

/** Six SFT steps from random init, saved to <outDir>/sft; returns that folder. */
export async function writeTinySft(c: TrainConfig, entries: CorpusEntry[]): Promise<string> {
  const train = await readBench(c.benchDir, 'train');
  const cache = await loadFeatureCache(path.join(c.outDir, 'cache'), c.corpusDir, entries, c.cacheFrames);
  const tok = benchTokenizer(train, c.vocabSize);
  const arch = architectureFor(c, tok.vocabSize, HEAD_LABELS);
  const { st } = await initSft(c, arch, path.join(c.outDir, 'pretrain'));
  const sd = new SftData(c, arch, tok, cache);
  for (let i = 0; i < 6; i++) sftStep(st, sftTrainable(c, st), sd, sftSampler(c, train, []));
  const dir = path.join(c.outDir, 'sft');
  await saveStage(dir, 'sft', c, arch, st, tok.toJSON());
  return dir;
}
