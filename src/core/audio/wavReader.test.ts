// Tests of windowed WAV reads: the bytes read stay bounded by what was asked, and the samples equal a whole-file
// decodeWav over the same range (max |Δ| printed); headers behind large metadata chunks; errors as decodeWav's.
import { describe, expect, it } from 'vitest';
import { concatBytes } from './pcm';
import { decodeWav, encodeWav16, WavError } from './wav';
import { blobSource, bytesSource, openWav, readAllFrames, type ByteSource } from './wavReader';

/** A byte source that counts what it was asked for. */
function counting(bytes: Uint8Array): ByteSource & { bytesRead: number; reads: number } {
  const src = {
    size: bytes.length,
    bytesRead: 0,
    reads: 0,
    async read(start: number, end: number) {
      src.bytesRead += end - start;
      src.reads++;
      return bytes.slice(start, end);
    },
  };
  return src;
}

function tone(n: number, rateHz: number): Float32Array {
  return Float32Array.from(
    { length: n },
    (_, i) => 0.6 * Math.sin((2 * Math.PI * 97 * i) / rateHz) + 0.1 * Math.sin(i),
  );
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** A 24-bit stereo WAV with a 100 KiB LIST chunk before the data (the header is past the first 64 KiB). */
function stereo24WithMetadata(frames: number, rateHz: number): Uint8Array {
  const chunk = (id: string, body: Uint8Array) => {
    const out = new Uint8Array(8 + body.length + (body.length & 1));
    for (let i = 0; i < 4; i++) out[i] = id.charCodeAt(i);
    new DataView(out.buffer).setUint32(4, body.length, true);
    out.set(body, 8);
    return out;
  };
  const fmt = new Uint8Array(16);
  const f = new DataView(fmt.buffer);
  f.setUint16(0, 1, true);
  f.setUint16(2, 2, true);
  f.setUint32(4, rateHz, true);
  f.setUint32(8, rateHz * 6, true);
  f.setUint16(12, 6, true);
  f.setUint16(14, 24, true);
  const data = new Uint8Array(frames * 6);
  const d = new DataView(data.buffer);
  const x = tone(frames * 2, rateHz);
  for (let i = 0; i < frames * 2; i++) {
    const q = Math.round(x[i] * 8388607);
    d.setUint8(i * 3, q & 0xff);
    d.setUint8(i * 3 + 1, (q >> 8) & 0xff);
    d.setInt8(i * 3 + 2, q >> 16);
  }
  const body = concatBytes([
    new Uint8Array([0x57, 0x41, 0x56, 0x45]), // WAVE
    chunk('LIST', new Uint8Array(100 * 1024)),
    chunk('fmt ', fmt),
    chunk('data', data),
  ]);
  const riff = chunk('RIFF', body);
  return riff;
}

describe('openWav', () => {
  it('reads a window of a 10-minute file from the header and that range only, equal to a whole decode', async () => {
    const rate = 4000;
    const bytes = encodeWav16(tone(600 * rate, rate), rate);
    const whole = decodeWav(bytes).samples;
    const src = counting(bytes);
    const wav = await openWav(src);
    expect(wav.sampleRateHz).toBe(rate);
    expect(wav.frames).toBe(whole.length);
    const headerBytes = src.bytesRead;
    const got = await wav.read({ fromS: 312.5, seconds: 10.24 });
    const from = Math.round(312.5 * rate);
    const diff = maxAbsDiff(got, whole.subarray(from, from + Math.round(10.24 * rate)));
    console.log(
      `wav window: header read ${headerBytes} B, window read ${src.bytesRead - headerBytes} B of ${bytes.length} B; max |Δ| ${diff}`,
    );
    expect(diff).toBe(0);
    expect(headerBytes).toBeLessThanOrEqual(64 * 1024);
    expect(src.bytesRead - headerBytes).toBe(Math.round(10.24 * rate) * 2);
  });

  it('finds a header behind a large metadata chunk and decodes 24-bit stereo windows exactly', async () => {
    const rate = 8000;
    const bytes = stereo24WithMetadata(30 * rate, rate);
    const whole = decodeWav(bytes).samples;
    const src = counting(bytes);
    const wav = await openWav(src);
    expect(wav.layout.format).toMatchObject({ channels: 2, bitsPerSample: 24, blockAlign: 6 });
    const headerBytes = src.bytesRead;
    expect(headerBytes).toBeLessThan(bytes.length / 2);
    let worst = 0;
    for (const fromS of [0, 7.3, 25]) {
      const got = await wav.read({ fromS, seconds: 5 });
      const from = Math.round(fromS * rate);
      worst = Math.max(worst, maxAbsDiff(got, whole.subarray(from, Math.min(whole.length, from + 5 * rate))));
    }
    console.log(`wav 24-bit stereo windows: header read ${headerBytes} B; max |Δ| ${worst}`);
    expect(worst).toBe(0);
    expect(src.bytesRead - headerBytes).toBe((5 + 5 + 5) * rate * 6);
  });

  it('clamps ranges to the file and reads nothing for an empty one', async () => {
    const bytes = encodeWav16(tone(1000, 4000), 4000);
    const src = counting(bytes);
    const wav = await openWav(src);
    const reads = src.reads;
    expect((await wav.read({ fromS: 0.2, seconds: 10 })).length).toBe(200);
    expect((await wav.readFrames(-50, 10)).length).toBe(10);
    expect((await wav.read({ fromS: 5, seconds: 1 })).length).toBe(0);
    expect(src.reads).toBe(reads + 2);
  });

  it('reads a whole file chunk by chunk into the same samples as decodeWav', async () => {
    const bytes = encodeWav16(tone(123_457, 8000), 8000);
    const src = counting(bytes);
    const all = await readAllFrames(await openWav(src), 10_000);
    expect(maxAbsDiff(all, decodeWav(bytes).samples)).toBe(0);
    expect(src.reads).toBe(1 + 13);
  });

  it('reads a Blob by slices into the same samples as decodeWav', async () => {
    const bytes = encodeWav16(tone(50_000, 8000), 8000);
    const blob = new Blob([bytes.slice().buffer], { type: 'audio/wav' });
    const sliced: [number, number][] = [];
    const slice = blob.slice.bind(blob);
    blob.slice = (start?: number, end?: number) => (
      sliced.push([start ?? 0, end ?? blob.size]),
      slice(start, end)
    );
    const wav = await openWav(blobSource(blob));
    const got = await wav.read({ fromS: 2, seconds: 1 });
    expect(maxAbsDiff(got, decodeWav(bytes).samples.subarray(16_000, 24_000))).toBe(0);
    expect(sliced).toEqual([
      [0, 64 * 1024],
      [44 + 16_000 * 2, 44 + 24_000 * 2],
    ]);
  });

  it('refuses what decodeWav refuses, with the same WavError', async () => {
    const bad = new Uint8Array(encodeWav16(tone(100, 4000), 4000));
    bad[0] = 0x58;
    await expect(openWav(bytesSource(bad))).rejects.toThrow(WavError);
    await expect(openWav(bytesSource(bad))).rejects.toThrow(/missing 'RIFF'/);
    const truncated = encodeWav16(tone(100, 4000), 4000).subarray(0, 100);
    expect(() => decodeWav(truncated)).toThrow(/truncated/);
    await expect(openWav(bytesSource(truncated))).rejects.toThrow(/truncated/);
  });
});
