// The one step loop every training stage runs (step, log with progress/ETA, checkpoint on a timer, validate every
// evalEvery, final save), and the setup the stages share: the corpus feature cache, the noise beds, the stage result.
import { synthNoiseBank, type NoiseSources } from '../train/augment';
import { loadFeatureCache, type FeatureCache } from '../train/cache';
import type { StageState } from '../train/common';
import { cacheDirOf, type Stage, type TrainConfig } from '../train/config';
import { readCorpus } from '../train/data';
import { Curves, Progress, RunLog } from '../train/progress';

export interface StageResult {
  dir: string;
  step: number;
  metrics: Record<string, number>;
}

export async function corpusCache(cfg: TrainConfig, log: RunLog) {
  const entries = await readCorpus(cfg.corpusDir);
  const t0 = Date.now();
  const cache = await loadFeatureCache(cacheDirOf(cfg), cfg.corpusDir, entries, cfg.cacheFrames, (d, n) =>
    process.stderr.write(`\r[cache] log-mel ${d}/${n}`),
  );
  log.write(
    `feature cache ready: ${entries.length} recordings in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  return { entries, cache };
}

/** Noise beds for the noise augmentation (none when cfg.augNoise is 0). */
export function noiseSources(
  cfg: TrainConfig,
  train: { id: string }[],
  cache: FeatureCache,
): NoiseSources | undefined {
  if (!(cfg.augNoise > 0)) return undefined;
  return {
    bank: synthNoiseBank(32, cfg.cacheFrames, cfg.seed + 99),
    other: (rand) => cache.get(train[Math.floor(rand() * train.length)].id),
  };
}

export interface LoopOptions {
  stage: Stage;
  cfg: TrainConfig;
  /** The stage's weights, optimizer and step counter; `step` advances st.step. */
  st: StageState;
  /** The step to stop at. */
  total: number;
  log: RunLog;
  curves: Curves;
  /** One training step: its loss, lr and examples (tokens, and loss parts, when it has them). */
  step: () => Record<string, number>;
  /** Validation metrics, added to the logged row every evalEvery steps and at the end. */
  validate: () => Record<string, number>;
  /** Writes the resumable checkpoint with the last logged row. */
  save: (m?: Record<string, number>) => Promise<void>;
}

const LOSS_PARTS = new Set(['heads', 'cola', 'events', 'source', 'sourceAcc', 'margin']);

/** Steps to `total`; returns the last logged row (with the final validation). */
export async function loop(o: LoopOptions): Promise<Record<string, number>> {
  const { cfg, st, total, log } = o;
  const progress = new Progress(o.stage, total, st.step);
  let lastSave = Date.now();
  let last: Record<string, number> = {};
  let t = Date.now();
  let acc = { loss: 0, n: 0, examples: 0, tokens: 0 };
  // Parts a step reports besides the total (pretrain: heads, cola, events, the source head's loss and accuracy; DPO:
  // margin), averaged per log line.
  let parts: Record<string, number> = {};
  while (st.step < total) {
    const m = o.step();
    acc = {
      loss: acc.loss + m.loss,
      n: acc.n + 1,
      examples: acc.examples + m.examples,
      tokens: acc.tokens + (m.tokens ?? 0),
    };
    for (const [k, x] of Object.entries(m)) if (LOSS_PARTS.has(k)) parts[k] = (parts[k] ?? 0) + x;
    const isEval = st.step % cfg.evalEvery === 0 || st.step === total;
    if (st.step % cfg.logEvery === 0 || isEval) {
      const dt = (Date.now() - t) / 1000;
      const row: Record<string, number> = {
        step: st.step,
        loss: acc.loss / acc.n,
        lr: m.lr,
        examplesPerS: acc.examples / dt,
      };
      if (acc.tokens) row.tokensPerS = acc.tokens / dt;
      for (const [k, x] of Object.entries(parts)) row[k] = x / acc.n;
      if (isEval) Object.assign(row, o.validate());
      o.curves.add(row);
      const { step: _s, ...shown } = row;
      log.write(progress.update(st.step, shown));
      last = row;
      acc = { loss: 0, n: 0, examples: 0, tokens: 0 };
      parts = {};
      t = Date.now();
    }
    if (cfg.checkpointEveryS > 0 && Date.now() - lastSave > cfg.checkpointEveryS * 1000 && st.step < total) {
      await o.save(last);
      lastSave = Date.now();
      log.write(`checkpoint at step ${st.step}`);
    }
  }
  await o.save(last);
  return last;
}
