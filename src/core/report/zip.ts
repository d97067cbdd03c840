// A store-only ZIP writer and reader (no compression: WAV audio barely compresses, and stored entries keep every
// file byte-identical), with CRC-32 checks, UTF-8 names and a fixed timestamp so the same files give the same zip.
import { concatBytes } from '../audio/pcm';

export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const UTF8_FLAG = 0x0800;
/** 1980-01-01 00:00 in MS-DOS date/time: archives do not depend on when they were written. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const MAX_32 = 0xffffffff;

export function writeZip(entries: readonly ZipEntry[]): Uint8Array {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = enc.encode(e.name);
    const crc = crc32(e.bytes);
    if (e.bytes.length >= MAX_32 || offset >= MAX_32)
      throw new Error('The archive is over 4 GB (ZIP64 is not supported).');
    const local = header(30, name, (v) => {
      v.setUint32(0, LOCAL, true);
      v.setUint16(4, 20, true);
      fields(v, 6, crc, e.bytes.length, name.length);
    });
    central.push(
      header(46, name, (v) => {
        v.setUint32(0, CENTRAL, true);
        v.setUint16(4, 20, true);
        v.setUint16(6, 20, true);
        fields(v, 8, crc, e.bytes.length, name.length);
        v.setUint32(42, offset, true);
      }),
    );
    parts.push(local, e.bytes);
    offset += local.length + e.bytes.length;
  }
  const dirSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const v = new DataView(end.buffer);
  v.setUint32(0, END, true);
  v.setUint16(8, entries.length, true);
  v.setUint16(10, entries.length, true);
  v.setUint32(12, dirSize, true);
  v.setUint32(16, offset, true);
  return concatBytes([...parts, ...central, end]);
}

/** Flags, method (0 = stored), time, date, CRC, sizes and name length: the same run in local and central headers. */
function fields(v: DataView, at: number, crc: number, size: number, nameLength: number): void {
  v.setUint16(at, UTF8_FLAG, true);
  v.setUint16(at + 2, 0, true);
  v.setUint16(at + 4, DOS_TIME, true);
  v.setUint16(at + 6, DOS_DATE, true);
  v.setUint32(at + 8, crc, true);
  v.setUint32(at + 12, size, true);
  v.setUint32(at + 16, size, true);
  v.setUint16(at + 20, nameLength, true);
}

function header(fixed: number, name: Uint8Array, fill: (v: DataView) => void): Uint8Array {
  const out = new Uint8Array(fixed + name.length);
  fill(new DataView(out.buffer));
  out.set(name, fixed);
  return out;
}

/** Reads a store-only ZIP (as written above, or by any zip tool with compression off); checks every CRC. */
export function readZip(zip: Uint8Array): ZipEntry[] {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const endAt = findEnd(v);
  const count = v.getUint16(endAt + 10, true);
  let at = v.getUint32(endAt + 16, true);
  const dec = new TextDecoder();
  const out: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || v.getUint32(at, true) !== CENTRAL)
      throw new Error('This zip file is damaged (central directory).');
    const method = v.getUint16(at + 10, true);
    const crc = v.getUint32(at + 16, true);
    const size = v.getUint32(at + 20, true);
    const nameLength = v.getUint16(at + 28, true);
    const skip = nameLength + v.getUint16(at + 30, true) + v.getUint16(at + 32, true);
    const name = dec.decode(zip.subarray(at + 46, at + 46 + nameLength));
    if (method !== 0)
      throw new Error(
        `"${name}" is compressed; Auscult reads zip files written without compression (its own exports).`,
      );
    const local = v.getUint32(at + 42, true);
    if (v.getUint32(local, true) !== LOCAL) throw new Error(`This zip file is damaged ("${name}").`);
    const dataAt = local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true);
    const bytes = zip.slice(dataAt, dataAt + size);
    if (bytes.length !== size || crc32(bytes) !== crc)
      throw new Error(`"${name}" in the zip file is damaged (CRC mismatch).`);
    out.push({ name, bytes });
    at += 46 + skip;
  }
  return out;
}

function findEnd(v: DataView): number {
  for (let at = v.byteLength - 22; at >= Math.max(0, v.byteLength - 22 - 0xffff); at--)
    if (v.getUint32(at, true) === END) return at;
  throw new Error('This is not a zip file (no end of central directory).');
}
