// Stage 2, supervised fine-tuning on AuscultBench: instruction + audio tokens as prefix, loss on response tokens
// only, comparison items with two recordings, log-mel augmentation; validation loss and scorer metrics on val.
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { ModelArchitecture } from '../../src/core/manifest/architecture';
import { scoreItem } from '../../src/core/tasks/score';
import { formatExample } from '../../src/core/tasks/prompt';
import type { CorpusEntry } from '../../src/core/clinical/corpus';
import type { BenchItem } from '../../src/core/tasks/types';
import { isCheckpoint, readCheckpoint } from '../checkpoint/index';
import { learningRate } from '../model/adam';
import { AudioLM } from '../model/generate';
import { audioTokensPerWindow, lmLoss } from '../model/lm';
import { initWeights } from '../model/params';
import { encodeExample, packBatch, type Encoded, type Example } from '../model/sequence';
import { toVars } from '../model/vars';
import { trainTokenizer, type Tokenizer } from '../tokenizer/tokenizer';
import { augmentedCrop, type NoiseSources, type Rand } from './augment';
import { firstWindow, type FeatureCache } from './cache';
import { newAdam, stepRand, trainStep, type StageState } from './common';
import type { TrainConfig } from './config';
import { balancedSampler, labelClass } from './sampling';

export const exampleOf = (it: BenchItem): Example => ({
  instruction: it.instruction,
  recordings: it.labels.map((l) => ({ domain: l.domain, site: l.site })),
  response: it.response,
});

/** Trains the tokenizer on the bench's train prompts and answers (special tokens kept whole). */
export function benchTokenizer(items: BenchItem[], vocabSize: number): Tokenizer {
  return trainTokenizer(
    items.map((it) => formatExample({ ...exampleOf(it), audioTokensPerRecording: 1 }, it.response)),
    vocabSize,
  );
}

/** Fresh decoder/projector, encoder + heads from the pretrain checkpoint when there is one. */
export async function initSft(
  cfg: TrainConfig,
  arch: ModelArchitecture,
  pretrainDir: string,
): Promise<{ st: StageState; from: string }> {
  const w = initWeights(arch, cfg.seed + 1);
  let from = 'random init (no pretrain checkpoint)';
  if (await isCheckpoint(pretrainDir)) {
    const pre = await readCheckpoint(pretrainDir);
    const a = pre.meta.architecture;
    if (
      JSON.stringify(a.encoder) !== JSON.stringify(arch.encoder) ||
      JSON.stringify(a.heads) !== JSON.stringify(arch.heads)
    )
      throw new Error(
        `${pretrainDir}: encoder/heads differ from this config; rerun pretrain or pass matching --enc* keys`,
      );
    for (const [k, v] of pre.weights) if (k.startsWith('enc.') || k.startsWith('heads.')) w.set(k, v);
    from = `${pretrainDir} (step ${pre.meta.step})`;
  }
  return { st: { vars: toVars(w), opt: newAdam(cfg), step: 0 }, from };
}

/** Names of the variables SFT updates. */
export function sftTrainable(cfg: TrainConfig, st: StageState): string[] {
  return [...st.vars.keys()].filter(
    (k) => cfg.sftTrainEncoder || !(k.startsWith('enc.') || k.startsWith('heads.')),
  );
}

export class SftData {
  private readonly enc = new Map<string, Encoded>();
  readonly audioTokens: number;
  /** Noise beds for the noise augmentation (set by the stage when cfg.augNoise > 0). */
  noise?: NoiseSources;

  constructor(
    readonly cfg: TrainConfig,
    readonly arch: ModelArchitecture,
    readonly tok: Tokenizer,
    readonly cache: FeatureCache,
  ) {
    this.audioTokens = audioTokensPerWindow(arch);
  }

  encoded(it: BenchItem): Encoded {
    let e = this.enc.get(it.id);
    if (!e)
      this.enc.set(it.id, (e = encodeExample(this.tok, exampleOf(it), this.audioTokens, this.cfg.maxSeqLen)));
    return e;
  }

  /** A batch: packed token sequences + [R, nMels, windowFrames] windows (augmented when `rand` is given). */
  batch(items: BenchItem[], rand?: () => number) {
    const windows: Float32Array[] = [];
    const recStart: number[] = [];
    for (const it of items) {
      recStart.push(windows.length);
      for (const id of it.recordings) {
        const m = this.cache.get(id);
        if (!rand) windows.push(firstWindow(m));
        else
          windows.push(
            augmentedCrop(
              m,
              this.arch.encoder.windowFrames,
              rand,
              this.cfg,
              this.noise,
              rand() < this.cfg.augment,
            ).x,
          );
      }
    }
    const seq = packBatch(
      items.map((it) => this.encoded(it)),
      recStart,
      this.audioTokens,
    );
    const mels = new Float32Array(windows.length * windows[0].length);
    windows.forEach((w, i) => mels.set(w, i * w.length));
    return {
      seq,
      mels,
      melShape: [windows.length, this.arch.encoder.nMels, this.arch.encoder.windowFrames] as [
        number,
        number,
        number,
      ],
    };
  }
}

/**
 * How SFT draws its items: uniformly, or (cfg.sftBalance 'source-label') balanced by the source and label class of each
 * item's first recording (`entries` gives the labels).
 */
export function sftSampler(
  cfg: TrainConfig,
  train: BenchItem[],
  entries: CorpusEntry[],
): (rand: Rand) => BenchItem {
  if (!train.length) throw new Error('SFT has no training items (every item was left out?)');
  if (cfg.sftBalance !== '' && cfg.sftBalance !== 'source-label')
    throw new Error(`config sftBalance: '${cfg.sftBalance}' is not '' or 'source-label'`);
  if (!cfg.sftBalance) return (rand) => train[Math.floor(rand() * train.length)];
  const byId = new Map(entries.map((e) => [e.id, e]));
  const first = (it: BenchItem) => {
    const e = byId.get(it.recordings[0]);
    if (!e) throw new Error(`bench item ${it.id}: recording ${it.recordings[0]} is not in the corpus`);
    return e;
  };
  return balancedSampler(
    train,
    (it) => first(it).source,
    (it) => labelClass(first(it)),
  );
}

export function sftStep(st: StageState, names: string[], data: SftData, draw: (rand: Rand) => BenchItem) {
  const { cfg, arch } = data;
  const rand = stepRand(cfg.seed, st.step, 2);
  const items = Array.from({ length: cfg.sftBatch }, () => draw(rand));
  const b = data.batch(items, rand);
  const lr = learningRate(st.step, cfg.sftLr, cfg.warmupSteps, cfg.sftSteps);
  const r = trainStep(st, names, () => lmLoss(st.vars, arch, b.seq, tf.tensor3d(b.mels, b.melShape)), lr);
  const tokens = b.seq.weights.reduce((a, x) => a + x, 0);
  return {
    loss: r.loss,
    lr,
    gradNorm: r.gradNorm,
    examples: items.length,
    tokens: b.seq.B * b.seq.S,
    responseTokens: tokens,
  };
}

/** A fixed pseudo-random order of the val items (hash of the index), the same on every resume and in every stage. */
export function validationSample(val: BenchItem[]): BenchItem[] {
  return val
    .map((it, i) => ({ it, key: ((i * 2654435761) >>> 0) / 4294967296 }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.it);
}

/** Mean response-token loss over `items` (no augmentation, first windows). */
export function validationLoss(st: StageState, data: SftData, items: BenchItem[]): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < items.length; i += data.cfg.sftBatch) {
    const b = data.batch(items.slice(i, i + data.cfg.sftBatch));
    const w = b.seq.weights.reduce((a, x) => a + x, 0);
    const l = tf.tidy(() => lmLoss(st.vars, data.arch, b.seq, tf.tensor3d(b.mels, b.melShape)).dataSync()[0]);
    sum += l * w;
    n += w;
  }
  return sum / Math.max(1, n);
}

/** Greedy answers for `items` scored with the bench scorer: fraction correct. */
export function validationAccuracy(
  st: StageState,
  data: SftData,
  items: BenchItem[],
): { accuracy: number; sample: string } {
  const lm = new AudioLM(data.arch, st.vars, data.tok, data.cfg.maxSeqLen);
  let correct = 0;
  let sample = '';
  for (const it of items) {
    const answer = lm.generate(
      exampleOf(it),
      it.recordings.map((id) => firstWindow(data.cache.get(id))),
      data.cfg.maxNewTokens,
    );
    if (scoreItem(it, answer).correct) correct++;
    if (!sample) sample = `${it.instruction} → ${answer}`;
  }
  return { accuracy: correct / Math.max(1, items.length), sample };
}

export const sftDir = (cfg: TrainConfig) => path.join(cfg.outDir, 'sft');
