// Streamed peaks against a direct computation over the whole decoded file: the same bin count, and each bin's min and
// max equal to those of its slice of decodeWav's samples (max |Δ| printed), whatever the chunk size.
import { describe, expect, it } from 'vitest';
import { decodeWav, encodeWav16 } from './wav';
import { blobSource, openWav } from './wavReader';
import { computePeaks, interleavePeaks, peakBinCount, PeaksAccumulator } from './peaks';

/** A heart-like fixture: a 97 Hz tone under a slow swell, with one loud click, 16-bit like a stored recording. */
function fixture(frames: number, rateHz: number): Uint8Array {
  const s = Float32Array.from({ length: frames }, (_, i) => {
    const t = i / rateHz;
    return 0.5 * Math.sin(2 * Math.PI * 97 * t) * (0.5 + 0.5 * Math.sin(2 * Math.PI * 0.7 * t));
  });
  s[Math.floor(frames * 0.61)] = -0.97;
  return encodeWav16(s, rateHz);
}

/** Min and max per bin of `samples` straight from the bin rule, without the accumulator. */
function direct(samples: Float32Array, bins: number): { min: number[]; max: number[] } {
  const min: number[] = [];
  const max: number[] = [];
  for (let b = 0; b < bins; b++) {
    const slice = samples.subarray(
      Math.floor((b * samples.length) / bins),
      Math.floor(((b + 1) * samples.length) / bins),
    );
    min.push(Math.min(...slice));
    max.push(Math.max(...slice));
  }
  return { min, max };
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('computePeaks', () => {
  const rateHz = 4000;
  const frames = 12.3 * rateHz + 7; // not a whole number of chunks or bins
  const bytes = fixture(frames, rateHz);
  const whole = decodeWav(bytes).samples;

  it.each([[1000], [4001], [frames * 2]])(
    'equals a direct min/max per bin over the whole decode (chunks of %i frames)',
    async (chunkFrames) => {
      const wav = await openWav(blobSource(new Blob([bytes.slice()])));
      const bins = peakBinCount(wav.frames, wav.sampleRateHz, 50, 100_000);
      expect(bins).toBe(Math.ceil((frames / rateHz) * 50)); // 50 a second
      const p = await computePeaks(wav, bins, chunkFrames);
      expect(p.min).toHaveLength(bins);
      expect(p.max).toHaveLength(bins);
      expect(p.frames).toBe(frames);
      const ref = direct(whole, bins);
      const dMin = maxAbsDiff(p.min, ref.min);
      const dMax = maxAbsDiff(p.max, ref.max);
      console.log(`peaks vs direct (chunk ${chunkFrames}): max |Δmin| ${dMin}, max |Δmax| ${dMax}`);
      expect(dMin).toBe(0);
      expect(dMax).toBe(0);
      expect(Math.min(...p.min)).toBe(Math.min(...whole)); // the click is kept, not averaged away
    },
  );

  it('caps the bin count, keeps at most one bin per frame, and interleaves max/min for the view', () => {
    expect(peakBinCount(3600 * 4000, 4000, 200, 1 << 19)).toBe(1 << 19);
    expect(peakBinCount(3600 * 4000, 4000, 200, 1 << 20)).toBe(720_000);
    expect(peakBinCount(10, 4000, 200, 1 << 20)).toBe(1);
    expect(peakBinCount(3, 1, 200, 1 << 20)).toBe(3);
    const acc = new PeaksAccumulator(6, 3);
    acc.add(Float32Array.of(0.5, -0.25, 0.125), 3); // out of order
    acc.add(Float32Array.of(-1, 0.75, 0.25), 0);
    const p = acc.result(8000);
    expect([...p.max]).toEqual([0.75, 0.5, 0.125]);
    expect([...p.min]).toEqual([-1, 0.25, -0.25]);
    expect([...interleavePeaks(p)]).toEqual([0.75, -1, 0.5, 0.25, 0.125, -0.25]);
  });
});
