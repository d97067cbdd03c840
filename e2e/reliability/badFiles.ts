// Malformed and suspicious audio files for the reliability tests (unit matrix and e2e), built in memory from a seed,
// each with what the app must do with it: reject it with a message, accept it with a warning, or accept it.
import { encodeWav16 } from '../../src/core/audio/wav';

export type Expectation =
  | { kind: 'reject'; message: RegExp }
  | { kind: 'warn'; warning: RegExp; durationSec: number }
  | { kind: 'accept'; durationSec: number };

export interface BadFile {
  id: string;
  /** What was tried, in words (goes into docs/reliability.md). */
  what: string;
  fileName: string;
  mimeType: string;
  bytes(): Uint8Array;
  expect: Expectation;
}

interface WavSpec {
  tag: number;
  channels: number;
  rateHz: number;
  bits: number;
  /** Frames × channels, interleaved; written as int16 (bits 16) or float32 (bits 32). */
  data: Float32Array;
}

/** A WAV file with any format tag, channel count and rate (the app's own encoder writes mono 16-bit only). */
export function buildWav(s: WavSpec): Uint8Array {
  const bytesPerSample = s.bits / 8;
  const dataSize = s.data.length * bytesPerSample;
  const out = new Uint8Array(44 + dataSize);
  const v = new DataView(out.buffer);
  const ascii = (at: number, t: string) => [...t].forEach((c, i) => (out[at + i] = c.charCodeAt(0)));
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + dataSize, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, s.tag, true);
  v.setUint16(22, s.channels, true);
  v.setUint32(24, s.rateHz, true);
  v.setUint32(28, s.rateHz * s.channels * bytesPerSample, true);
  v.setUint16(32, s.channels * bytesPerSample, true);
  v.setUint16(34, s.bits, true);
  ascii(36, 'data');
  v.setUint32(40, dataSize, true);
  for (let i = 0; i < s.data.length; i++) {
    if (s.bits === 32) v.setFloat32(44 + i * 4, s.data[i], true);
    else v.setInt16(44 + i * 2, Math.max(-32768, Math.min(32767, Math.round(s.data[i] * 32767))), true);
  }
  return out;
}

/**
 * A heart-like test signal: 60 Hz and 110 Hz tones gated at 75 beats/min, at the given peak amplitude. One beat
 * (0.8 s, a whole number of cycles of both tones) is computed and tiled, so an hour costs one copy per beat.
 */
export function heartLike(seconds: number, rateHz: number, amplitude = 0.5, offset = 0): Float32Array {
  const beat = new Float32Array(Math.round(0.8 * rateHz));
  for (let i = 0; i < beat.length; i++) {
    const t = i / rateHz;
    const phase = i / beat.length;
    const gate = phase < 0.12 || (phase > 0.4 && phase < 0.5) ? 1 : 0.05;
    beat[i] =
      offset +
      amplitude * gate * (0.7 * Math.sin(2 * Math.PI * 60 * t) + 0.3 * Math.sin(2 * Math.PI * 110 * t));
  }
  const out = new Float32Array(Math.round(seconds * rateHz));
  for (let at = 0; at < out.length; at += beat.length) out.set(beat.subarray(0, out.length - at), at);
  return out;
}

const RATE = 4000;
const wav = (samples: Float32Array, rateHz = RATE) => encodeWav16(samples, rateHz);

function interleave(mono: Float32Array, channels: number): Float32Array {
  const out = new Float32Array(mono.length * channels);
  for (let i = 0; i < mono.length; i++)
    for (let c = 0; c < channels; c++) out[i * channels + c] = mono[i] * (1 - c / 16);
  return out;
}

function withNonFinite(x: Float32Array): Float32Array {
  const out = x.slice();
  for (let i = 0; i < out.length; i += 997) out[i] = [NaN, Infinity, -Infinity][(i / 997) % 3];
  return out;
}

/** Deterministic bytes that start with no audio signature ("NOPE"), so no decoder can claim them. */
function randomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  out.set([0x4e, 0x4f, 0x50, 0x45], 0);
  return out;
}

function truncated(): Uint8Array {
  const full = wav(heartLike(4, RATE));
  return full.subarray(0, Math.floor(full.length / 2)).slice();
}

function corruptChunkSize(): Uint8Array {
  const bytes = wav(heartLike(2, RATE));
  new DataView(bytes.buffer).setUint32(16, 0x7fffffff, true); // 'fmt ' claims 2 GiB
  return bytes;
}

const clipped = () => heartLike(5, RATE, 4).map((x) => Math.max(-1, Math.min(1, x)));

/** One hour at the model rate, 16-bit mono: 28.8 MB on disk. */
export const ONE_HOUR_SEC = 3600;

export const BAD_FILES: readonly BadFile[] = [
  {
    id: 'truncated',
    what: 'WAV cut in half (data chunk longer than the file)',
    fileName: 'truncated.wav',
    mimeType: 'audio/wav',
    bytes: truncated,
    expect: { kind: 'reject', message: /not a readable WAV file.*truncated/ },
  },
  {
    id: 'corrupt',
    what: "WAV whose 'fmt ' chunk size is corrupted (2 GiB)",
    fileName: 'corrupt.wav',
    mimeType: 'audio/wav',
    bytes: corruptChunkSize,
    expect: { kind: 'reject', message: /not a readable WAV file.*bad chunk size/ },
  },
  {
    id: 'zero-length',
    what: 'empty file (0 bytes) named .wav',
    fileName: 'empty.wav',
    mimeType: 'audio/wav',
    bytes: () => new Uint8Array(0),
    expect: { kind: 'reject', message: /not a readable WAV file.*0 bytes/ },
  },
  {
    id: 'silence',
    what: '5 s of digital silence',
    fileName: 'silence.wav',
    mimeType: 'audio/wav',
    bytes: () => wav(new Float32Array(5 * RATE)),
    expect: { kind: 'warn', warning: /silent/, durationSec: 5 },
  },
  {
    id: 'dc-offset',
    what: '5 s heart-like signal on a +0.3 DC offset',
    fileName: 'dc-offset.wav',
    mimeType: 'audio/wav',
    bytes: () => wav(heartLike(5, RATE, 0.2, 0.3)),
    expect: { kind: 'warn', warning: /DC offset/, durationSec: 5 },
  },
  {
    id: 'clipping',
    what: '5 s heart-like signal driven 4× past full scale',
    fileName: 'clipped.wav',
    mimeType: 'audio/wav',
    bytes: () => wav(clipped()),
    expect: { kind: 'warn', warning: /clipped/, durationSec: 5 },
  },
  {
    id: 'nan-inf',
    what: '5 s float32 WAV with NaN, +Inf and −Inf samples',
    fileName: 'nan.wav',
    mimeType: 'audio/wav',
    bytes: () =>
      buildWav({ tag: 3, channels: 1, rateHz: RATE, bits: 32, data: withNonFinite(heartLike(5, RATE)) }),
    expect: { kind: 'warn', warning: /NaN\/Infinity sample\(s\) replaced by 0/, durationSec: 5 },
  },
  {
    id: 'one-hour',
    what: 'one hour, 16-bit mono at 4 kHz (28.8 MB)',
    fileName: 'one-hour.wav',
    mimeType: 'audio/wav',
    bytes: () => wav(heartLike(ONE_HOUR_SEC, RATE)),
    expect: { kind: 'accept', durationSec: ONE_HOUR_SEC },
  },
  {
    id: '192khz',
    what: '5 s at 192 kHz, 16-bit',
    fileName: 'hires-192k.wav',
    mimeType: 'audio/wav',
    bytes: () => wav(heartLike(5, 192_000), 192_000),
    expect: { kind: 'accept', durationSec: 5 },
  },
  {
    id: '8-channels',
    what: '5 s, 8 channels, 16-bit (mixed down to mono)',
    fileName: 'eight-channels.wav',
    mimeType: 'audio/wav',
    bytes: () =>
      buildWav({ tag: 1, channels: 8, rateHz: RATE, bits: 16, data: interleave(heartLike(5, RATE), 8) }),
    expect: { kind: 'accept', durationSec: 5 },
  },
  {
    id: 'codec-0x55',
    what: 'WAV with format tag 0x55 (MPEG layer 3 inside RIFF)',
    fileName: 'mp3-in-wav.wav',
    mimeType: 'audio/wav',
    bytes: () => buildWav({ tag: 0x55, channels: 1, rateHz: RATE, bits: 16, data: heartLike(2, RATE) }),
    expect: { kind: 'reject', message: /unsupported WAV format tag 0x55/ },
  },
  {
    id: 'random-mp3',
    what: '64 KiB of random bytes named .mp3',
    fileName: 'random.mp3',
    mimeType: 'audio/mpeg',
    bytes: () => randomBytes(65536, 9),
    expect: { kind: 'reject', message: /not a recognised audio format/ },
  },
  {
    id: 'text-as-wav',
    what: 'a text file renamed .wav',
    fileName: 'notes.wav',
    mimeType: 'audio/wav',
    bytes: () => new TextEncoder().encode('these are my notes, not audio\n'),
    expect: { kind: 'reject', message: /not a readable WAV file.*RIFF/ },
  },
];
