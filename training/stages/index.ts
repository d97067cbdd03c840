// The training stages by name: `runStage` runs one (resuming from <outDir>/<stage> when a checkpoint is there) and
// `resetStage` starts one over. train/cli.ts parses the command line and calls runStage.
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Stage, TrainConfig } from '../train/config';
import { runDpo } from './dpo';
import type { StageResult } from './loop';
import { runPretrain } from './pretrain';
import { runQat } from './qat';
import { runSft } from './sft';

const RUNS: Record<Stage, (cfg: TrainConfig) => Promise<StageResult>> = {
  pretrain: runPretrain,
  sft: runSft,
  dpo: runDpo,
  qat: runQat,
};

export function runStage(stage: Stage, cfg: TrainConfig): Promise<StageResult> {
  return RUNS[stage](cfg);
}

/** Starts a stage over: removes its checkpoint folder and its curves CSV (the run log stays, and is appended to). */
export function resetStage(cfg: TrainConfig, stage: Stage): void {
  for (const p of [path.join(cfg.outDir, stage), path.join(cfg.outDir, `${stage}.curves.csv`)])
    rmSync(p, { recursive: true, force: true });
}
