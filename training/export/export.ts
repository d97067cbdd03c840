// Writes a model folder (ONNX parts, HF configs, tokenizer, manifest.json) from architecture + weights.
// Written to a temporary folder and renamed into place, so a failed export never leaves a half model behind.
import { sha256Hex } from '../../src/core/features/sha256';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { audioTokensPerWindow, type ModelArchitecture } from '../../src/core/manifest/architecture';
import {
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  validateManifest,
  type FindingsCalibration,
  type ManifestFile,
  type ModelManifest,
  type GptqCalibration,
  type PartDtype,
  type PartFiles,
  type QuantizationInfo,
} from '../../src/core/manifest/manifest';
import { AUDIO_TOKEN_ID, EOS_TOKEN, SPECIAL_TOKENS } from '../../src/core/tasks/prompt';
import type { WeightMap } from '../checkpoint';
import { frameEventsBlock } from './frames';
import { exportHeads } from './heads';
import { DTYPE_SUFFIX, generationConfig, ultravoxConfig } from './hf-config';
import { buildDecoder, buildEmbedTokens } from './onnx/decoder';
import { buildAudioEncoder, buildFindingsHead } from './onnx/encoder';
import {
  formatScheme,
  linearNames,
  modeFor,
  schemeBits,
  uniformScheme,
  usesGptq,
  type QuantScheme,
} from './onnx/scheme';
import { tokenizerConfig } from '../tokenizer/tokenizer';
import { tokenizerJsonVocabSize } from './tokenizer';

export interface ExportInput {
  id: string;
  description: string;
  architecture: ModelArchitecture;
  weights: WeightMap;
  tokenizerJson: string;
  tokenizerVersion: string;
  featureConfigHash: string;
  promptTemplateVersion: string;
  training: ModelManifest['training'];
  /** Fitted findings calibration; identity temperatures when absent. */
  calibration?: Pick<FindingsCalibration, 'temperature' | 'method' | 'ece' | 'split'>;
  licence: ModelManifest['licence'];
  /** Where the frame-level event head (`aux.frame.*` in `weights`) came from; absent: the model has none. */
  frameHeadSource?: string;
}

export type QuantDtype = Exclude<PartDtype, 'fp32'>;

export interface ExportOptions {
  /** Decoder variants to write (fp32 is always written: the reference and the parity target). */
  dtypes: PartDtype[];
  defaultDtype: PartDtype;
  /** Per quantized dtype, how each decoder linear weight is stored (onnx/scheme.ts; e.g. 8-bit attention in q4). */
  schemes: Record<QuantDtype, QuantScheme>;
  /** Calibration inputs for GPTQ rules (hessians.ts), and where they came from (recorded in the manifest). */
  gptq?: { hessians: ReadonlyMap<string, Float64Array>; calibration: GptqCalibration };
}

export const DEFAULT_EXPORT_OPTIONS: ExportOptions = {
  dtypes: ['fp32', 'q4', 'q8'],
  defaultDtype: 'q4',
  schemes: { q4: uniformScheme(4, 32, false), q8: uniformScheme(8, 32, false) },
};

const NOMINAL_BITS: Record<QuantDtype, 4 | 8> = { q4: 4, q8: 8 };

/** Every file of the folder except manifest.json, as bytes keyed by relative path. */
function renderFiles(
  input: ExportInput,
  opts: ExportOptions,
): { files: Map<string, Uint8Array>; parts: PartFiles } {
  const { architecture: arch, weights } = input;
  const files = new Map<string, Uint8Array>();
  const json = (x: unknown): Uint8Array => new TextEncoder().encode(`${JSON.stringify(x, null, 2)}\n`);
  const parts: PartFiles = {
    audio_encoder: {},
    embed_tokens: {},
    decoder_model_merged: {},
    findings_head: {},
  };
  const add = (part: keyof PartFiles, dtype: PartDtype, bytes: Uint8Array): void => {
    const p = `onnx/${part}${DTYPE_SUFFIX[dtype]}.onnx`;
    files.set(p, bytes);
    parts[part][dtype] = p;
  };
  add('audio_encoder', 'fp32', buildAudioEncoder(arch, weights));
  add('embed_tokens', 'fp32', buildEmbedTokens(arch.decoder, weights));
  add('findings_head', 'fp32', buildFindingsHead(arch, weights));
  for (const dtype of new Set<PartDtype>(['fp32', ...opts.dtypes]))
    add(
      'decoder_model_merged',
      dtype,
      buildDecoder(arch.decoder, weights, dtype === 'fp32' ? [] : opts.schemes[dtype], {
        hessians: opts.gptq?.hessians,
      }),
    );
  files.set('config.json', json(ultravoxConfig(arch)));
  files.set('generation_config.json', json(generationConfig(arch)));
  files.set('tokenizer.json', new TextEncoder().encode(input.tokenizerJson));
  files.set('tokenizer_config.json', json(tokenizerConfig(arch.decoder.maxPositions)));
  return { files, parts };
}

/** The one sha256 of the project, which the engine checks these files against. */
export { sha256Hex };

/** What the manifest says about one quantized decoder: nominal bits, the block of those weights, the full scheme. */
export function quantizationInfo(
  arch: ModelArchitecture,
  scheme: QuantScheme,
  bits: 4 | 8,
  gptq?: GptqCalibration,
): QuantizationInfo {
  const modes = linearNames(arch.decoder).map((n) => modeFor(scheme, n));
  const nominal =
    modes.find((m) => m.kind === 'nbits' && m.bits === bits) ?? modes.find((m) => m.kind === 'nbits');
  const { bitsPerWeight } = schemeBits(scheme, arch.decoder);
  return {
    bits,
    blockSize: nominal?.kind === 'nbits' ? nominal.blockSize : 0,
    lmHead: modeFor(scheme, 'lm_head').kind !== 'fp32',
    scheme: formatScheme(scheme),
    bitsPerWeight: Math.round(bitsPerWeight * 1000) / 1000,
    ...(gptq && usesGptq(scheme) ? { gptqCalibration: gptq } : {}),
  };
}

function buildManifest(
  input: ExportInput,
  opts: ExportOptions,
  files: Map<string, Uint8Array>,
  parts: PartFiles,
): ModelManifest {
  const arch = input.architecture;
  const vocabSize = tokenizerJsonVocabSize(input.tokenizerJson);
  if (vocabSize > arch.decoder.vocabSize)
    throw new Error(`tokenizer has ${vocabSize} ids but the decoder only ${arch.decoder.vocabSize}`);
  const list: ManifestFile[] = [...files].map(([p, b]) => ({
    path: p,
    sha256: sha256Hex(b),
    bytes: b.length,
  }));
  const quantization: Partial<Record<QuantDtype, QuantizationInfo>> = {};
  for (const d of opts.dtypes)
    if (d !== 'fp32')
      quantization[d] = quantizationInfo(arch, opts.schemes[d], NOMINAL_BITS[d], opts.gptq?.calibration);
  const labels = arch.heads.labels;
  const cal = input.calibration ?? {
    temperature: labels.map(() => 1),
    method: 'none' as const,
    ece: null,
    split: null,
  };
  return {
    format: MANIFEST_FORMAT,
    id: input.id,
    description: input.description,
    files: list,
    parts,
    defaultDtype: opts.defaultDtype,
    quantization,
    featureConfigHash: input.featureConfigHash,
    promptTemplateVersion: input.promptTemplateVersion,
    tokenizer: {
      file: 'tokenizer.json',
      version: input.tokenizerVersion,
      vocabSize,
      audioTokenId: AUDIO_TOKEN_ID,
      eosTokenId: SPECIAL_TOKENS.indexOf(EOS_TOKEN),
    },
    architecture: arch,
    audioTokensPerWindow: audioTokensPerWindow(arch),
    training: input.training,
    evaluation: null,
    findings: { labels: [...labels], ...cal, heads: exportHeads(labels) },
    ...(input.frameHeadSource ? { frameEvents: frameEventsBlock(arch, input.frameHeadSource) } : {}),
    licence: input.licence,
  };
}

/** Exports the model folder `outDir` (replaced if it exists) and returns its manifest. */
export async function exportModel(
  input: ExportInput,
  outDir: string,
  opts: ExportOptions = DEFAULT_EXPORT_OPTIONS,
): Promise<ModelManifest> {
  if (!opts.dtypes.includes(opts.defaultDtype))
    throw new Error(`default dtype ${opts.defaultDtype} is not among the exported ${opts.dtypes}`);
  const { files, parts } = renderFiles(input, opts);
  const manifest = validateManifest(buildManifest(input, opts, files, parts));
  const tmp = `${outDir.replace(/\/+$/, '')}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  for (const [rel, bytes] of files) {
    await mkdir(path.dirname(path.join(tmp, rel)), { recursive: true });
    await writeFile(path.join(tmp, rel), bytes);
  }
  await writeFile(path.join(tmp, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(path.dirname(path.resolve(outDir)), { recursive: true });
  await rename(tmp, outDir);
  return manifest;
}

/**
 * Rewrites `<dir>/manifest.json` through `patch` (e.g. eval's summary, the findings calibration), validated and written
 * atomically. Only fields outside `files` may change: the files themselves are not touched.
 */
export async function updateManifest(
  dir: string,
  patch: (m: ModelManifest) => ModelManifest,
): Promise<ModelManifest> {
  const file = path.join(dir, MANIFEST_FILE);
  const before = validateManifest(JSON.parse(await readFile(file, 'utf8')));
  const after = validateManifest(patch(structuredClone(before)));
  if (JSON.stringify(after.files) !== JSON.stringify(before.files))
    throw new Error('updateManifest may not change the file list');
  await writeFile(`${file}.tmp`, `${JSON.stringify(after, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
  return after;
}
