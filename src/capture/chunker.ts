// Groups the worklet's small audio blocks into fixed-size chunks that are written to storage as they fill.

/**
 * What a crash can lose is what is not in IndexedDB yet: the worklet's unsent block, the chunk being filled, and
 * writes in flight. Blocks and chunks of 50 ms keep the first two near 100 ms, which leaves most of the 250 ms bound
 * to a page too busy to write at once (measured in e2e/recording.e2e.ts: 100 ms chunks lost up to 212 ms under load).
 */
export const WORKLET_BLOCK_MS = 50;
export const CHUNK_MS = 50;

/** Frames in `ms` at `rateHz`, rounded up to whole 128-frame render quanta (what the worklet receives at a time). */
export function framesFor(ms: number, rateHz: number): number {
  return Math.max(1, Math.ceil((rateHz * ms) / 1000 / 128)) * 128;
}

export class Chunker {
  private buffer: Float32Array;
  private filled = 0;
  private seq = 0;

  constructor(
    readonly chunkSamples: number,
    private readonly emit: (seq: number, samples: Float32Array) => void,
  ) {
    if (!(chunkSamples > 0)) throw new Error('chunkSamples must be positive');
    this.buffer = new Float32Array(chunkSamples);
  }

  push(block: Float32Array): void {
    let offset = 0;
    while (offset < block.length) {
      const n = Math.min(block.length - offset, this.chunkSamples - this.filled);
      this.buffer.set(block.subarray(offset, offset + n), this.filled);
      this.filled += n;
      offset += n;
      if (this.filled === this.chunkSamples) this.flush();
    }
  }

  /** Emits whatever is buffered (the last, partial chunk). */
  flush(): void {
    if (this.filled === 0) return;
    this.emit(this.seq++, this.buffer.slice(0, this.filled));
    this.filled = 0;
  }

  get chunksEmitted(): number {
    return this.seq;
  }
}
