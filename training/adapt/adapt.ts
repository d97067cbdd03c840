// Adapting an exported model to a clinic's stethoscope: LoRA fine-tuning on the user's labelled recordings, export of
// the merged model through the standard exporter, and the same held-out items scored before (base) and after (new).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ModelManifest } from '../../src/core/manifest/manifest';
import { summarize, type Summary } from '../../src/core/tasks/metrics';
import type { BenchItem } from '../../src/core/tasks/types';
import { isCheckpoint, readCheckpoint } from '../checkpoint/index';
import { loadInit } from '../dpo/stage';
import { loraSpec } from '../lora/lora';
import { DEFAULT_EXPORT_OPTIONS, exportModel, updateManifest } from '../export/export';
import { fromCheckpoint } from '../export/inputs';
import { createEngineResponder } from '../export/responder';
import { filterItems } from '../eval/items';
import { runItems } from '../eval/run';
import { applyOverrides, DEFAULTS, type TrainConfig } from '../train/config';
import { adaptData } from './data';
import { finetune } from './finetune';

export interface AdaptOptions {
  manifest: string;
  base: string;
  out: string;
  checkpoint?: string;
  steps: number;
  lr: number;
  heldOut: number;
  trainItems: number;
  /** Cap on held-out items scored (an even stride over tasks and sources); undefined = all. */
  evalLimit?: number;
  overrides: Record<string, string>;
  /** Where the before/after report JSON goes. */
  report: string;
}

export interface AdaptReport {
  base: string;
  model: string;
  manifest: string;
  checkpoint: string;
  trainItems: number;
  heldOutItems: number;
  steps: number;
  before: Summary;
  after: Summary;
}

/** The checkpoint the base model was exported from: --checkpoint, else <training.config.outDir>/<training.stage>. */
export async function baseCheckpoint(base: ModelManifest, baseDir: string, given?: string): Promise<string> {
  const t = base.training as { stage?: string; step?: number; config?: { outDir?: string } } | undefined;
  const guess = given ?? (t?.config?.outDir && t.stage ? path.join(t.config.outDir, t.stage) : undefined);
  const hint = `pass --checkpoint <dir> (the checkpoint ${baseDir} was exported from)`;
  if (!guess || !(await isCheckpoint(guess)))
    throw new Error(`no checkpoint for ${baseDir} at ${guess ?? '?'}: ${hint}`);
  const meta = (await readCheckpoint(guess)).meta;
  if (JSON.stringify(meta.architecture) !== JSON.stringify(base.architecture))
    throw new Error(`${guess} does not have ${baseDir}'s architecture: ${hint}`);
  if (!given && meta.step !== t?.step)
    throw new Error(`${guess} is at step ${meta.step}, ${baseDir} at ${t?.step}: ${hint}`);
  return guess;
}

async function score(
  modelDir: string,
  items: BenchItem[],
  dtype: string,
  maxNewTokens: number,
): Promise<Summary> {
  const r = await createEngineResponder(modelDir, { backend: 'cpu', dtype: dtype as 'fp32', maxNewTokens });
  const scored = await runItems(r, items, { audioRoot: '/' }).finally(() => r.dispose());
  return summarize(scored);
}

function trainConfig(ckptConfig: Record<string, unknown>, overrides: Record<string, string>): TrainConfig {
  const known = Object.fromEntries(Object.entries(ckptConfig).filter(([k]) => k in DEFAULTS));
  return applyOverrides(applyOverrides(DEFAULTS, known, 'checkpoint config'), overrides, 'command line');
}

export async function runAdapt(o: AdaptOptions): Promise<AdaptReport> {
  const base = JSON.parse(await readFile(path.join(o.base, 'manifest.json'), 'utf8')) as ModelManifest;
  const ckptDir = await baseCheckpoint(base, o.base, o.checkpoint);
  const init = await loadInit(ckptDir);
  const cfg = trainConfig(init.ckpt.meta.config, o.overrides);
  const id = path.basename(path.resolve(o.out));
  const workDir = path.resolve(`${o.out}.adapt-work`);
  await mkdir(workDir, { recursive: true });
  const d = await adaptData(o.manifest, {
    heldOut: o.heldOut,
    seed: cfg.seed,
    cacheDir: path.join(workDir, 'cache'),
    cacheFrames: cfg.cacheFrames,
    trainItems: o.trainItems,
  });
  console.error(
    `[adapt] ${d.entries.length} recordings: ${d.train.length} train items, ${d.heldOut.length} held-out items; base checkpoint ${ckptDir}`,
  );
  const spec = loraSpec(init.arch, cfg);
  const merged = await finetune(init, d.train, d.cache, { cfg, steps: o.steps, lr: o.lr, spec, workDir });
  const input = await fromCheckpoint(merged, id);
  const dtypes = [...new Set([...DEFAULT_EXPORT_OPTIONS.dtypes, base.defaultDtype])];
  await exportModel(
    { ...input, description: `${base.id} adapted with LoRA on ${path.basename(o.manifest)}` },
    o.out,
    { ...DEFAULT_EXPORT_OPTIONS, dtypes, defaultDtype: base.defaultDtype },
  );
  const heldOut = filterItems(d.heldOut, undefined, o.evalLimit);
  const before = await score(o.base, heldOut, base.defaultDtype, cfg.maxNewTokens);
  const after = await score(o.out, heldOut, base.defaultDtype, cfg.maxNewTokens);
  const report: AdaptReport = {
    base: base.id,
    model: id,
    manifest: path.resolve(o.manifest),
    checkpoint: path.resolve(ckptDir),
    trainItems: d.train.length,
    heldOutItems: heldOut.length,
    steps: o.steps,
    before,
    after,
  };
  const key = `adaptation on ${path.basename(o.manifest)} (${heldOut.length} held-out items)`;
  const entry = {
    createdAt: new Date().toISOString(),
    items: after.n,
    clinicalAccuracyBefore: before.accuracy,
    clinicalAccuracy: after.accuracy,
  };
  await updateManifest(o.out, (m) => ({ ...m, evaluation: { ...(m.evaluation ?? {}), [key]: entry } }));
  await mkdir(path.dirname(path.resolve(o.report)), { recursive: true });
  await writeFile(o.report, JSON.stringify(report, null, 2) + '\n');
  return report;
}
