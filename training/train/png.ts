// A tiny PNG writer (RGB, zlib via node:zlib, CRC-32 by hand) and a line-chart renderer for training curves.
import { deflateSync } from 'node:zlib';
import { csvColumns } from './svg';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** Encodes an RGB image (rgb.length = w·h·3) as PNG. */
export function encodePng(w: number, h: number, rgb: Uint8Array): Buffer {
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0; // filter: none
    raw.set(rgb.subarray(y * w * 3, (y + 1) * w * 3), y * (w * 3 + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, no filter, no interlace
  const sig = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([
    sig,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

export interface Series {
  name: string;
  points: [number, number][];
  color: [number, number, number];
}

const COLORS: [number, number, number][] = [
  [31, 119, 180],
  [214, 39, 40],
  [44, 160, 44],
  [148, 103, 189],
  [255, 127, 14],
];
export const seriesColor = (i: number) => COLORS[i % COLORS.length];

/**
 * Draws series as lines on a white canvas with grey axes and light grid lines at quarters; each series is scaled
 * to its own min–max (the CSV carries the values).
 * No text: the CSV next to the PNG carries names and values (docs/training.md explains the colours).
 */
export function renderChart(series: Series[], w = 640, h = 360): Buffer {
  const rgb = new Uint8Array(w * h * 3).fill(255);
  const set = (x: number, y: number, c: [number, number, number]) => {
    if (x < 0 || y < 0 || x >= w || y >= h) return;
    rgb.set(c, (Math.round(y) * w + Math.round(x)) * 3);
  };
  const pts = series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (!pts.length) return encodePng(w, h, rgb);
  const [x0, x1] = [Math.min(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[0]))];
  const m = 24;
  const px = (x: number) => m + ((x - x0) / (x1 - x0 || 1)) * (w - 2 * m);
  for (let q = 0; q <= 4; q++) {
    const gy = m + (q * (h - 2 * m)) / 4;
    for (let x = m; x < w - m; x++) set(x, gy, q === 4 ? [120, 120, 120] : [225, 225, 225]);
  }
  for (let y = m; y <= h - m; y++) set(m, y, [120, 120, 120]);
  for (const s of series) {
    const p = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
    if (!p.length) continue;
    // Each series on its own min–max scale: losses and accuracies differ in range.
    const [y0, y1] = [Math.min(...p.map((q) => q[1])), Math.max(...p.map((q) => q[1]))];
    const py = (y: number) => h - m - ((y - y0) / (y1 - y0 || 1)) * (h - 2 * m);
    for (let i = 1; i < p.length; i++)
      line(set, px(p[i - 1][0]), py(p[i - 1][1]), px(p[i][0]), py(p[i][1]), s.color);
    if (p.length === 1) set(px(p[0][0]), py(p[0][1]), s.color);
  }
  return encodePng(w, h, rgb);
}

function line(
  set: (x: number, y: number, c: [number, number, number]) => void,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  c: [number, number, number],
): void {
  const n = Math.max(1, Math.ceil(Math.max(Math.abs(bx - ax), Math.abs(by - ay))));
  for (let i = 0; i <= n; i++) {
    const x = ax + ((bx - ax) * i) / n;
    const y = ay + ((by - ay) * i) / n;
    set(x, y, c);
    set(x, y + 1, c);
  }
}

/** Renders the chosen columns of a curves CSV (first column = step; default: all) as series. */
export function chartFromCsv(csv: string, only?: string[]): Buffer {
  // Colours follow the order of the requested columns (blue, red, green, ...), so docs can name them.
  const series: Series[] = csvColumns(csv, only).map((c, i) => ({ ...c, color: seriesColor(i) }));
  return renderChart(series.filter((s) => s.points.length));
}
