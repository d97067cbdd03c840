// The store-only zip round-trips bytes exactly, is deterministic, matches the standard CRC-32, and refuses damage.
import { describe, expect, it } from 'vitest';
import { crc32, readZip, writeZip } from './zip';

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

describe('store-only zip', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it('round-trips entries byte for byte, with UTF-8 names, and writes the same zip for the same files', () => {
    const entries = [
      { name: 'exam.json', bytes: new TextEncoder().encode('{"a":1}') },
      { name: 'recordings/01 mitral área.wav', bytes: bytes(100_000, 7) },
      { name: 'empty.txt', bytes: new Uint8Array() },
    ];
    const zip = writeZip(entries);
    expect(readZip(zip)).toEqual(entries);
    expect(writeZip(entries)).toEqual(zip);
    // stored: the archive is the files plus headers
    const nameBytes = entries.reduce((n, e) => n + new TextEncoder().encode(e.name).length, 0);
    expect(zip.length).toBe(100_007 + 3 * (30 + 46) + 22 + 2 * nameBytes);
  });

  it('refuses a damaged or foreign file with a message that says what is wrong', () => {
    const zip = writeZip([{ name: 'a.wav', bytes: bytes(64, 1) }]);
    const flipped = zip.slice();
    flipped[40] ^= 0xff;
    expect(() => readZip(flipped)).toThrow(/CRC mismatch/);
    expect(() => readZip(new TextEncoder().encode('RIFF....WAVE'))).toThrow(/not a zip file/);
  });
});
