// What to export: a trained checkpoint (weights, tokenizer, training config) or a seeded random-weight model.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { FEATURE_CONFIG, featureConfigHash } from '../../src/core/features/config';
import { PROMPT_TEMPLATE_VERSION } from '../../src/core/tasks/prompt';
import { readCheckpoint } from '../checkpoint';
import type { ExportInput } from './export';
import { findFrameHead, randomFrameHead } from './frames';
import { MODEL_LICENCE } from './licence';
import { presetArchitecture, randomWeights, type RandomPreset } from './random';
import { byteLevelTokenizer } from './tokenizer';

/** Reads a checkpoint folder; refuses one trained with other features or another prompt template. */
export async function fromCheckpoint(dir: string, id: string): Promise<ExportInput> {
  const { meta, weights } = await readCheckpoint(dir);
  const here = featureConfigHash(FEATURE_CONFIG);
  if (meta.featureConfigHash !== here)
    throw new Error(
      `checkpoint features ${meta.featureConfigHash} differ from this build's ${here}; retrain or check out the matching code`,
    );
  if (meta.promptTemplateVersion !== PROMPT_TEMPLATE_VERSION)
    throw new Error(
      `checkpoint prompt template ${meta.promptTemplateVersion} differs from ${PROMPT_TEMPLATE_VERSION}`,
    );
  const tokenizerJson = await readFile(path.join(dir, meta.tokenizer), 'utf8');
  const head = await findFrameHead(dir, weights, meta.stage, meta.step);
  if ('reason' in head) console.warn(`no frame-level events in this export: ${head.reason}`);
  else for (const [k, w] of head.weights) weights.set(k, w);
  return {
    id,
    description: `Auscult audio-language model (${meta.stage}, step ${meta.step}), exported from ${path.basename(path.resolve(dir))}`,
    architecture: meta.architecture,
    weights,
    tokenizerJson,
    tokenizerVersion: String(meta.config.tokenizerVersion ?? `bpe-${meta.architecture.decoder.vocabSize}`),
    featureConfigHash: meta.featureConfigHash,
    promptTemplateVersion: meta.promptTemplateVersion,
    training: {
      stage: meta.stage,
      step: meta.step,
      config: meta.config,
      ...(meta.metrics ? { metrics: meta.metrics } : {}),
    },
    calibration: checkpointCalibration(meta.architecture.heads.labels, meta.metrics),
    licence: MODEL_LICENCE,
    ...('reason' in head ? {} : { frameHeadSource: head.source }),
  };
}

/** The q4 scheme a QAT checkpoint was trained for (its weights lie on that grid), if the checkpoint is one. */
export function trainedQ4Scheme(input: Pick<ExportInput, 'training'>): string | undefined {
  const s = input.training.stage === 'qat' ? input.training.config.qatScheme : undefined;
  return typeof s === 'string' && s ? s : undefined;
}

/** Temperatures training fitted on val (`temperature.<label>` in the checkpoint metrics), when it did. */
export function checkpointCalibration(
  labels: string[],
  metrics?: Record<string, number>,
): ExportInput['calibration'] {
  const t = labels.map((l) => metrics?.[`temperature.${l}`]);
  if (!t.every((x): x is number => typeof x === 'number' && x > 0)) return undefined;
  return { temperature: t, method: 'temperature', ece: null, split: 'val' };
}

/** The export input of random weights `seed` on `architecture`, with the byte-level tokenizer (random models, tests). */
export function randomInput(o: {
  id: string;
  description: string;
  architecture: ExportInput['architecture'];
  seed: number;
  config?: Record<string, unknown>;
  /** With a seeded random frame-level event head (training's other weights unchanged). */
  frameHead?: boolean;
}): ExportInput {
  const weights = randomWeights(o.architecture, o.seed);
  const head = o.frameHead ? randomFrameHead(o.architecture, o.seed) : null;
  for (const [k, w] of head?.weights ?? []) weights.set(k, w);
  return {
    id: o.id,
    description: o.description,
    architecture: o.architecture,
    weights,
    tokenizerJson: byteLevelTokenizer().toJSON(),
    tokenizerVersion: 'byte-level-v1',
    featureConfigHash: featureConfigHash(FEATURE_CONFIG),
    promptTemplateVersion: PROMPT_TEMPLATE_VERSION,
    training: { stage: 'random', step: 0, config: o.config ?? {} },
    licence: MODEL_LICENCE,
    ...(head ? { frameHeadSource: head.source } : {}),
  };
}

/** The export input of a random-weight model (as `--random` builds it). */
export function fromRandom(preset: string, id: string, seed: number): ExportInput {
  if (preset !== 'tiny' && preset !== 'default')
    throw new Error(`--random must be tiny or default, got '${preset}'`);
  const architecture = presetArchitecture(
    preset as RandomPreset,
    byteLevelTokenizer().vocabSize,
    FEATURE_CONFIG.windowFrames,
  );
  return randomInput({
    id,
    description: `Random weights (${preset} preset, seed ${seed}) for tests: its answers are meaningless.`,
    architecture,
    seed,
    config: { preset, seed },
    frameHead: true,
  });
}
