// models/<id>/manifest.json: the single source of model facts (files + sha256, dtypes, feature/prompt/tokenizer versions,
// architecture, training config, evaluation summary, findings calibration, licence). Schema + validation, pure TS.
import { ENCODER_NORMS, encoderFrames, type ModelArchitecture } from './architecture';
import { frameEventsError, type FrameEventsInfo } from './frameEvents';
import { headsError, type FindingHead } from './heads';
import { uncertaintyError, type UncertaintyRule } from './uncertainty';
import { verdictRuleError, type VerdictRule } from './verdict';

export const MANIFEST_FORMAT = 1;
export const MANIFEST_FILE = 'manifest.json';

export const MODEL_PARTS = [
  'audio_encoder',
  'embed_tokens',
  'decoder_model_merged',
  'findings_head',
] as const;
export type ModelPart = (typeof MODEL_PARTS)[number];
export const PART_DTYPES = ['fp32', 'q4', 'q8'] as const;
export type PartDtype = (typeof PART_DTYPES)[number];

export interface ManifestFile {
  /** Path relative to the model folder, '/'-separated. */
  path: string;
  sha256: string;
  bytes: number;
}

/** For each part, the ONNX file of each dtype it was exported in (paths into `files`). */
export type PartFiles = Record<ModelPart, Partial<Record<PartDtype, string>>>;

export interface QuantizationInfo {
  /** Nominal bits of the dtype (most weights); `scheme` says which weights differ. */
  bits: 4 | 8;
  blockSize: number;
  /** Whether the LM head (tied embeddings) is quantized too. */
  lmHead: boolean;
  /** Storage per decoder linear weight as ordered glob rules, e.g. `*=4/32,*.attn.*=8/32,lm_head=fp32` (last match wins). */
  scheme?: string;
  /** Average storage bits per decoder linear weight (codes, scales, zero points; fp32 weights count 32). */
  bitsPerWeight?: number;
  /** Measured by `npm run export -- --parity`: greedy answers identical to fp32's on `items` bench prompts. */
  parity?: QuantizationParity;
  /** For schemes with GPTQ rules: the calibration prompts (+ reference answers) whose layer inputs weighted the rounding. */
  gptqCalibration?: GptqCalibration;
}

export interface GptqCalibration {
  /** Bench file name (no folder) the items were taken from, every k-th line. */
  source: string;
  items: number;
  tokens: number;
}

export interface QuantizationParity {
  items: number;
  maxNewTokens: number;
  /** Share of prompts whose greedy answer equals fp32's. */
  greedyAgreement: number;
  /** Share of fp32's answer tokens generated before the first divergence. */
  prefixAgreement: number;
}

export interface FindingsCalibration {
  labels: string[];
  /** Temperature per label: p = sigmoid(logit / T). */
  temperature: number[];
  /** How the temperatures were fitted and the expected calibration error they gave (null when never measured). */
  method: 'temperature' | 'none';
  ece: number | null;
  split: string | null;
  /** ECE with every temperature at 1, on the same split (shows what calibration bought). */
  eceUncalibrated?: number | null;
  /** Recordings the calibration was fitted and measured on. */
  recordings?: number;
  /** Per label, the schema findings it stands for (src/core/manifest/heads.ts; older manifests: see `findingHeads`). */
  heads?: FindingHead[];
}

export interface ModelManifest {
  format: typeof MANIFEST_FORMAT;
  id: string;
  description: string;
  files: ManifestFile[];
  parts: PartFiles;
  /** Decoder dtype the app uses unless told otherwise. */
  defaultDtype: PartDtype;
  quantization: Partial<Record<'q4' | 'q8', QuantizationInfo>>;
  featureConfigHash: string;
  promptTemplateVersion: string;
  tokenizer: { file: string; version: string; vocabSize: number; audioTokenId: number; eosTokenId: number };
  architecture: ModelArchitecture;
  audioTokensPerWindow: number;
  training: {
    stage: string;
    step: number;
    config: Record<string, unknown>;
    metrics?: Record<string, number>;
  };
  /** Filled by `npm run eval`; null until then. */
  evaluation: Record<string, unknown> | null;
  findings: FindingsCalibration;
  /** When answers abstain (./uncertainty.ts); absent: they never do. */
  uncertainty?: UncertaintyRule;
  /** Normal or abnormal from heard findings (./verdict.ts); absent: the decoder's own words decide. */
  verdict?: VerdictRule;
  /** The findings head's frame-level event output (./frameEvents.ts); absent: the model has none. */
  frameEvents?: FrameEventsInfo;
  licence: { model: string; attribution: string[]; notice: string };
}

export class ManifestError extends Error {
  override name = 'ManifestError';
}

type Obj = Record<string, unknown>;

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function need(cond: boolean, path: string, what: string): void {
  if (!cond)
    throw new ManifestError(`manifest.json: ${path} ${what}. Re-export the model with \`npm run export\`.`);
}

function str(o: Obj, key: string, path: string): string {
  need(
    typeof o[key] === 'string' && (o[key] as string).length > 0,
    `${path}.${key}`,
    'must be a non-empty string',
  );
  return o[key] as string;
}

function int(o: Obj, key: string, path: string, min = 0): number {
  const v = o[key];
  need(
    typeof v === 'number' && Number.isInteger(v) && v >= min,
    `${path}.${key}`,
    `must be an integer ≥ ${min}`,
  );
  return v as number;
}

function obj(o: Obj, key: string, path: string): Obj {
  need(isObj(o[key]), `${path}.${key}`, 'must be an object');
  return o[key] as Obj;
}

function validateFiles(m: Obj): ManifestFile[] {
  need(Array.isArray(m.files) && m.files.length > 0, 'files', 'must be a non-empty array');
  const seen = new Set<string>();
  return (m.files as unknown[]).map((f, i) => {
    need(isObj(f), `files[${i}]`, 'must be an object');
    const file = f as Obj;
    const path = str(file, 'path', `files[${i}]`);
    need(
      !path.startsWith('/') && !path.split('/').includes('..'),
      `files[${i}].path`,
      'must be relative inside the model folder',
    );
    need(!seen.has(path), `files[${i}].path`, 'is listed twice');
    seen.add(path);
    need(
      /^[0-9a-f]{64}$/.test(str(file, 'sha256', `files[${i}]`)),
      `files[${i}].sha256`,
      'must be 64 lowercase hex digits',
    );
    int(file, 'bytes', `files[${i}]`, 1);
    return { path, sha256: file.sha256 as string, bytes: file.bytes as number };
  });
}

function validateParts(m: Obj, files: ManifestFile[]): PartFiles {
  const parts = obj(m, 'parts', '');
  const paths = new Set(files.map((f) => f.path));
  for (const part of MODEL_PARTS) {
    const p = obj(parts, part, 'parts');
    need(typeof p.fp32 === 'string', `parts.${part}.fp32`, 'must name the fp32 file');
    for (const [dtype, file] of Object.entries(p)) {
      need(
        (PART_DTYPES as readonly string[]).includes(dtype),
        `parts.${part}.${dtype}`,
        `is not one of ${PART_DTYPES.join(', ')}`,
      );
      need(
        typeof file === 'string' && paths.has(file),
        `parts.${part}.${dtype}`,
        'must name a file listed in files',
      );
    }
  }
  return parts as unknown as PartFiles;
}

function validateArchitecture(m: Obj): ModelArchitecture {
  const a = obj(m, 'architecture', '');
  const enc = obj(a, 'encoder', 'architecture');
  need(
    Array.isArray(enc.channels) && enc.channels.length > 0,
    'architecture.encoder.channels',
    'must be a non-empty array',
  );
  for (const k of ['nMels', 'windowFrames', 'kernel']) int(enc, k, 'architecture.encoder', 1);
  need(
    enc.norm === undefined || (ENCODER_NORMS as readonly unknown[]).includes(enc.norm),
    'architecture.encoder.norm',
    `must be one of ${ENCODER_NORMS.join(', ')}`,
  );
  need(
    enc.floorNepers === undefined || (typeof enc.floorNepers === 'number' && enc.floorNepers >= 0),
    'architecture.encoder.floorNepers',
    'must be a number ≥ 0',
  );
  const proj = obj(a, 'projector', 'architecture');
  for (const k of ['framesPerToken', 'hidden']) int(proj, k, 'architecture.projector', 1);
  const dec = obj(a, 'decoder', 'architecture');
  for (const k of [
    'vocabSize',
    'hiddenSize',
    'numLayers',
    'numHeads',
    'numKvHeads',
    'headDim',
    'intermediateSize',
    'maxPositions',
  ])
    int(dec, k, 'architecture.decoder', 1);
  need(
    (dec.numHeads as number) % (dec.numKvHeads as number) === 0,
    'architecture.decoder.numHeads',
    'must be a multiple of numKvHeads',
  );
  need(
    Array.isArray(obj(a, 'heads', 'architecture').labels),
    'architecture.heads.labels',
    'must be an array',
  );
  return a as unknown as ModelArchitecture;
}

function validateFindings(m: Obj, arch: ModelArchitecture): FindingsCalibration {
  const f = obj(m, 'findings', '');
  need(
    Array.isArray(f.labels) && Array.isArray(f.temperature),
    'findings',
    'must have labels and temperature arrays',
  );
  const labels = f.labels as unknown[];
  const temps = f.temperature as unknown[];
  need(
    labels.join('\n') === arch.heads.labels.join('\n'),
    'findings.labels',
    'must equal architecture.heads.labels',
  );
  need(
    temps.length === labels.length && temps.every((t) => typeof t === 'number' && t > 0),
    'findings.temperature',
    'must hold one positive number per label',
  );
  const headsProblem = f.heads === undefined ? null : headsError(f.heads, arch.heads.labels);
  need(
    headsProblem === null,
    `findings.heads${headsProblem?.startsWith('[') ? '' : ' '}${headsProblem ?? ''}`.trimEnd(),
    '(see src/core/manifest/heads.ts)',
  );
  return f as unknown as FindingsCalibration;
}

/** An optional block (`uncertainty`, `verdict`) checked by its own module's error function when present. */
function optionalBlock(m: Obj, key: string, problemOf: (v: unknown) => string | null): void {
  const problem = m[key] === undefined ? null : problemOf(m[key]);
  need(
    problem === null,
    `${key}${problem?.startsWith('.') ? '' : ' '}${problem ?? ''}`.trimEnd(),
    `(see src/core/manifest/${key}.ts)`,
  );
}

/** Checks a parsed manifest.json and returns it typed; throws ManifestError naming the first bad field. */
export function validateManifest(json: unknown): ModelManifest {
  need(isObj(json), '(root)', 'must be a JSON object');
  const m = json as Obj;
  need(
    m.format === MANIFEST_FORMAT,
    'format',
    `must be ${MANIFEST_FORMAT} (this app reads manifest format ${MANIFEST_FORMAT})`,
  );
  str(m, 'id', '');
  const files = validateFiles(m);
  validateParts(m, files);
  need(
    (PART_DTYPES as readonly string[]).includes(m.defaultDtype as string),
    'defaultDtype',
    `must be one of ${PART_DTYPES.join(', ')}`,
  );
  need(isObj(m.quantization), 'quantization', 'must be an object');
  for (const k of ['featureConfigHash', 'promptTemplateVersion']) str(m, k, '');
  const tok = obj(m, 'tokenizer', '');
  need(
    files.some((f) => f.path === str(tok, 'file', 'tokenizer')),
    'tokenizer.file',
    'must be listed in files',
  );
  for (const k of ['vocabSize', 'audioTokenId', 'eosTokenId']) int(tok, k, 'tokenizer');
  const arch = validateArchitecture(m);
  int(m, 'audioTokensPerWindow', '', 1);
  need(isObj(m.training), 'training', 'must be an object');
  need(m.evaluation === null || isObj(m.evaluation), 'evaluation', 'must be null or an object');
  const findings = validateFindings(m, arch);
  optionalBlock(m, 'uncertainty', uncertaintyError);
  optionalBlock(m, 'verdict', (v) => verdictRuleError(v, findings.labels));
  optionalBlock(m, 'frameEvents', (v) => frameEventsError(v, encoderFrames(arch.encoder)));
  need(isObj(m.licence), 'licence', 'must be an object');
  return m as unknown as ModelManifest;
}

/** The file entry for a path, or a ManifestError. */
export function manifestFile(m: ModelManifest, path: string): ManifestFile {
  const f = m.files.find((x) => x.path === path);
  if (!f) throw new ManifestError(`manifest.json does not list '${path}'`);
  return f;
}

/** Total bytes the app downloads for one decoder dtype (all parts at their file for that dtype, plus shared files). */
export function downloadBytes(m: ModelManifest, dtype: PartDtype): number {
  const decoderFiles = new Set(Object.values(m.parts.decoder_model_merged));
  const wanted = m.parts.decoder_model_merged[dtype];
  return m.files
    .filter((f) => !decoderFiles.has(f.path) || f.path === wanted)
    .reduce((a, f) => a + f.bytes, 0);
}
