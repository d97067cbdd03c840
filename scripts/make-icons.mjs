// Generates the PWA icons (public/icons/icon-192.png, icon-512.png): a stethoscope chest piece with a pulse trace.
// Usage: node scripts/make-icons.mjs. Pure Node (zlib); no image libraries.
import { Buffer } from 'node:buffer';
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BRAND = [15, 76, 92];
const WHITE = [255, 255, 255];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Distance from point p to segment ab (unit square coordinates). */
function segDist(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax,
    dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

const PULSE = [
  [0.14, 0.56],
  [0.36, 0.56],
  [0.43, 0.4],
  [0.5, 0.72],
  [0.57, 0.48],
  [0.62, 0.56],
  [0.86, 0.56],
];

/** White where the icon's strokes are; coordinates in [0,1]. Maskable-safe: everything within the centre 80%. */
function isInk(x, y) {
  const r = Math.hypot(x - 0.5, y - 0.52);
  if (Math.abs(r - 0.3) < 0.035) return true;
  for (let i = 0; i + 1 < PULSE.length; i++) if (segDist(x, y, PULSE[i], PULSE[i + 1]) < 0.025) return true;
  return false;
}

function png(size) {
  const raw = Buffer.alloc(size * (1 + size * 3));
  const ss = 3; // 3×3 supersampling for smooth edges
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 3);
    for (let x = 0; x < size; x++) {
      let ink = 0;
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++)
          ink += isInk((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size) ? 1 : 0;
      const a = ink / (ss * ss);
      for (let c = 0; c < 3; c++) raw[row + 1 + x * 3 + c] = Math.round(BRAND[c] * (1 - a) + WHITE[c] * a);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    sig,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');
mkdirSync(outDir, { recursive: true });
for (const size of [192, 512]) {
  const file = join(outDir, `icon-${size}.png`);
  writeFileSync(file, png(size));
  console.log(`wrote ${file}`);
}
