// The PNG writer produces a valid file (signature, IHDR, CRC) that a PNG decoder would accept, and charts render.
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chartFromCsv, crc32, encodePng } from './png';

describe('png', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('encodes RGB pixels that inflate back to the filtered scanlines', () => {
    const rgb = Uint8Array.from({ length: 2 * 3 * 3 }, (_, i) => i * 10);
    const png = encodePng(3, 2, rgb);
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(3);
    const idatLen = png.readUInt32BE(33);
    expect(png.toString('ascii', 37, 41)).toBe('IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLen));
    expect([...raw]).toEqual([0, ...rgb.subarray(0, 9), 0, ...rgb.subarray(9)]);
  });

  it('draws a curves CSV with coloured pixels', () => {
    const png = chartFromCsv('step,loss,acc\n1,5,0.1\n2,4,0.3\n3,3.5,\n4,3,0.5\n', ['loss', 'acc']);
    const idatLen = png.readUInt32BE(33);
    const raw = inflateSync(png.subarray(41, 41 + idatLen));
    let blue = 0;
    for (let i = 0; i + 2 < raw.length; i++)
      if (raw[i] === 31 && raw[i + 1] === 119 && raw[i + 2] === 180) blue++;
    expect(blue).toBeGreaterThan(100);
  });
});
