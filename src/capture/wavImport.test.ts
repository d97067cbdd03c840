// The chunked WAV import against the whole-file path it replaces (decodeWav → encodeWav16, decodeWav's warnings,
// signalQuality over all samples): identical stored bytes for the dataset fixtures and for built files of every
// format, every read of the data at most the chunk size, and the same WavError messages for corrupt and truncated
// files.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { signalQuality } from '../core/analysis/quality';
import { buildWav, riffChunk, type BuildOpts } from '../core/audio/fixtures';
import { concatBytes } from '../core/audio/pcm';
import { decodeWav, encodeWav16 } from '../core/audio/wav';
import { bytesSource, type ByteSource } from '../core/audio/wavReader';
import { convertReply, convertWav, type ConvertedWav } from './wavImport';

const root =
  process.env.AUSCULT_FIXTURES ?? path.resolve(import.meta.dirname, '../../../shared/data/fixtures');

function wavFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return wavFiles(p);
    return f.toLowerCase().endsWith('.wav') ? [p] : [];
  });
}

/** What the whole-file import stored and said: decodeWav, encodeWav16, decodeWav's warnings, signalQuality. */
function wholeFile(bytes: Uint8Array) {
  const d = decodeWav(bytes);
  return {
    wav: encodeWav16(d.samples, d.sampleRateHz),
    sampleRateHz: d.sampleRateHz,
    frames: d.samples.length,
    warnings: d.warnings,
    quality: signalQuality(d.samples, d.sampleRateHz),
  };
}

/** A byte source that records the size of every read. */
function counting(bytes: Uint8Array): ByteSource & { reads: number[] } {
  const reads: number[] = [];
  return { size: bytes.length, reads, read: async (a, b) => (reads.push(b - a), bytes.slice(a, b)) };
}

/** Converts chunked and checks it against the whole-file path; returns the largest read after the header's. */
async function expectSameAsWhole(bytes: Uint8Array, chunkBytes: number, name: string): Promise<number> {
  const src = counting(bytes);
  const got: ConvertedWav = await convertWav(src, { chunkBytes, flushBytes: 64 * 1024 });
  const want = wholeFile(bytes);
  const stored = new Uint8Array(await got.wav.arrayBuffer());
  expect(stored.length, name).toBe(want.wav.length);
  expect(Buffer.from(stored).equals(Buffer.from(want.wav)), `${name}: stored bytes`).toBe(true);
  expect(got.wav.type).toBe('audio/wav');
  expect({ ...got, wav: null }, name).toEqual({ ...want, wav: null });
  return Math.max(...src.reads.slice(1));
}

const ramp = (n: number, channels: number, scale = 0.9) =>
  Array.from({ length: n }, (_, f) =>
    Array.from({ length: channels }, (_, c) => Math.sin(0.3 * f + c) * scale + 0.02 * Math.sin(0.001 * f)),
  );

describe('convertWav (chunked import) equals the whole-file import', () => {
  it('for every dataset fixture WAV, in chunks that do not divide the file', async () => {
    const files = wavFiles(root);
    expect(files.length).toBeGreaterThan(50);
    let warned = 0;
    for (const f of files) {
      const bytes = readFileSync(f);
      await expectSameAsWhole(bytes, 10_007, f);
      if (decodeWav(bytes).warnings.length > 0) warned++;
    }
    console.log(`chunked import: ${files.length} fixture WAVs stored identically (${warned} with warnings)`);
  });

  const formats: BuildOpts[] = [
    { format: 'pcm', bits: 8, channels: 1 },
    { format: 'pcm', bits: 16, channels: 2 },
    { format: 'pcm', bits: 24, channels: 2 },
    { format: 'pcm', bits: 24, channels: 1 },
    { format: 'pcm', bits: 32, channels: 3 },
    { format: 'float', bits: 32, channels: 2 },
    { format: 'float', bits: 64, channels: 1 },
    { format: 'pcm', bits: 24, channels: 6, extensible: true },
    { format: 'pcm', bits: 16, channels: 1, extraChunk: { id: 'LIST', size: 5 } },
    { format: 'pcm', bits: 16, channels: 2, extraChunk: { id: 'LIST', size: 100 * 1024 } },
  ];
  for (const o of formats) {
    it(`for ${o.format} ${o.bits}-bit ×${o.channels}${o.extensible ? ' extensible' : ''}${o.extraChunk ? ` with a ${o.extraChunk.size}-byte chunk first` : ''} at 44.1 kHz`, async () => {
      const bytes = buildWav({ ...o, rate: 44_100 }, ramp(44_100 * 3 + 17, o.channels));
      const maxRead = await expectSameAsWhole(bytes, 20_001, 'built');
      expect(maxRead).toBeLessThanOrEqual(20_001);
      expect(maxRead).toBeGreaterThan(20_001 - (o.channels * o.bits) / 8);
    });
  }

  it('counts repaired float samples over all chunks, as one warning each, and flags clipping and DC', async () => {
    const frames = ramp(20_000, 2, 1.2).map((fr, f) => (f % 997 === 0 ? [NaN, Infinity] : fr));
    const bytes = buildWav({ format: 'float', bits: 32, channels: 2, rate: 8000 }, frames);
    await expectSameAsWhole(bytes, 6403, 'repairs');
    const got = await convertWav(bytesSource(bytes), { chunkBytes: 6403 });
    expect(got.warnings).toEqual([
      '42 NaN/Infinity sample(s) replaced by 0',
      expect.stringMatching(/^\d+ float/),
    ]);
    expect(got.quality.issues).toContain('clipping');
  });

  it('keeps the header warnings: wrong blockAlign, partial frame, junk and chunks after the data', async () => {
    const good = buildWav({ format: 'pcm', bits: 16, channels: 2, rate: 8000 }, ramp(30_000, 2));
    const badAlign = good.slice();
    new DataView(badAlign.buffer).setUint16(32, 6, true);
    const partial = good.slice();
    new DataView(partial.buffer).setUint32(40, 30_000 * 4 - 2, true);
    const junk = concatBytes([good, Uint8Array.from([1, 2, 3, 4, 0xff, 0xff, 0xff, 0x7f, 9])]);
    const tail = concatBytes([
      good,
      riffChunk('LIST', new Uint8Array(10)),
      riffChunk('id3 ', new Uint8Array(3)),
    ]);
    for (const [name, bytes] of Object.entries({ badAlign, partial, junk, tail })) {
      await expectSameAsWhole(bytes, 9601, name);
      if (name !== 'tail') expect(decodeWav(bytes).warnings.length, name).toBe(1);
    }
  });

  it('reads a 10-minute 44.1 kHz stereo file 1 MiB (6 s) at a time', async () => {
    const rate = 44_100;
    const frames = rate * 600;
    const bytes = new Uint8Array(44 + frames * 4);
    bytes.set(buildWav({ format: 'pcm', bits: 16, channels: 2, rate }, []).subarray(0, 44));
    const v = new DataView(bytes.buffer);
    v.setUint32(4, 36 + frames * 4, true);
    v.setUint32(40, frames * 4, true);
    for (let i = 0; i < frames * 2; i++) v.setInt16(44 + i * 2, Math.round(8000 * Math.sin(i * 0.001)), true);
    const maxRead = await expectSameAsWhole(bytes, 2 ** 20, '10 minutes');
    console.log(
      `10-minute stereo file (${(bytes.length / 1e6).toFixed(1)} MB): largest data read ${maxRead} bytes`,
    );
    expect(maxRead).toBe(2 ** 20);
  });
});

describe('convertReply (the import worker) refuses what decodeWav refuses, with the same message', () => {
  const good = () => buildWav({ format: 'pcm', bits: 16, channels: 1, rate: 8000 }, ramp(10, 1));
  const patched = (at: number, u32: number) => {
    const b = good();
    new DataView(b.buffer).setUint32(at, u32, true);
    return b;
  };
  const rifx = good();
  rifx.set([0x52, 0x49, 0x46, 0x58], 0);
  const bad: Record<string, Uint8Array> = {
    empty: new Uint8Array(0),
    'short header': good().slice(0, 11),
    'cut fmt': good().slice(0, 20),
    'no fmt': good().slice(0, 12),
    'no data': good().slice(0, 36),
    'truncated data': good().slice(0, good().length - 3),
    RIFX: rifx,
    'zero rate': patched(24, 0),
    'fmt too small': patched(16, 14),
    'no samples': buildWav({ format: 'pcm', bits: 16, channels: 1 }, []),
  };
  for (const [name, bytes] of Object.entries(bad)) {
    it(name, async () => {
      let message = '';
      try {
        decodeWav(bytes);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).not.toBe('');
      const reply = await convertReply({ id: 7, file: new Blob([bytes.slice()]), chunkBytes: 4096 });
      expect(reply).toEqual({ id: 7, ok: false, wavError: true, message });
    });
  }

  it('converts a Blob (the File the page sends) to the same bytes', async () => {
    const bytes = buildWav({ format: 'pcm', bits: 24, channels: 2, rate: 48_000 }, ramp(50_000, 2));
    const reply = await convertReply({ id: 7, file: new Blob([bytes.slice()]), chunkBytes: 10_000 });
    if (!reply.ok) throw new Error(reply.message);
    expect(new Uint8Array(await reply.converted.wav.arrayBuffer())).toEqual(wholeFile(bytes).wav);
  });
});
