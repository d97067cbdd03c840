// Checkpoint folder format: checkpoint.json (meta) + weights.bin (little-endian float32) + tokenizer.json.
// Written atomically (tmp folder, then rename) so a crash mid-write never leaves a half checkpoint behind.
import { mkdir, readFile, rename, rm, writeFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { endianness } from 'node:os';
import type { ModelArchitecture } from '../../src/core/manifest/architecture';

export type WeightEntry = { shape: number[]; data: Float32Array };
export type WeightMap = Map<string, WeightEntry>;
/** Where one tensor lives inside a .bin file: offset and shape in floats. */
export type WeightIndex = Record<string, { shape: number[]; offset: number }>;

export interface CheckpointMeta {
  format: 1;
  stage: string;
  step: number;
  /** The resolved training config this checkpoint was trained with. */
  config: Record<string, unknown>;
  architecture: ModelArchitecture;
  featureConfigHash: string;
  promptTemplateVersion: string;
  /** File name of the HF tokenizer inside the folder. */
  tokenizer: 'tokenizer.json';
  weights: WeightIndex;
  /** Optimizer state (Adam moments etc.) in optimizer.bin, present only on resumable checkpoints. */
  optimizer?: { file: 'optimizer.bin'; step: number; hyper: Record<string, number>; weights: WeightIndex };
  metrics?: Record<string, number>;
}

export interface Checkpoint {
  meta: CheckpointMeta;
  weights: WeightMap;
  /** Present when the checkpoint carries optimizer state. */
  optimizer?: WeightMap;
}

export interface WriteOptions {
  /** Contents of tokenizer.json (the HF tokenizers JSON string); required for a complete checkpoint. */
  tokenizerJson: string;
  /** Optimizer state to save next to the weights (for exact resume). */
  optimizer?: { step: number; hyper: Record<string, number>; weights: WeightMap };
}

const LITTLE_ENDIAN = endianness() === 'LE';

/** The file format is little-endian; on LE hosts that is the in-memory layout. */
function toLittleEndian(all: Float32Array): Buffer {
  if (LITTLE_ENDIAN) return Buffer.from(all.buffer, all.byteOffset, all.byteLength);
  const b = Buffer.alloc(all.length * 4);
  for (let i = 0; i < all.length; i++) b.writeFloatLE(all[i], i * 4);
  return b;
}

function sizeOf(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Concatenates tensors into one little-endian float32 buffer and returns it with its index. */
export function packWeights(weights: WeightMap): { index: WeightIndex; bytes: Buffer } {
  const index: WeightIndex = {};
  let total = 0;
  for (const [name, w] of weights) {
    if (w.data.length !== sizeOf(w.shape))
      throw new Error(
        `weight ${name}: data has ${w.data.length} floats but shape ${JSON.stringify(w.shape)}`,
      );
    index[name] = { shape: [...w.shape], offset: total };
    total += w.data.length;
  }
  const all = new Float32Array(total);
  for (const [name, w] of weights) all.set(w.data, index[name].offset);
  return { index, bytes: toLittleEndian(all) };
}

/** Inverse of packWeights: slices tensors out of a float32 buffer (copied, so they own their memory). */
export function unpackWeights(index: WeightIndex, bytes: Buffer): WeightMap {
  const out: WeightMap = new Map();
  const floats = bytes.length / 4;
  for (const [name, { shape, offset }] of Object.entries(index)) {
    const n = sizeOf(shape);
    if (offset + n > floats)
      throw new Error(`weight ${name} runs past the end of the .bin file (${floats} floats)`);
    const data = new Float32Array(n);
    if (LITTLE_ENDIAN)
      data.set(
        new Float32Array(
          bytes.buffer.slice(bytes.byteOffset + offset * 4, bytes.byteOffset + (offset + n) * 4),
        ),
      );
    else for (let i = 0; i < n; i++) data[i] = bytes.readFloatLE((offset + i) * 4);
    out.set(name, { shape: [...shape], data });
  }
  return out;
}

/**
 * Writes a checkpoint folder atomically. `meta.weights` (and `meta.optimizer`) are filled in from the tensors.
 * An existing folder at `dir` is replaced.
 */
export async function writeCheckpoint(
  dir: string,
  meta: Omit<CheckpointMeta, 'weights' | 'tokenizer' | 'optimizer'>,
  weights: WeightMap,
  opts: WriteOptions,
): Promise<CheckpointMeta> {
  const abs = path.resolve(dir);
  const tmp = `${abs}.tmp-${process.pid}-${Date.now()}`;
  const packed = packWeights(weights);
  await mkdir(tmp, { recursive: true });
  const full: CheckpointMeta = { ...meta, format: 1, tokenizer: 'tokenizer.json', weights: packed.index };
  await writeFile(path.join(tmp, 'weights.bin'), packed.bytes);
  if (opts.optimizer) {
    const o = packWeights(opts.optimizer.weights);
    full.optimizer = {
      file: 'optimizer.bin',
      step: opts.optimizer.step,
      hyper: opts.optimizer.hyper,
      weights: o.index,
    };
    await writeFile(path.join(tmp, 'optimizer.bin'), o.bytes);
  }
  await writeFile(path.join(tmp, 'tokenizer.json'), opts.tokenizerJson);
  await writeFile(path.join(tmp, 'checkpoint.json'), JSON.stringify(full, null, 1) + '\n');
  const old = `${abs}.old-${process.pid}-${Date.now()}`;
  const exists = await stat(abs).then(
    () => true,
    () => false,
  );
  if (exists) await rename(abs, old);
  await rename(tmp, abs);
  if (exists) await rm(old, { recursive: true, force: true });
  return full;
}

/** Reads checkpoint.json and weights.bin (and optimizer.bin when present). */
export async function readCheckpoint(dir: string): Promise<Checkpoint> {
  const metaPath = path.join(dir, 'checkpoint.json');
  const text = await readFile(metaPath, 'utf8').catch(() => {
    throw new Error(
      `no checkpoint at ${dir}: ${metaPath} is missing (train one with \`npm run train -- pretrain\`)`,
    );
  });
  const meta = JSON.parse(text) as CheckpointMeta;
  if (meta.format !== 1)
    throw new Error(`${metaPath}: unsupported checkpoint format ${String(meta.format)} (expected 1)`);
  const weights = unpackWeights(meta.weights, await readFile(path.join(dir, 'weights.bin')));
  const result: Checkpoint = { meta, weights };
  if (meta.optimizer) {
    result.optimizer = unpackWeights(
      meta.optimizer.weights,
      await readFile(path.join(dir, meta.optimizer.file)),
    );
  }
  return result;
}

/** True when `dir` holds a checkpoint.json (used by eval to tell checkpoints from exported models). */
export async function isCheckpoint(dir: string): Promise<boolean> {
  return stat(path.join(dir, 'checkpoint.json')).then(
    () => true,
    () => false,
  );
}
