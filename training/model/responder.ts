// `npm run eval -- --model <checkpoint folder>`: answers bench items with the tfjs training model (greedy), from
// the same first-window log-mel features the app computes. Also exposes findings-head probabilities.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { FEATURE_CONFIG, featureConfigHash } from '../../src/core/features/config';
import { featureWindows, logMel } from '../../src/core/features/logmel';
import { PROMPT_TEMPLATE_VERSION } from '../../src/core/tasks/prompt';
import type { BenchItem } from '../../src/core/tasks/types';
import { initBackend } from '../backend/index';
import { readCheckpoint } from '../checkpoint/index';
import type { Responder } from '../eval/responder';
import { Tokenizer } from '../tokenizer/tokenizer';
import { AudioLM } from './generate';
import { disposeVars, toVars } from './vars';

export interface CheckpointResponder extends Responder {
  model: AudioLM;
  /** Findings-head probabilities for one recording (mono, FEATURE_CONFIG.sampleRateHz). */
  findings(samples: Float32Array): { label: string; probability: number }[];
}

/** First model window of a recording at the model rate. */
export function modelWindow(samples: Float32Array): Float32Array {
  return featureWindows(logMel(samples))[0];
}

export async function createCheckpointResponder(
  dir: string,
  opts: { maxNewTokens?: number } = {},
): Promise<CheckpointResponder> {
  await initBackend();
  const ckpt = await readCheckpoint(dir);
  const { meta } = ckpt;
  if (meta.featureConfigHash !== featureConfigHash(FEATURE_CONFIG))
    throw new Error(
      `${dir} was trained with feature config ${meta.featureConfigHash}, not the current one; retrain or check out its commit`,
    );
  if (meta.promptTemplateVersion !== PROMPT_TEMPLATE_VERSION)
    throw new Error(
      `${dir} uses prompt template ${meta.promptTemplateVersion}, the code has ${PROMPT_TEMPLATE_VERSION}`,
    );
  if (!ckpt.weights.has('embed.weight'))
    throw new Error(`${dir} has no language model (a ${meta.stage} checkpoint); pass an SFT checkpoint`);
  const tok = Tokenizer.fromJSON(await readFile(path.join(dir, meta.tokenizer), 'utf8'));
  const vars = toVars(new Map([...ckpt.weights].filter(([k]) => !k.startsWith('aux.'))));
  const maxSeqLen = meta.architecture.decoder.maxPositions;
  const model = new AudioLM(meta.architecture, vars, tok, maxSeqLen);
  const maxNew = opts.maxNewTokens ?? Number(meta.config.maxNewTokens ?? 96);
  return {
    name: `checkpoint:${path.basename(path.resolve(dir))}@${meta.stage}-${meta.step}`,
    usesAudio: true,
    model,
    async answer(item: BenchItem, audio: Float32Array[], signal?: AbortSignal) {
      const ex = {
        instruction: item.instruction,
        recordings: item.labels.map((l) => ({ domain: l.domain, site: l.site })),
      };
      return model.generate(ex, audio.map(modelWindow), maxNew, signal);
    },
    findings: (samples) => model.findings(modelWindow(samples)),
    async dispose() {
      disposeVars(vars);
    },
  };
}
