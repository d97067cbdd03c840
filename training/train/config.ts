// Training configuration, nanoGPT style: one typed object of defaults with comments, JSON override files in
// training/configs/, and a strict --key=value parser that rejects unknown keys. The resolved config goes into
// every checkpoint.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCli, UsageError } from '../cli/args';

export const DEFAULTS = {
  // --- paths (relative to the working directory) ---
  /** Folder holding corpus.jsonl and the normalized WAVs. */
  corpusDir: 'corpus',
  /** Folder holding AuscultBench {train,val,test}.jsonl. */
  benchDir: 'bench',
  /** Run folder: checkpoints, feature cache, curves, logs. */
  outDir: 'runs',
  /** Where curves (CSV + PNG) are copied when a stage finishes; '' to skip. */
  docsDir: 'docs',
  seed: 1234,
  // --- features / cache ---
  /** Feature cache folder; '' = <outDir>/cache. Runs over one corpus may share it (the features never depend on the recipe). */
  cacheDir: '',
  /** Frames of log-mel cached per recording (≥ windowFrames; extra frames feed time-shift augmentation). */
  cacheFrames: 768,
  // --- encoder / projector / heads (architecture.ts) ---
  encKernel: 5,
  encChannels: [64, 96, 128, 128],
  /** Encoder input normalisation (architecture.ts EncoderSpec.norm): 'window' instance norm, or per-mel 'band'. */
  encNorm: 'window',
  /** 'band' only: floor in nepers below the loudest band's mean (bands a device never captured become constant). */
  encFloorNepers: 8,
  framesPerToken: 2,
  projHidden: 256,
  // --- decoder ---
  vocabSize: 2048,
  hidden: 192,
  layers: 4,
  heads: 6,
  kvHeads: 2,
  headDim: 32,
  intermediate: 512,
  maxSeqLen: 256,
  ropeTheta: 10000,
  // --- pretrain (encoder: COLA contrastive + supervised heads) ---
  pretrainSteps: 1500,
  pretrainBatch: 24,
  pretrainLr: 2e-3,
  /** Frames per contrastive crop (two crops of one recording are positives). */
  cropFrames: 384,
  colaDim: 128,
  /** Pretrain sampling weight per source, e.g. "sprsound=2" (unlisted sources 1; '' = every recording equally likely). */
  sourceWeights: '',
  /**
   * 'source-label': pretrain recordings are drawn source first (uniform, times sourceWeights), then
   * normal/abnormal/unlabelled class within the source (uniform), then uniformly, so no source's size or label prior is
   * a shortcut for the encoder; '' = every recording equally likely.
   */
  balance: '',
  /** Sources left out of every stage (pretrain, SFT, QAT, calibration), comma-separated: leave-one-source-out runs. */
  excludeSources: '',
  /** Weight of the contrastive loss against the supervised heads' loss. */
  colaWeight: 0.5,
  /** Weight of the frame-level event loss (which encoder frames hold crackles or wheezes; train/frames.ts); 0 = off. */
  frameWeight: 0,
  /**
   * Weight of the adversarial source head (train/adversary.ts): a linear head on the pooled embedding learns which
   * training source a crop came from, among the sources of the recording's own domain, while the encoder learns
   * against it (sourceAdvMode), so it unlearns what tells the datasets apart. 0 = off.
   */
  sourceAdv: 0,
  /** How the encoder learns against the source head: 'reverse' (negated gradient, DANN) or 'confuse' (towards uniform). */
  sourceAdvMode: 'reverse',
  // --- sft ---
  sftSteps: 1500,
  sftBatch: 16,
  sftLr: 1.5e-3,
  /** The same balance for SFT and QAT items (by each item's first recording); '' = every item equally likely. */
  sftBalance: '',
  /** Also update the encoder during SFT (otherwise it stays as pretrained, keeping the heads calibrated). */
  sftTrainEncoder: false,
  /** Validation every N steps on `valItems` items (loss) and `valGenerate` items (generation + scorer). */
  evalEvery: 250,
  valItems: 64,
  valGenerate: 24,
  maxNewTokens: 96,
  // --- dpo (preference optimization on LoRA adapters; training/dpo/) ---
  /** SFT checkpoint the policy starts from and the frozen reference is; '' = <outDir>/sft. */
  dpoInit: '',
  dpoSteps: 200,
  /** Preference pairs per step. */
  dpoBatch: 8,
  dpoLr: 1e-3,
  /** DPO temperature β: scales the log-ratio margins inside the sigmoid. */
  beta: 0.1,
  /** Weight of the audio-conditioned term (chosen more likely with clean than degraded audio); 0 = plain DPO. */
  mdpoWeight: 0,
  /** Weight of the anchor term that keeps the chosen answer's log-likelihood from falling below the reference. */
  anchorWeight: 0,
  /** Train items the SFT model samples candidates for (pairs = items whose candidates score differently). */
  dpoSampleItems: 400,
  /** Candidates sampled per item, spread over `temperatures`. */
  candidates: 4,
  temperatures: [0.7, 1.0, 1.3],
  /** Train items that get one hard negative (an answer rendered from contradicted labels). */
  dpoHardItems: 800,
  /** Held-out val pairs (hard negatives) for the preference accuracy and margin. */
  dpoValPairs: 48,
  // --- qat (quantization-aware fine-tuning; training/qat/) ---
  /** Checkpoint to fine-tune on the quantization grid; '' = <outDir>/sft. */
  qatInit: '',
  qatSteps: 300,
  qatLr: 3e-4,
  /** The grid the decoder is trained for: export/onnx/scheme.ts rules, symmetric rounding only; export it with the same --q4-scheme. */
  qatScheme: '*=4/32,lm_head=fp32',
  // --- LoRA (training/lora/; DPO and `npm run adapt`) ---
  loraRank: 8,
  /** Adapter scale is loraAlpha / loraRank. */
  loraAlpha: 16,
  /** Decoder linear layers that get adapters, comma-separated among q,k,v,o,gate,up,down. */
  loraTargets: 'q,k,v,o,gate,up,down',
  /** `npm run adapt` also trains the audio projector fully (the encoder stays frozen): a new device changes the sound. */
  adaptProjector: false,
  // --- shared optimisation ---
  warmupSteps: 50,
  weightDecay: 0.01,
  clipNorm: 1.0,
  /** Probability of each augmentation (noise, filter tilt, time shift) per crop. */
  augment: 0.7,
  /**
   * Channel and device augmentation (train/augment.ts), each a probability per crop, applied after `augment`'s:
   * band limit to 400–2000 Hz (a third of them the 1 kHz of a 2 kHz round trip), background noise at 0–30 dB SNR
   * (the recording's own quietest frames or synthesized room/friction/handling noise), time stretch ×0.8–1.25 of
   * heart and breathing rates, clipping of the loudest frames, gain. 0 = off.
   */
  augBand: 0,
  /**
   * Probability per crop of a stethoscope bell-mode response: a low-pass with its corner at 150–400 Hz (a bell
   * on the skin, or a Littmann's bell mode, keeps the 20–200 Hz band), 0 = off.
   */
  augBell: 0,
  augNoise: 0,
  augStretch: 0,
  augClip: 0,
  // --- bookkeeping ---
  checkpointEveryS: 180,
  logEvery: 10,
};

export type TrainConfig = typeof DEFAULTS;

/** Where a run's feature cache lives. */
export const cacheDirOf = (cfg: Pick<TrainConfig, 'cacheDir' | 'outDir'>): string =>
  cfg.cacheDir || path.join(cfg.outDir, 'cache');
export type Stage = 'pretrain' | 'sft' | 'dpo' | 'qat';
export const STAGES: Stage[] = ['pretrain', 'sft', 'dpo', 'qat'];
const CONFIG_DIR = path.resolve(import.meta.dirname, '../configs');

function parseValue(key: string, raw: unknown, def: unknown): unknown {
  const fail = (): never => {
    throw new Error(
      `config ${key}: cannot use ${JSON.stringify(raw)} (expected ${Array.isArray(def) ? 'number list like 1,2,3' : typeof def})`,
    );
  };
  if (Array.isArray(def)) {
    const list = Array.isArray(raw) ? raw : String(raw).split(',').map(Number);
    return list.every((n) => typeof n === 'number' && Number.isFinite(n)) ? list : fail();
  }
  if (typeof def === 'number') {
    const n = typeof raw === 'number' ? raw : Number(raw);
    return Number.isFinite(n) && String(raw).trim() !== '' ? n : fail();
  }
  if (typeof def === 'boolean') {
    if (typeof raw === 'boolean') return raw;
    return raw === 'true' ? true : raw === 'false' ? false : fail();
  }
  return typeof raw === 'string' ? raw : fail();
}

/** Applies overrides onto a config, rejecting unknown keys and ill-typed values. */
export function applyOverrides(cfg: TrainConfig, over: Record<string, unknown>, origin: string): TrainConfig {
  const out: Record<string, unknown> = { ...cfg };
  for (const [k, v] of Object.entries(over)) {
    if (!(k in DEFAULTS))
      throw new Error(`${origin}: unknown config key "${k}" (known: ${Object.keys(DEFAULTS).join(', ')})`);
    out[k] = parseValue(k, v, DEFAULTS[k as keyof TrainConfig]);
  }
  return out as TrainConfig;
}

export interface ParsedArgs {
  stage: Stage;
  config: TrainConfig;
  configName?: string;
}

const USAGE = `usage: npm run train -- <${STAGES.join('|')}> [--config=<name>] [--key=value ...]
  <stage>            the stage to run; it resumes from <outDir>/<stage> when a checkpoint is there
  --config=<name>    the override file training/configs/<name>.json, applied before the flags
  --key=value        any key of DEFAULTS in training/train/config.ts, e.g. --sftSteps=200 --encChannels=32,64`;

/** `<stage> [--config=<name>] [--key=value ...]` (training/cli/args.ts); the override file is applied before the flags. */
export function parseArgs(argv: string[]): ParsedArgs {
  const { values, positionals, extra } = parseCli(argv, {
    usage: USAGE,
    options: { config: { type: 'string' } },
    positionals: true,
    keyValues: true,
  });
  const [stage, ...rest] = positionals;
  if (!STAGES.includes(stage as Stage))
    throw new UsageError(stage === undefined ? 'a stage is required' : `unknown stage '${stage}'`, USAGE);
  if (rest.length > 0) throw new UsageError(`bad argument "${rest[0]}": expected --key=value`, USAGE);
  let config = { ...DEFAULTS };
  const configName = values.config;
  if (configName) {
    const file = path.join(CONFIG_DIR, `${configName}.json`);
    const text = (() => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        throw new Error(`--config=${configName}: ${file} not found`);
      }
    })();
    config = applyOverrides(config, JSON.parse(text) as Record<string, unknown>, file);
  }
  return { stage: stage as Stage, config: applyOverrides(config, extra, 'command line'), configName };
}
