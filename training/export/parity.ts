// Parity of an exported model on AuscultBench prompts: fp32 ONNX logits vs the training forward (tfjs), and greedy
// answers of the q4/q8 decoders vs fp32. Used by `npm run export -- --parity <bench.jsonl>` to write docs/export.md.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { decodeWav } from '../../src/core/audio/wav';
import type { PartDtype } from '../../src/core/manifest/manifest';
import { AUDIO_TOKEN_ID, formatExample, formatPrompt } from '../../src/core/tasks/prompt';
import type { BenchItem } from '../../src/core/tasks/types';
import { batchWindows, recordingWindows } from '../../src/engine/audio';
import type { WeightMap } from '../checkpoint';
import { decoderHidden, lmLogits } from '../model/decoder';
import { audioTokens } from '../model/lm';
import { toVars, type Vars } from '../model/vars';
import { Tokenizer } from '../tokenizer/tokenizer';
import { OrtModel } from './ort-model';

export interface ParityResult {
  items: number;
  /** Max |Δlogits| fp32 ONNX vs tfjs over every prompt position (null without checkpoint weights). */
  maxAbsLogitDiff: number | null;
  /** Largest |logit| seen, to read the difference against. */
  maxAbsLogit: number;
  /**
   * The same max split by position: at the audio-token positions (inputs are the encoder's audio tokens) and at text
   * positions (every position the model reads a text token at, the prompt's last one included: the answers come from
   * these). Null without checkpoint weights.
   */
  maxAbsLogitDiffByPosition?: { audio: number; text: number } | null;
  /** Largest |audio token| the tfjs encoder produced, and the max |Δ| of the ONNX encoder's audio tokens from it. */
  audioTokens?: { maxAbs: number; maxAbsDiff: number } | null;
  /** Per quantized dtype: share of items whose greedy answer equals fp32's. */
  greedyAgreement: Partial<Record<PartDtype, number>>;
  /** Per quantized dtype: share of fp32's answer tokens generated before the first divergence. */
  prefixAgreement: Partial<Record<PartDtype, number>>;
  maxNewTokens: number;
  /** Share of prompts whose fp32 answer has a step with its two best logits within NEAR_TIE_LOGITS. */
  nearTieShare?: number;
  /** Per quantized dtype: share of its disagreeing prompts that are such near-tie prompts. */
  disagreementsNearTie?: Partial<Record<PartDtype, number>>;
}

/** A greedy step whose two best logits are closer than this is a near tie: any small perturbation may flip it. */
export const NEAR_TIE_LOGITS = 0.5;

/** Every k-th line of a bench JSONL file, so tasks, domains and sources are all represented. */
export async function sampleBench(file: string, n: number): Promise<BenchItem[]> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter(Boolean);
  const step = Math.max(1, Math.floor(lines.length / n));
  return lines
    .filter((_, i) => i % step === 0)
    .slice(0, n)
    .map((l) => JSON.parse(l) as BenchItem);
}

export interface Prompt {
  ids: number[];
  windows: Float32Array;
  recordings: number;
}

/** Token ids and first-window log-mels of a bench item's prompt; with `withAnswer`, its reference answer and `</s>` follow. */
export async function promptOf(
  item: BenchItem,
  corpusDir: string,
  tok: Tokenizer,
  audioTokens: number,
  withAnswer = false,
): Promise<Prompt> {
  const recs = await Promise.all(
    item.audio.map(async (a, i) => {
      const wav = decodeWav(new Uint8Array(await readFile(path.join(corpusDir, a))));
      return {
        samples: wav.samples,
        sampleRateHz: wav.sampleRateHz,
        domain: item.labels[i]?.domain ?? item.domain,
        site: item.labels[i]?.site ?? item.site,
      };
    }),
  );
  const input = { instruction: item.instruction, recordings: recs, audioTokensPerRecording: audioTokens };
  const text = withAnswer ? formatExample(input, item.response) : formatPrompt(input);
  return {
    ids: tok.encode(text),
    windows: batchWindows(recs.map((r) => recordingWindows(r)[0])).data,
    recordings: recs.length,
  };
}

/** tfjs audio tokens for a prompt's windows (training's encoder + projector). */
function referenceAudio(vars: Vars, m: OrtModel, p: Prompt): Float32Array {
  const { nMels, windowFrames } = m.manifest.architecture.encoder;
  return tf.tidy(
    () =>
      audioTokens(
        vars,
        m.manifest.architecture,
        tf.tensor3d(p.windows, [p.recordings, nMels, windowFrames]),
      ).dataSync() as Float32Array,
  );
}

/** tfjs logits [S, V] for a prompt: training's audio tokens, embedding scatter, decoder and LM head. */
function referenceLogits(
  vars: Vars,
  m: OrtModel,
  p: Prompt,
  embedTable: Float32Array,
  audio: Float32Array,
): Float32Array {
  const arch = m.manifest.architecture;
  const D = arch.decoder.hiddenSize;
  return tf.tidy(() => {
    const embeds = new Float32Array(p.ids.length * D);
    let row = 0;
    p.ids.forEach((id, i) =>
      embeds.set(
        id === AUDIO_TOKEN_ID
          ? audio.subarray(D * row++, D * row)
          : embedTable.subarray(id * D, (id + 1) * D),
        i * D,
      ),
    );
    const h = decoderHidden(vars, arch.decoder, tf.tensor3d(embeds, [1, p.ids.length, D]));
    return lmLogits(
      vars,
      arch.decoder,
      h.reshape([p.ids.length, D]) as tf.Tensor2D,
    ).dataSync() as Float32Array;
  });
}

/** fp32's greedy answers on a set of prompts: what every quantized decoder is compared with. */
export interface GreedyReference {
  embeds: Float32Array[];
  answers: number[][];
  maxNewTokens: number;
  /** Per prompt, whether fp32's answer has a near-tie step (NEAR_TIE_LOGITS). */
  nearTie: boolean[];
}

/** Share of prompts answered exactly as fp32 did, and of fp32's answer tokens produced before the first divergence. */
export async function greedyAgreement(
  m: OrtModel,
  ref: GreedyReference,
): Promise<{ greedy: number; prefix: number; disagreementsNearTie: number }> {
  let same = 0;
  let prefix = 0;
  let nearTie = 0;
  for (const [k, embeds] of ref.embeds.entries()) {
    const want = ref.answers[k];
    const got = await m.greedy(embeds, ref.maxNewTokens);
    const agrees = got.join() === want.join();
    same += Number(agrees);
    nearTie += Number(!agrees && ref.nearTie[k]);
    let i = 0;
    while (i < want.length && got[i] === want[i]) i++;
    prefix += i;
  }
  const tokens = ref.answers.reduce((a, x) => a + x.length, 0);
  const n = ref.embeds.length;
  return {
    greedy: same / n,
    prefix: prefix / Math.max(1, tokens),
    disagreementsNearTie: same === n ? 0 : nearTie / (n - same),
  };
}

/**
 * Prompt embeddings and fp32 greedy answers for `items`; with checkpoint `weights`, also the max |Δlogits| of the fp32
 * ONNX decoder against the tfjs forward over every prompt position.
 */
export async function greedyReference(
  fp32: OrtModel,
  opts: {
    modelDir: string;
    corpusDir: string;
    items: BenchItem[];
    weights?: WeightMap;
    maxNewTokens?: number;
  },
) {
  const tok = Tokenizer.fromJSON(await readFile(path.join(opts.modelDir, 'tokenizer.json'), 'utf8'));
  const vars = opts.weights ? toVars(opts.weights) : undefined;
  const ref: GreedyReference = {
    embeds: [],
    answers: [],
    maxNewTokens: opts.maxNewTokens ?? 48,
    nearTie: [],
  };
  let [maxDiff, maxLogit] = [0, 0];
  const byPosition = { audio: 0, text: 0 };
  const tokens = { maxAbs: 0, maxAbsDiff: 0 };
  const V = fp32.manifest.architecture.decoder.vocabSize;
  for (const item of opts.items) {
    const p = await promptOf(item, opts.corpusDir, tok, fp32.manifest.audioTokensPerWindow);
    const audio = await fp32.encode(p.windows, p.recordings);
    const embeds = await fp32.embed(p.ids, audio);
    if (vars) {
      const wantAudio = referenceAudio(vars, fp32, p);
      for (let i = 0; i < wantAudio.length; i++)
        [tokens.maxAbs, tokens.maxAbsDiff] = [
          Math.max(tokens.maxAbs, Math.abs(wantAudio[i])),
          Math.max(tokens.maxAbsDiff, Math.abs(wantAudio[i] - audio[i])),
        ];
      const want = referenceLogits(vars, fp32, p, opts.weights!.get('embed.weight')!.data, wantAudio);
      const { logits } = await fp32.step(embeds, fp32.emptyCache());
      for (let i = 0; i < want.length; i++) {
        const d = Math.abs(want[i] - logits[i]);
        [maxDiff, maxLogit] = [Math.max(maxDiff, d), Math.max(maxLogit, Math.abs(want[i]))];
        const at = p.ids[Math.floor(i / V)] === AUDIO_TOKEN_ID ? 'audio' : 'text';
        byPosition[at] = Math.max(byPosition[at], d);
      }
    }
    ref.embeds.push(embeds);
    const margins: number[] = [];
    ref.answers.push(await fp32.greedy(embeds, ref.maxNewTokens, margins));
    ref.nearTie.push(margins.some((x) => x < NEAR_TIE_LOGITS));
  }
  vars?.forEach((v) => v.dispose());
  return {
    ref,
    maxAbsLogitDiff: vars ? maxDiff : null,
    maxAbsLogit: maxLogit,
    maxAbsLogitDiffByPosition: vars ? byPosition : null,
    audioTokens: vars ? tokens : null,
  };
}

export async function measureParity(opts: {
  modelDir: string;
  corpusDir: string;
  items: BenchItem[];
  weights?: WeightMap;
  maxNewTokens?: number;
}): Promise<ParityResult> {
  const fp32 = await OrtModel.load(opts.modelDir, 'fp32');
  const {
    ref,
    maxAbsLogitDiff,
    maxAbsLogit,
    maxAbsLogitDiffByPosition,
    audioTokens: tokens,
  } = await greedyReference(fp32, opts);
  await fp32.release();
  const result: ParityResult = {
    items: opts.items.length,
    maxAbsLogitDiff,
    maxAbsLogit,
    maxAbsLogitDiffByPosition,
    audioTokens: tokens,
    greedyAgreement: {},
    prefixAgreement: {},
    maxNewTokens: ref.maxNewTokens,
    nearTieShare: ref.nearTie.filter(Boolean).length / Math.max(1, ref.nearTie.length),
    disagreementsNearTie: {},
  };
  for (const d of Object.keys(fp32.manifest.parts.decoder_model_merged) as PartDtype[]) {
    if (d === 'fp32') continue;
    const m = await OrtModel.load(opts.modelDir, d);
    const a = await greedyAgreement(m, ref);
    await m.release();
    [result.greedyAgreement[d], result.prefixAgreement[d], result.disagreementsNearTie![d]] = [
      a.greedy,
      a.prefix,
      a.disagreementsNearTie,
    ];
  }
  return result;
}
