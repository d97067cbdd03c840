// A recording's waveform peaks (min and max per bin) computed by streaming its samples chunk by chunk, so a long
// recording is drawn without its whole PCM ever being in memory (the waveform view takes these instead of audio).
import type { WavReader } from './wavReader';

export interface Peaks {
  /** Lowest sample of each bin (≤ 0 unless the bin is all positive). */
  min: Float32Array;
  /** Highest sample of each bin. */
  max: Float32Array;
  /** Frames in the recording; bin b covers frames [⌊b·frames/bins⌋, ⌊(b+1)·frames/bins⌋). */
  frames: number;
  sampleRateHz: number;
}

/** The bin count for a recording: `perSecond` bins a second, at most `maxBins`, at least 1, at most one per frame. */
export function peakBinCount(
  frames: number,
  sampleRateHz: number,
  perSecond: number,
  maxBins: number,
): number {
  const wanted = Math.ceil((frames / sampleRateHz) * perSecond);
  return Math.max(1, Math.min(frames, maxBins, wanted));
}

/** First frame of bin `b` of `bins` over `frames` frames. */
const binStart = (b: number, bins: number, frames: number): number => Math.floor((b * frames) / bins);

/**
 * Folds samples into min/max bins as they arrive, in order or not: `add(chunk, at)` takes frames [at, at + length).
 * Bins a chunk only partly covers are completed by the next one, so chunk edges never show.
 */
export class PeaksAccumulator {
  readonly min: Float32Array;
  readonly max: Float32Array;

  constructor(
    readonly frames: number,
    readonly bins: number,
  ) {
    this.min = new Float32Array(bins).fill(Infinity);
    this.max = new Float32Array(bins).fill(-Infinity);
  }

  add(chunk: Float32Array, at: number): void {
    const { frames, bins, min, max } = this;
    const end = Math.min(frames, at + chunk.length);
    let b = Math.min(bins - 1, Math.floor((at * bins) / frames));
    while (b < bins && binStart(b, bins, frames) < end) {
      const from = Math.max(at, binStart(b, bins, frames));
      const to = Math.min(end, binStart(b + 1, bins, frames));
      let lo = min[b];
      let hi = max[b];
      for (let i = from - at; i < to - at; i++) {
        const v = chunk[i];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      min[b] = lo;
      max[b] = hi;
      b++;
    }
  }

  /** The peaks so far; a bin no sample reached is 0. */
  result(sampleRateHz: number): Peaks {
    for (let b = 0; b < this.bins; b++) {
      if (this.min[b] === Infinity) this.min[b] = 0;
      if (this.max[b] === -Infinity) this.max[b] = 0;
    }
    return { min: this.min, max: this.max, frames: this.frames, sampleRateHz };
  }
}

/**
 * Peaks of a WAV read `chunkFrames` at a time through its windowed reader: memory is one chunk plus the bins.
 * `signal` stops it between chunks.
 */
export async function computePeaks(
  wav: WavReader,
  bins: number,
  chunkFrames: number,
  signal?: AbortSignal,
): Promise<Peaks> {
  const acc = new PeaksAccumulator(wav.frames, Math.max(1, Math.min(bins, wav.frames)));
  for (let f = 0; f < wav.frames; f += chunkFrames) {
    signal?.throwIfAborted();
    acc.add(await wav.readFrames(f, f + chunkFrames), f);
  }
  return acc.result(wav.sampleRateHz);
}

/**
 * Peaks as the one channel array wavesurfer.js draws (`load(url, [channel], duration)`): max and min of each bin in
 * turn, so each drawn column spans the bin's extremes.
 */
export function interleavePeaks(p: Pick<Peaks, 'min' | 'max'>): Float32Array {
  const out = new Float32Array(p.min.length * 2);
  for (let b = 0; b < p.min.length; b++) {
    out[2 * b] = p.max[b];
    out[2 * b + 1] = p.min[b];
  }
  return out;
}
