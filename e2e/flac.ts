// A minimal FLAC encoder for tests: mono 16-bit PCM in VERBATIM subframes (lossless, uncompressed), so an import
// test can hand the browser a real FLAC file made from a WAV fixture without any codec installed. Written from the
// FLAC format specification (RFC 9639): STREAMINFO, fixed-blocksize frames, CRC-8 header and CRC-16 frame checks.

const BLOCK = 4096;

class Bits {
  private readonly bytes: number[] = [];
  private acc = 0;
  private n = 0;

  /** Appends the low `width` bits of `value` (width ≤ 32), most significant first. */
  put(value: number, width: number): void {
    for (let i = width - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | (Math.floor(value / 2 ** i) & 1);
      if (++this.n === 8) {
        this.bytes.push(this.acc);
        this.acc = 0;
        this.n = 0;
      }
    }
  }

  /** Zero-pads to a byte boundary and returns everything written. */
  done(): number[] {
    if (this.n > 0) this.put(0, 8 - this.n);
    return this.bytes;
  }
}

function crc8(bytes: number[]): number {
  let c = 0;
  for (const b of bytes) {
    c ^= b;
    for (let i = 0; i < 8; i++) c = c & 0x80 ? ((c << 1) ^ 0x07) & 0xff : (c << 1) & 0xff;
  }
  return c;
}

function crc16(bytes: number[]): number {
  let c = 0;
  for (const b of bytes) {
    c ^= b << 8;
    for (let i = 0; i < 8; i++) c = c & 0x8000 ? ((c << 1) ^ 0x8005) & 0xffff : (c << 1) & 0xffff;
  }
  return c;
}

/** The frame number in FLAC's UTF-8-like coding (up to 2^16 frames here). */
function codedNumber(n: number): number[] {
  if (n < 0x80) return [n];
  if (n < 0x800) return [0xc0 | (n >> 6), 0x80 | (n & 0x3f)];
  if (n < 0x10000) return [0xe0 | (n >> 12), 0x80 | ((n >> 6) & 0x3f), 0x80 | (n & 0x3f)];
  throw new Error('flac: too many frames for this test encoder');
}

/** Float samples in [-1, 1] → the 16-bit integers a 16-bit WAV holds (the FLAC file stores exactly these). */
export function toInt16(samples: Float32Array): Int16Array {
  return Int16Array.from(samples, (s) => Math.max(-32768, Math.min(32767, Math.round(s * 32768))));
}

/** A mono 16-bit FLAC file holding `pcm` at `sampleRateHz`. */
export function encodeFlac16(pcm: Int16Array, sampleRateHz: number): Uint8Array {
  if (sampleRateHz <= 0 || sampleRateHz >= 2 ** 20) throw new Error(`flac: sample rate ${sampleRateHz} Hz`);
  const out: number[] = [0x66, 0x4c, 0x61, 0x43]; // "fLaC"
  const info = new Bits();
  info.put(1, 1); // last metadata block
  info.put(0, 7); // STREAMINFO
  info.put(34, 24);
  info.put(Math.min(BLOCK, Math.max(16, pcm.length)), 16); // minimum block size (the last block may be shorter)
  info.put(BLOCK, 16);
  info.put(0, 24); // minimum / maximum frame size unknown
  info.put(0, 24);
  info.put(sampleRateHz, 20);
  info.put(0, 3); // 1 channel
  info.put(15, 5); // 16 bits per sample
  info.put(pcm.length, 36);
  for (let i = 0; i < 4; i++) info.put(0, 32); // MD5 not computed (all zero is allowed)
  out.push(...info.done());
  for (let frame = 0, start = 0; start < pcm.length; frame++, start += BLOCK) {
    const n = Math.min(BLOCK, pcm.length - start);
    const head = new Bits();
    head.put(0b11111111111110, 14); // sync
    head.put(0, 1);
    head.put(0, 1); // fixed block size
    head.put(0b0111, 4); // block size - 1 in 16 bits after the frame number
    head.put(0, 4); // sample rate from STREAMINFO
    head.put(0, 4); // mono
    head.put(0b100, 3); // 16 bits per sample
    head.put(0, 1);
    const header = [...head.done(), ...codedNumber(frame), (n - 1) >> 8, (n - 1) & 0xff];
    header.push(crc8(header));
    const body = new Bits();
    body.put(0, 1);
    body.put(0b000001, 6); // VERBATIM subframe
    body.put(0, 1); // no wasted bits
    for (let i = 0; i < n; i++) body.put(pcm[start + i] & 0xffff, 16);
    const frameBytes = [...header, ...body.done()];
    const crc = crc16(frameBytes);
    out.push(...frameBytes, crc >> 8, crc & 0xff);
  }
  return Uint8Array.from(out);
}
