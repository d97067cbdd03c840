// A WAV file converted for storage a slice at a time (1 MiB of the file, a few seconds of audio): the header is parsed
// from the first bytes, the data chunk is read in bounded slices, each mixed to mono and written as 16-bit PCM into a
// Blob built from parts, so no buffer ever holds the whole recording. The result is byte for byte the whole-file
// path's (decodeWav → encodeWav16).
import {
  decodeWavFrames,
  noRepairs,
  pcm16Bytes,
  repairWarnings,
  wav16Header,
  WavError,
} from '../core/audio/wav';
import { blobSource, readWavLayout, type ByteSource } from '../core/audio/wavReader';
import { QualityScan, type SignalQuality } from '../core/analysis/quality';

/** A WAV ready to store, and what the whole-file decode would have said about the file. */
export interface ConvertedWav {
  /** Mono 16-bit PCM WAV at the file's own rate. */
  wav: Blob;
  sampleRateHz: number;
  frames: number;
  /** decodeWav's warnings (header problems, then repaired samples), in its order. */
  warnings: string[];
  /** signalQuality over all of the decoded samples. */
  quality: SignalQuality;
}

export interface ConvertOptions {
  /** The most bytes of the file read at once (whole frames, at least one): the working set is this, decoded. */
  chunkBytes: number;
  /** Encoded bytes held before they are folded into the Blob (the Blob keeps them outside the JS heap). */
  flushBytes?: number;
  /** Called after each read; the largest read (bytes) is what tests bound. */
  onRead?: (bytes: number) => void;
  signal?: AbortSignal;
}

const DEFAULT_FLUSH_BYTES = 4 * 2 ** 20;

/**
 * Converts the WAV in `src` to the stored format (mono 16-bit, same rate) in slices of at most `chunkBytes`. Two
 * passes over the data: the first encodes and measures levels, the second the level around the mean (signal quality
 * needs both).
 * Throws decodeWav's WavError for a file it would refuse.
 */
export async function convertWav(src: ByteSource, opts: ConvertOptions): Promise<ConvertedWav> {
  const layout = await readWavLayout(src);
  const { format, dataAt, frames } = layout;
  const chunkFrames = Math.max(1, Math.floor(opts.chunkBytes / format.blockAlign));
  const read = async (from: number) => {
    opts.signal?.throwIfAborted();
    const to = Math.min(frames, from + chunkFrames);
    const bytes = await src.read(dataAt + from * format.blockAlign, dataAt + to * format.blockAlign);
    opts.onRead?.(bytes.length);
    return bytes;
  };
  const scan = new QualityScan(frames, format.sampleRateHz);
  const repairs = noRepairs();
  let wav = new Blob([wav16Header(frames, format.sampleRateHz)], { type: 'audio/wav' });
  let pending: Uint8Array<ArrayBuffer>[] = [];
  let pendingBytes = 0;
  const flush = () => {
    wav = new Blob([wav, ...pending], { type: 'audio/wav' });
    [pending, pendingBytes] = [[], 0];
  };
  for (let f = 0; f < frames; f += chunkFrames) {
    const samples = decodeWavFrames(await read(f), format, repairs);
    scan.addLevels(samples, f);
    const pcm = pcm16Bytes(samples);
    pending.push(pcm);
    pendingBytes += pcm.length;
    if (pendingBytes >= (opts.flushBytes ?? DEFAULT_FLUSH_BYTES)) flush();
  }
  flush();
  for (let f = 0; f < frames; f += chunkFrames) scan.addDeviations(decodeWavFrames(await read(f), format));
  return {
    wav,
    sampleRateHz: format.sampleRateHz,
    frames,
    warnings: [...layout.warnings, ...repairWarnings(repairs)],
    quality: scan.result(),
  };
}

/** What the page sends the import worker (import.worker.ts): the file, as a Blob (a handle, not its bytes). */
export interface ConvertRequest {
  id: number;
  file: Blob;
  chunkBytes: number;
}
/** The worker's answer to request `id`: the converted WAV, or why not (`wavError`: not a WAV it can read). */
export type ConvertReply = { id: number } & (
  { ok: true; converted: ConvertedWav } | { ok: false; wavError: boolean; message: string }
);

/** The import worker's whole job, independent of the worker global: one request in, one reply out, never a throw. */
export async function convertReply(req: ConvertRequest): Promise<ConvertReply> {
  try {
    return { id: req.id, ok: true, converted: await convertWav(blobSource(req.file), req) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { id: req.id, ok: false, wavError: e instanceof WavError, message };
  }
}
