// Log-mel feature cache: each corpus recording's first frames computed once (the shared src/core/features
// definition) and stored as int16 (1/1000 steps) in one file, so epochs never recompute features.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { decodeWav } from '../../src/core/audio/wav';
import { FEATURE_CONFIG, featureConfigHash } from '../../src/core/features/config';
import { featureWindows, logMel, toModelRate, type LogMel } from '../../src/core/features/logmel';

const SCALE = 1000;

export interface FeatureCache {
  nMels: number;
  /** Recording id → its cached log-mel (first ≤ maxFrames frames, dequantized on access). */
  get(id: string): LogMel;
  has(id: string): boolean;
  ids(): string[];
}

interface CacheIndex {
  featureConfigHash: string;
  maxFrames: number;
  entries: Record<string, { offset: number; nFrames: number }>;
}

/** Log-mel of one WAV file at the model rate (only its first `maxFrames` frames when given). */
export async function wavLogMel(file: string, maxFrames = Infinity): Promise<LogMel> {
  const wav = decodeWav(new Uint8Array(await readFile(file)));
  const mono =
    wav.sampleRateHz === FEATURE_CONFIG.sampleRateHz
      ? wav.samples
      : toModelRate(wav.samples, wav.sampleRateHz);
  const need = (maxFrames - 1) * FEATURE_CONFIG.hopSamples + FEATURE_CONFIG.windowSamples;
  return logMel(mono.length > need ? mono.subarray(0, need) : mono);
}

/** The model input for a recording: its first window [nMels][windowFrames] (what the app feeds the model). */
export function firstWindow(m: LogMel): Float32Array {
  return featureWindows(m)[0];
}

function quantize(m: LogMel, frames: number, out: Int16Array, at: number): void {
  for (let mel = 0; mel < m.nMels; mel++)
    for (let t = 0; t < frames; t++) {
      const q = Math.round(m.data[mel * m.nFrames + t] * SCALE);
      out[at + mel * frames + t] = Math.max(-32768, Math.min(32767, q));
    }
}

/**
 * Loads `<cacheDir>/features.{bin,json}` or builds it for the given recordings (audio paths relative to
 * corpusDir). Rebuilt when the feature config, frame cap or recording set changes.
 */
export async function loadFeatureCache(
  cacheDir: string,
  corpusDir: string,
  recordings: { id: string; audio: string }[],
  maxFramesWanted: number,
  onProgress?: (done: number, total: number) => void,
): Promise<FeatureCache> {
  const maxFrames = Math.max(maxFramesWanted, FEATURE_CONFIG.windowFrames);
  const hash = featureConfigHash(FEATURE_CONFIG);
  const idxFile = path.join(cacheDir, 'features.json');
  const binFile = path.join(cacheDir, 'features.bin');
  let index: CacheIndex | undefined;
  if (existsSync(idxFile) && existsSync(binFile)) {
    const i = JSON.parse(await readFile(idxFile, 'utf8')) as CacheIndex;
    const complete = recordings.every((r) => r.id in i.entries);
    if (i.featureConfigHash === hash && i.maxFrames === maxFrames && complete) index = i;
  }
  let data: Int16Array;
  if (index) {
    const buf = await readFile(binFile);
    data = new Int16Array(buf.buffer, buf.byteOffset, buf.byteLength / 2);
  } else {
    ({ index, data } = await buildCache(corpusDir, recordings, maxFrames, hash, onProgress));
    await mkdir(cacheDir, { recursive: true });
    await writeFile(binFile + '.tmp', Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    await writeFile(idxFile + '.tmp', JSON.stringify(index));
    await rename(binFile + '.tmp', binFile);
    await rename(idxFile + '.tmp', idxFile);
  }
  return cacheView(index, data);
}

async function buildCache(
  corpusDir: string,
  recordings: { id: string; audio: string }[],
  maxFrames: number,
  hash: string,
  onProgress?: (done: number, total: number) => void,
): Promise<{ index: CacheIndex; data: Int16Array }> {
  const parts: Int16Array[] = [];
  const index: CacheIndex = { featureConfigHash: hash, maxFrames, entries: {} };
  let at = 0;
  for (const [i, r] of recordings.entries()) {
    const m = await wavLogMel(path.join(corpusDir, r.audio), maxFrames);
    const frames = Math.min(m.nFrames, maxFrames);
    const q = new Int16Array(frames * m.nMels);
    quantize(m, frames, q, 0);
    parts.push(q);
    index.entries[r.id] = { offset: at, nFrames: frames };
    at += q.length;
    if (onProgress && (i % 50 === 0 || i === recordings.length - 1)) onProgress(i + 1, recordings.length);
  }
  const data = new Int16Array(at);
  let off = 0;
  for (const q of parts) {
    data.set(q, off);
    off += q.length;
  }
  return { index, data };
}

function cacheView(index: CacheIndex, data: Int16Array): FeatureCache {
  const nMels = FEATURE_CONFIG.nMels;
  return {
    nMels,
    has: (id) => id in index.entries,
    ids: () => Object.keys(index.entries),
    get(id) {
      const e = index.entries[id];
      if (!e) throw new Error(`recording ${id} is not in the feature cache`);
      const out = new Float32Array(nMels * e.nFrames);
      for (let i = 0; i < out.length; i++) out[i] = data[e.offset + i] / SCALE;
      return { nMels, nFrames: e.nFrames, data: out };
    },
  };
}
