// WAV files of every format the decoder reads, built for tests (the codec's and the chunked import's), with an
// optional extra chunk before the data.
import { concatBytes } from './pcm';

export interface BuildOpts {
  format: 'pcm' | 'float';
  bits: number;
  channels: number;
  rate?: number;
  extensible?: boolean;
  extraChunk?: { id: string; size: number };
}

export function riffChunk(id: string, body: Uint8Array): Uint8Array {
  const pad = body.length & 1;
  const out = new Uint8Array(8 + body.length + pad);
  for (let i = 0; i < 4; i++) out[i] = id.charCodeAt(i);
  new DataView(out.buffer).setUint32(4, body.length, true);
  out.set(body, 8);
  return out;
}

function fmtBody(o: BuildOpts): Uint8Array {
  const body = new Uint8Array(o.extensible ? 40 : 16);
  const v = new DataView(body.buffer);
  const tag = o.format === 'pcm' ? 1 : 3;
  const align = (o.channels * o.bits) / 8;
  v.setUint16(0, o.extensible ? 0xfffe : tag, true);
  v.setUint16(2, o.channels, true);
  v.setUint32(4, o.rate ?? 8000, true);
  v.setUint32(8, (o.rate ?? 8000) * align, true);
  v.setUint16(12, align, true);
  v.setUint16(14, o.bits, true);
  if (o.extensible) {
    v.setUint16(16, 22, true);
    v.setUint16(18, o.bits, true);
    v.setUint32(20, (1 << o.channels) - 1, true);
    v.setUint16(24, tag, true);
    body.set([0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71], 26);
  }
  return body;
}

function encodeSample(v: DataView, at: number, x: number, o: BuildOpts): void {
  if (o.format === 'float') {
    if (o.bits === 32) v.setFloat32(at, x, true);
    else v.setFloat64(at, x, true);
    return;
  }
  const full = 2 ** (o.bits - 1);
  const q = Math.max(-full, Math.min(full - 1, Math.round(x * full)));
  if (o.bits === 8) v.setUint8(at, q + 128);
  else if (o.bits === 16) v.setInt16(at, q, true);
  else if (o.bits === 32) v.setInt32(at, q, true);
  else {
    v.setUint8(at, q & 0xff);
    v.setUint8(at + 1, (q >> 8) & 0xff);
    v.setInt8(at + 2, q >> 16);
  }
}

/** Builds a WAV file whose channel c carries frames[f][c]. */
export function buildWav(o: BuildOpts, frames: number[][]): Uint8Array {
  const bps = o.bits / 8;
  const data = new Uint8Array(frames.length * o.channels * bps);
  const v = new DataView(data.buffer);
  frames.forEach((fr, f) => fr.forEach((x, c) => encodeSample(v, (f * o.channels + c) * bps, x, o)));
  const extra = o.extraChunk ? [riffChunk(o.extraChunk.id, new Uint8Array(o.extraChunk.size).fill(7))] : [];
  const body = concatBytes([
    new TextEncoder().encode('WAVE'),
    riffChunk('fmt ', fmtBody(o)),
    ...extra,
    riffChunk('data', data),
  ]);
  return concatBytes([riffChunk('RIFF', body)]);
}
