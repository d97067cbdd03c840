// Pure PCM helpers shared by storage (recorded chunks), import (mono mixing) and training.

/** Concatenates typed arrays (in order) into one made by `make(totalLength)`. */
export function concatArrays<T extends Float32Array | Uint8Array>(
  chunks: readonly T[],
  make: (length: number) => T,
): T {
  const out = make(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** Concatenates chunks (already in sequence order) into one buffer. */
export const concatChunks = (chunks: readonly Float32Array[]): Float32Array =>
  concatArrays(chunks, (n) => new Float32Array(n));

/** Concatenates byte arrays (files, WAV chunks, zip entries) in order. */
export const concatBytes = (parts: readonly Uint8Array[]): Uint8Array =>
  concatArrays(parts, (n) => new Uint8Array(n));

/** Averages channels into mono (the app stores and analyses mono). */
export function mixToMono(channels: readonly Float32Array[]): Float32Array {
  if (channels.length === 0) return new Float32Array(0);
  if (channels.length === 1) return channels[0];
  const n = Math.min(...channels.map((c) => c.length));
  const out = new Float32Array(n);
  for (const c of channels) for (let i = 0; i < n; i++) out[i] += c[i] / channels.length;
  return out;
}
