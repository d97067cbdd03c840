// SHA-256 against the FIPS 180-4 example vectors and against Node's crypto (allowed in tests only) on random inputs.
// eslint-disable-next-line auscult/boundaries -- the test compares against Node's crypto as an independent reference
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256Hex, sha256HexWebCrypto } from './sha256';

describe('sha256Hex', () => {
  it('matches the published test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(sha256Hex(new Uint8Array(1_000_000).fill(0x61))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('agrees with node:crypto on random inputs of every length around block boundaries', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(7), (bytes, offset) => {
        const shifted = new Uint8Array(bytes.length + offset);
        shifted.set(bytes, offset);
        const view = shifted.subarray(offset); // a view with a non-zero byteOffset
        expect(sha256Hex(view)).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same digest by Web Crypto, for whole buffers and for views', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), fc.nat(7), async (bytes, offset) => {
        const shifted = new Uint8Array(bytes.length + offset);
        shifted.set(bytes, offset);
        const view = shifted.subarray(offset);
        expect(await sha256HexWebCrypto(view)).toBe(sha256Hex(bytes));
        expect(await sha256HexWebCrypto(view.slice().buffer)).toBe(sha256Hex(bytes));
      }),
      { numRuns: 200 },
    );
  });
});
