// Fits one temperature per findings head on the corpus val split (minimum BCE over a log-spaced grid) and stores
// it in the checkpoint's metrics as `temperature.<label>`, with val AUC per label, for the manifest's calibration.
// Usage: npx tsx training/train/calibrate.ts <checkpoint dir> --corpusDir=<dir> [--outDir=<runs>]
import path from 'node:path';
import { initBackend } from '../backend/index';
import { readCheckpoint, writeCheckpoint } from '../checkpoint/index';
import { readFile } from 'node:fs/promises';
import { toVars, disposeVars } from '../model/vars';
import { loadFeatureCache } from './cache';
import { cacheDirOf } from './config';
import { readCorpus } from './data';
import { withoutSources } from './sampling';
import { auc, headProbs, knownTargets } from './metrics';

/** Temperature T minimizing mean BCE of sigmoid(logit / T) against the labels (grid 0.25..8). */
export function fitTemperature(probs: number[], labels: (0 | 1)[]): number {
  const logits = probs.map((p) => Math.log(Math.max(p, 1e-7) / Math.max(1 - p, 1e-7)));
  let best = 1;
  let bestLoss = Infinity;
  for (let i = -20; i <= 30; i++) {
    const T = Math.pow(2, i / 10);
    let loss = 0;
    logits.forEach((z, j) => {
      const p = 1 / (1 + Math.exp(-z / T));
      loss -= labels[j] ? Math.log(Math.max(p, 1e-7)) : Math.log(Math.max(1 - p, 1e-7));
    });
    if (loss < bestLoss) [best, bestLoss] = [T, loss];
  }
  return best;
}

async function main(): Promise<void> {
  const [dir, ...flags] = process.argv.slice(2);
  const opt = Object.fromEntries(flags.map((f) => f.replace(/^--/, '').split('=') as [string, string]));
  if (!dir || !opt.corpusDir)
    throw new Error('usage: calibrate.ts <checkpoint dir> --corpusDir=<dir> [--outDir=<runs>]');
  await initBackend();
  const c = await readCheckpoint(dir);
  // A leave-one-source-out model is calibrated without its left-out source, as it was trained.
  const excluded = String(c.meta.config.excludeSources ?? '');
  const entries = withoutSources(await readCorpus(opt.corpusDir), excluded).filter((e) => e.split === 'val');
  const cache = await loadFeatureCache(
    cacheDirOf({ cacheDir: String(c.meta.config.cacheDir ?? ''), outDir: opt.outDir ?? 'runs' }),
    opt.corpusDir,
    await readCorpus(opt.corpusDir),
    Number(c.meta.config.cacheFrames ?? 768),
  );
  const vars = toVars(c.weights);
  const probs = headProbs(vars, c.meta.architecture, cache, entries);
  disposeVars(vars);
  const metrics: Record<string, number> = { ...(c.meta.metrics ?? {}) };
  c.meta.architecture.heads.labels.forEach((label, j) => {
    const { s, y } = knownTargets(probs, entries, j);
    if (!y.includes(0) || !y.includes(1)) return;
    metrics[`temperature.${label}`] = fitTemperature(s, y);
    metrics[`valAuc.${label}`] = auc(s, y);
  });
  const { weights: _w, tokenizer: _t, optimizer: _o, ...meta } = c.meta;
  await writeCheckpoint(dir, { ...meta, metrics }, c.weights, {
    tokenizerJson: await readFile(path.join(dir, 'tokenizer.json'), 'utf8'),
    ...(c.optimizer && c.meta.optimizer
      ? { optimizer: { step: c.meta.optimizer.step, hyper: c.meta.optimizer.hyper, weights: c.optimizer } }
      : {}),
  });
  console.error(`[calibrate] ${dir}: ${JSON.stringify(metrics)}`);
}

if (process.argv[1]?.endsWith('calibrate.ts'))
  main().catch((e: unknown) => {
    console.error(`[calibrate] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
