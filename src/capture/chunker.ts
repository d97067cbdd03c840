// Groups the worklet's small audio blocks into fixed-size chunks that are written to storage as they fill.

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
