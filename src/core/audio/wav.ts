// WAV (RIFF/WAVE) codec: decodes PCM 8/16/24/32-bit, float 32/64 and WAVE_FORMAT_EXTENSIBLE to a mono
// Float32Array in [-1, 1]; encodes mono 16-bit PCM. Every malformed input raises a WavError saying what is wrong.
// wavLayout reads only the header, so that wavReader.ts can decode a long file by range; wav16Header and pcm16Bytes
// build the same 16-bit file from parts.

/** Raised for any input that is not a WAV file this decoder can read; the message names the defect. */
export class WavError extends Error {
  override name = 'WavError';
}

export interface DecodedAudio {
  sampleRateHz: number;
  /** Channel count of the file (samples are always the mono mixdown). */
  channels: number;
  bitsPerSample: number;
  format: 'pcm' | 'float';
  /** Mono mixdown (average of channels), in [-1, 1]. */
  samples: Float32Array;
  /** Non-fatal problems worked around (NaN/Inf zeroed, floats clipped, partial frame dropped, bad blockAlign, junk). */
  warnings: string[];
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;
// Bytes 2..15 of the KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT GUIDs (the first two hold the format tag).
const SUBTYPE_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

/** A WAV file's sample format (blockAlign: bytes per frame, as channels × bits give it). */
export interface WavFormat {
  format: 'pcm' | 'float';
  channels: number;
  sampleRateHz: number;
  bitsPerSample: number;
  blockAlign: number;
}

function formatOf(view: DataView, at: number, size: number): 'pcm' | 'float' {
  let tag = view.getUint16(at, true);
  if (tag === FORMAT_EXTENSIBLE) {
    if (size < 40) throw new WavError(`WAVE_FORMAT_EXTENSIBLE fmt chunk is ${size} bytes; it needs 40`);
    const cbSize = view.getUint16(at + 16, true);
    if (cbSize < 22) throw new WavError(`WAVE_FORMAT_EXTENSIBLE cbSize is ${cbSize}; it needs at least 22`);
    tag = view.getUint16(at + 24, true);
    for (let i = 0; i < SUBTYPE_TAIL.length; i++) {
      if (view.getUint8(at + 26 + i) !== SUBTYPE_TAIL[i])
        throw new WavError(
          'unsupported WAVE_FORMAT_EXTENSIBLE sub-format GUID (only PCM and IEEE float are supported)',
        );
    }
  }
  if (tag === FORMAT_PCM) return 'pcm';
  if (tag === FORMAT_FLOAT) return 'float';
  throw new WavError(
    `unsupported WAV format tag 0x${tag.toString(16)} (only PCM, IEEE float and extensible are supported)`,
  );
}

function parseFmt(view: DataView, at: number, size: number, warnings: string[]): WavFormat {
  if (size < 16) throw new WavError(`fmt chunk is ${size} bytes; it needs at least 16`);
  const format = formatOf(view, at, size);
  const channels = view.getUint16(at + 2, true);
  const sampleRateHz = view.getUint32(at + 4, true);
  const blockAlign = view.getUint16(at + 12, true);
  const bitsPerSample = view.getUint16(at + 14, true);
  if (channels === 0) throw new WavError('fmt chunk declares 0 channels');
  if (sampleRateHz === 0) throw new WavError('fmt chunk declares a sample rate of 0 Hz');
  const okBits = format === 'pcm' ? [8, 16, 24, 32] : [32, 64];
  if (!okBits.includes(bitsPerSample))
    throw new WavError(`unsupported ${format} bit depth ${bitsPerSample} (supported: ${okBits.join(', ')})`);
  const frameBytes = (channels * bitsPerSample) / 8;
  if (blockAlign !== frameBytes) {
    // Some recorders (SPRSound's) write a wrong blockAlign but a byteRate that agrees with channels × bits: trust those two.
    const byteRate = view.getUint32(at + 8, true);
    if (byteRate !== sampleRateHz * frameBytes)
      throw new WavError(
        `fmt blockAlign is ${blockAlign}; ${channels} channel(s) × ${bitsPerSample} bits needs ${frameBytes}`,
      );
    warnings.push(
      `fmt blockAlign ${blockAlign} disagrees with channels × bits and byteRate; decoded with ${frameBytes}-byte frames`,
    );
  }
  return { format, channels, sampleRateHz, bitsPerSample, blockAlign: frameBytes };
}

type SampleReader = (view: DataView, at: number) => number;

function readerFor(fmt: WavFormat): SampleReader {
  if (fmt.format === 'float') {
    return fmt.bitsPerSample === 32 ? (v, a) => v.getFloat32(a, true) : (v, a) => v.getFloat64(a, true);
  }
  switch (fmt.bitsPerSample) {
    case 8:
      return (v, a) => (v.getUint8(a) - 128) / 128;
    case 16:
      return (v, a) => v.getInt16(a, true) / 32768;
    case 24:
      return (v, a) => (v.getUint8(a) | (v.getUint8(a + 1) << 8) | (v.getInt8(a + 2) << 16)) / 8388608;
    default:
      return (v, a) => v.getInt32(a, true) / 2147483648;
  }
}

/** Samples repaired while decoding (NaN/Infinity zeroed, floats outside [-1, 1] clipped), counted over many reads. */
export interface SampleRepairs {
  nonFinite: number;
  clipped: number;
}

export const noRepairs = (): SampleRepairs => ({ nonFinite: 0, clipped: 0 });

/** The warnings decodeWav gives for `r` (none when nothing was repaired). */
export function repairWarnings(r: SampleRepairs): string[] {
  const out: string[] = [];
  if (r.nonFinite > 0) out.push(`${r.nonFinite} NaN/Infinity sample(s) replaced by 0`);
  if (r.clipped > 0) out.push(`${r.clipped} float sample(s) outside [-1, 1] clipped`);
  return out;
}

/** Mono mixdown of `frames` frames starting at byte `at` of `view`; counts repaired samples into `repairs`. */
function decodeFrames(
  view: DataView,
  at: number,
  frames: number,
  fmt: WavFormat,
  repairs: SampleRepairs,
): Float32Array {
  const read = readerFor(fmt);
  const bytesPerSample = fmt.bitsPerSample / 8;
  const out = new Float32Array(frames);
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    const base = at + f * fmt.blockAlign;
    for (let c = 0; c < fmt.channels; c++) {
      let x = read(view, base + c * bytesPerSample);
      if (!Number.isFinite(x)) {
        x = 0;
        repairs.nonFinite++;
      } else if (x > 1 || x < -1) {
        x = x > 1 ? 1 : -1;
        repairs.clipped++;
      }
      sum += x;
    }
    out[f] = sum / fmt.channels;
  }
  return out;
}

/**
 * Mono mixdown of whole frames held in `bytes` (a byte range of a data chunk that starts on a frame boundary): the
 * same samples decodeWav gives for those frames. Repairs (NaN zeroed, floats clipped) are counted into `repairs`.
 */
export function decodeWavFrames(
  bytes: Uint8Array,
  fmt: WavFormat,
  repairs: SampleRepairs = noRepairs(),
): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return decodeFrames(view, 0, Math.floor(bytes.length / fmt.blockAlign), fmt, repairs);
}

/** Bytes of a file known so far: the file's bytes from offset `at` (a prefix when `at` is 0). */
export interface FileSpan {
  at: number;
  bytes: Uint8Array;
}
/** A byte range [start, end) of the file that a chunk walk needs next. */
export interface ByteRange {
  start: number;
  end: number;
}

/** A view of the file's bytes [pos, pos + len) with the offset of `pos` in it, or null when no span holds them. */
function viewAt(spans: readonly FileSpan[], pos: number, len: number): [DataView, number] | null {
  for (const { at, bytes } of spans)
    if (pos >= at && pos + len <= at + bytes.length)
      return [new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), pos - at];
  return null;
}

function fourcc(view: DataView, at: number): string {
  return String.fromCharCode(...[0, 1, 2, 3].map((i) => view.getUint8(at + i)));
}

interface Chunks {
  fmt: WavFormat | null;
  dataAt: number;
  dataSize: number;
  warnings: string[];
  /** The walk stopped because the spans did not hold this range, the next thing it had to read. */
  need: ByteRange | null;
}

/** Walks the chunks of a file of `fileBytes` bytes, of which `spans` are known (all of it, a prefix, or pieces). */
function walkChunks(spans: readonly FileSpan[], fileBytes: number): Chunks {
  const found: Chunks = { fmt: null, dataAt: -1, dataSize: 0, warnings: [], need: null };
  let pos = 12;
  while (pos + 8 <= fileBytes) {
    const head = viewAt(spans, pos, 8);
    if (!head) {
      found.need = { start: pos, end: pos + 8 };
      break;
    }
    const id = fourcc(head[0], head[1]);
    const size = head[0].getUint32(head[1] + 4, true);
    const body = pos + 8;
    const remaining = fileBytes - body;
    if (found.fmt !== null && found.dataAt >= 0 && size > remaining) {
      // Many recorders leave junk after the audio; once fmt and data are read it cannot hurt them.
      found.warnings.push(
        `ignored ${fileBytes - pos} trailing byte(s) after the data chunk that do not form a valid chunk`,
      );
      break;
    }
    if (id === 'data') {
      if (size > remaining)
        throw new WavError(
          `data chunk declares ${size} bytes but only ${remaining} remain: the file is truncated`,
        );
      if (found.dataAt < 0) Object.assign(found, { dataAt: body, dataSize: size });
    } else if (size > remaining) {
      throw new WavError(
        `bad chunk size: '${id}' chunk at byte ${pos} declares ${size} bytes but only ${remaining} remain`,
      );
    } else if (id === 'fmt ' && found.fmt === null) {
      const fmt = viewAt(spans, body, size);
      if (!fmt) {
        found.need = { start: body, end: body + size };
        break;
      }
      found.fmt = parseFmt(fmt[0], fmt[1], size, found.warnings);
    }
    pos = body + size + (size & 1); // chunks are padded to even length; a missing final pad byte is tolerated
  }
  return found;
}

/** Where a WAV file's samples lie: the format, the first frame's byte offset and the number of whole frames. */
export interface WavLayout {
  format: WavFormat;
  dataAt: number;
  frames: number;
  /** Non-fatal problems found in the header (bad blockAlign, partial last frame, trailing junk). */
  warnings: string[];
}

/**
 * The layout from what is known of a file of `fileBytes` bytes, or the byte range to read next. `whole`: walk every
 * chunk to the end, as decodeWav does (its warnings about trailing junk included); otherwise stop once the 'fmt ' and
 * 'data' chunks are found where the spans end.
 */
function layoutOf(spans: readonly FileSpan[], fileBytes: number, whole: boolean): WavLayout | ByteRange {
  if (fileBytes < 12)
    throw new WavError(`truncated header: ${fileBytes} bytes, a WAV file needs at least 12`);
  const top = viewAt(spans, 0, 12);
  if (!top) return { start: 0, end: 12 };
  const riff = fourcc(top[0], top[1]);
  if (riff !== 'RIFF') {
    const hint = riff === 'RIFX' || riff === 'RF64' ? ` (${riff} is not supported)` : '';
    throw new WavError(`not a WAV file: missing 'RIFF' signature${hint}`);
  }
  if (fourcc(top[0], top[1] + 8) !== 'WAVE')
    throw new WavError("not a WAV file: RIFF form type is not 'WAVE'");
  const { fmt, dataAt, dataSize, warnings, need } = walkChunks(spans, fileBytes);
  if (need && (whole || fmt === null || dataAt < 0)) return need;
  if (fmt === null) throw new WavError("no 'fmt ' chunk found (truncated header or not a WAV file)");
  if (dataAt < 0) throw new WavError("no 'data' chunk found: zero samples");
  const frames = Math.floor(dataSize / fmt.blockAlign);
  if (frames === 0)
    throw new WavError(
      `data chunk holds ${dataSize} bytes: zero samples (one frame is ${fmt.blockAlign} bytes)`,
    );
  if (dataSize % fmt.blockAlign !== 0)
    warnings.push(
      `data chunk size ${dataSize} is not a multiple of the ${fmt.blockAlign}-byte frame; dropped the partial frame`,
    );
  return { format: fmt, dataAt, frames, warnings };
}

/**
 * The layout of a WAV file read from its first bytes: `head` is a prefix of the file (or all of it) and `fileBytes`
 * the file's size. Null when the prefix ends before both the 'fmt ' and the 'data' chunk were found: read more bytes
 * and call again. Throws WavError for anything malformed or unsupported, as decodeWav does.
 */
export function wavLayout(head: Uint8Array, fileBytes: number): WavLayout | null {
  const r = layoutOf([{ at: 0, bytes: head }], fileBytes, false);
  return 'format' in r ? r : null;
}

/**
 * decodeWav's layout of a file of which `spans` are known, warnings included, or the byte range to read next
 * (a chunk header or the 'fmt ' body: never a data chunk's body). Throws the WavError decodeWav throws.
 */
export function wholeWavLayout(spans: readonly FileSpan[], fileBytes: number): WavLayout | ByteRange {
  return layoutOf(spans, fileBytes, true);
}

/** Decodes a WAV file to a mono Float32Array. Throws WavError for anything malformed or unsupported. */
export function decodeWav(bytes: Uint8Array): DecodedAudio {
  const layout = wavLayout(bytes, bytes.length);
  if (layout === null) throw new WavError('truncated header'); // unreachable: the whole file was given
  const { format: fmt, dataAt, frames, warnings } = layout;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const repairs = noRepairs();
  const samples = decodeFrames(view, dataAt, frames, fmt, repairs);
  warnings.push(...repairWarnings(repairs));
  const { sampleRateHz, channels, bitsPerSample, format } = fmt;
  return { sampleRateHz, channels, bitsPerSample, format, samples, warnings };
}

/** The 44-byte header of a mono 16-bit PCM WAV file holding `frames` samples at `sampleRateHz`. */
export function wav16Header(frames: number, sampleRateHz: number): Uint8Array<ArrayBuffer> {
  if (!(sampleRateHz > 0) || !Number.isInteger(sampleRateHz))
    throw new RangeError(`sampleRateHz must be a positive integer, got ${sampleRateHz}`);
  const dataSize = frames * 2;
  const bytes = new Uint8Array(44);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, s: string) => {
    for (let i = 0; i < 4; i++) bytes[at + i] = s.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataSize, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, FORMAT_PCM, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRateHz, true);
  view.setUint32(28, sampleRateHz * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataSize, true);
  return bytes;
}

/** Writes `samples` as 16-bit little-endian PCM from byte `at` of `view`; values are clipped to [-1, 1], NaN is 0. */
function writePcm16(view: DataView, at: number, samples: Float32Array): void {
  for (let i = 0; i < samples.length; i++) {
    const x = samples[i];
    const v = Number.isNaN(x) ? 0 : Math.round(Math.max(-1, Math.min(1, x)) * 32768);
    view.setInt16(at + i * 2, Math.min(32767, v), true);
  }
}

/** The data bytes encodeWav16 writes for `samples` (a piece of a WAV built from parts after wav16Header). */
export function pcm16Bytes(samples: Float32Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(samples.length * 2);
  writePcm16(new DataView(bytes.buffer), 0, samples);
  return bytes;
}

/** Encodes mono samples as a 16-bit PCM WAV file; values are clipped to [-1, 1]. */
export function encodeWav16(samples: Float32Array, sampleRateHz: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(44 + samples.length * 2);
  bytes.set(wav16Header(samples.length, sampleRateHz));
  writePcm16(new DataView(bytes.buffer), 44, samples);
  return bytes;
}
