// Windowed reads of a WAV file kept somewhere that reads byte ranges (a Blob from IndexedDB, bytes in memory): the
// header is parsed from the first bytes, then only the frames asked for are read and decoded, never the whole file.
import {
  decodeWavFrames,
  wavLayout,
  wholeWavLayout,
  WavError,
  type ByteRange,
  type FileSpan,
  type WavLayout,
} from './wav';

/** A file that can be read by byte range; `read` returns bytes [start, end) (end ≤ size). */
export interface ByteSource {
  readonly size: number;
  read(start: number, end: number): Promise<Uint8Array>;
}

export interface WavReader {
  readonly sampleRateHz: number;
  /** Whole frames in the file (samples per channel). */
  readonly frames: number;
  readonly layout: WavLayout;
  /** Mono samples of frames [from, to) (clamped to the file): the same values decodeWav gives for them. */
  readFrames(from: number, to: number): Promise<Float32Array>;
  /** Mono samples from `fromS` for `seconds`, clamped to the file (frames from round(fromS · rate)). */
  read(range: { fromS: number; seconds: number }): Promise<Float32Array>;
}

/** Bytes read first for the header: a WAV we write has a 44-byte one; other recorders add a few KiB of metadata. */
const HEAD_BYTES = 64 * 1024;

/** Parses the header from as few leading bytes as it needs (64 KiB, more only when metadata chunks come first). */
async function layoutOf(src: ByteSource): Promise<WavLayout> {
  for (let n = Math.min(src.size, HEAD_BYTES); ; n = Math.min(src.size, n * 4)) {
    const layout = wavLayout(await src.read(0, n), src.size);
    if (layout) return layout;
    if (n >= src.size) throw new WavError('truncated header'); // wavLayout returns null only for a prefix
  }
}

/** Bytes read for each chunk header needed past the first bytes (the chunks after a long data chunk). */
const NEXT_BYTES = 4 * 1024;

/**
 * decodeWav's layout of a file read by range, its warnings about what follows the data included: the first bytes,
 * then only the chunk headers (and 'fmt ' body) the walk needs, never a data chunk's body. Throws decodeWav's WavError.
 */
export async function readWavLayout(src: ByteSource): Promise<WavLayout> {
  const spans: FileSpan[] = [];
  let next: ByteRange = { start: 0, end: Math.min(src.size, HEAD_BYTES) };
  for (;;) {
    spans.push({ at: next.start, bytes: await src.read(next.start, next.end) });
    const r = wholeWavLayout(spans, src.size);
    if ('format' in r) return r;
    next = { start: r.start, end: Math.min(src.size, Math.max(r.end, r.start + NEXT_BYTES)) };
  }
}

/** Opens a WAV for windowed reads; throws WavError for a file decodeWav would refuse. */
export async function openWav(src: ByteSource): Promise<WavReader> {
  const layout = await layoutOf(src);
  const { format, dataAt, frames } = layout;
  const readFrames = async (from: number, to: number): Promise<Float32Array> => {
    const a = Math.max(0, Math.min(frames, Math.floor(from)));
    const b = Math.max(a, Math.min(frames, Math.floor(to)));
    if (b === a) return new Float32Array(0);
    const bytes = await src.read(dataAt + a * format.blockAlign, dataAt + b * format.blockAlign);
    return decodeWavFrames(bytes, format);
  };
  return {
    sampleRateHz: format.sampleRateHz,
    frames,
    layout,
    readFrames,
    read: ({ fromS, seconds }) => {
      const from = Math.round(fromS * format.sampleRateHz);
      return readFrames(from, from + Math.round(seconds * format.sampleRateHz));
    },
  };
}

/**
 * All of a WAV's mono samples, read `chunkFrames` at a time into one array: the file's bytes are never all in
 * memory at once (only the samples and one chunk). `signal` stops it between chunks.
 */
export async function readAllFrames(
  wav: WavReader,
  chunkFrames: number,
  signal?: AbortSignal,
): Promise<Float32Array> {
  const out = new Float32Array(wav.frames);
  for (let f = 0; f < wav.frames; f += chunkFrames) {
    signal?.throwIfAborted();
    out.set(await wav.readFrames(f, f + chunkFrames), f);
  }
  return out;
}

/** A ByteSource over a Blob: each read is a slice, so a Blob kept on disk (IndexedDB's) is never read whole. */
export function blobSource(blob: Blob): ByteSource {
  return {
    size: blob.size,
    read: async (start, end) => new Uint8Array(await blob.slice(start, end).arrayBuffer()),
  };
}

/** A ByteSource over bytes in memory. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: async (start, end) => bytes.subarray(start, end) };
}
