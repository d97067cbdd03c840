// The audio worker's host over a real WAV Blob (the storage boundary replaced by a Blob-backed reader): peaks equal a
// direct min/max over the whole decode, the analysis equals analyseSignal on the first window's slice of it, a window's
// spectrogram equals spectrogramOf on that slice and reads no byte outside it, and a missing recording becomes an
// 'error' event with the closed name 'bad-audio'.
import { describe, expect, it } from 'vitest';
import { decodeWav, encodeWav16 } from '../core/audio/wav';
import { blobSource, openWav, type ByteSource } from '../core/audio/wavReader';
import { analyseSignal } from '../core/analysis/signal';
import { SPECTROGRAM_DEFAULTS, spectrogramOf } from '../core/audio/spectrogram';
import { InferenceError } from '../inference/protocol';
import type { AudioEvent } from '../inference/audioProtocol';
import { createAudioHost, SPECTROGRAM_MAX_SECONDS } from './audioHost';

const RATE_HZ = 2000;
/** 95 s of 1.2 Hz "beats" (a 60 Hz burst every 0.83 s) over faint noise: longer than the 60 s analysed. */
function recording(): Uint8Array {
  let seed = 7;
  const noise = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 0.02;
  const s = Float32Array.from({ length: 95 * RATE_HZ }, (_, i) => {
    const t = i / RATE_HZ;
    const inBeat = t % (1 / 1.2) < 0.08;
    return (inBeat ? 0.6 * Math.sin(2 * Math.PI * 60 * t) : 0) + noise();
  });
  return encodeWav16(s, RATE_HZ);
}

/** A Blob source that records its reads (byte ranges) and the largest, to show nothing reads the whole file at once. */
function watched(bytes: Uint8Array): ByteSource & { largestRead: number; reads: [number, number][] } {
  const inner = blobSource(new Blob([bytes.slice()]));
  const src = {
    size: inner.size,
    largestRead: 0,
    reads: [] as [number, number][],
    read: (a: number, b: number) => {
      src.largestRead = Math.max(src.largestRead, b - a);
      src.reads.push([a, b]);
      return inner.read(a, b);
    },
  };
  return src;
}

async function run(bytes: Uint8Array, req: Parameters<ReturnType<typeof createAudioHost>['handle']>[0]) {
  const events: AudioEvent[] = [];
  const src = watched(bytes);
  let readsOpening = 0;
  const host = createAudioHost({
    post: (ev) => events.push(ev),
    open: async (id) => {
      if (id !== 'rec') throw new InferenceError('bad-audio', 'This recording has no audio stored yet.');
      const wav = await openWav(src);
      readsOpening = src.reads.length;
      return wav;
    },
    chunkSeconds: 10,
  });
  await host.handle(req);
  // the reads after the header: those the request made of the samples
  return { events, largestRead: src.largestRead, sampleReads: src.reads.slice(readsOpening) };
}

describe('audio host', () => {
  const bytes = recording();
  const whole = decodeWav(bytes).samples;

  it('streams peaks: 200 bins a second, each the min/max of its slice of the whole decode', async () => {
    const { events, largestRead } = await run(bytes, {
      type: 'peaks',
      id: 1,
      recordingId: 'rec',
      binsPerSecond: 200,
      maxBins: 1 << 20,
    });
    const ev = events[0];
    if (ev?.type !== 'peaks') throw new Error(`expected peaks, got ${JSON.stringify(ev)}`);
    const bins = 95 * 200;
    expect(ev.peaks.min).toHaveLength(bins);
    expect(ev.peaks.frames).toBe(whole.length);
    let worst = 0;
    for (const b of [0, 1, 4321, bins - 1]) {
      const slice = whole.subarray(
        Math.floor((b * whole.length) / bins),
        Math.floor(((b + 1) * whole.length) / bins),
      );
      worst = Math.max(
        worst,
        Math.abs(ev.peaks.min[b] - Math.min(...slice)),
        Math.abs(ev.peaks.max[b] - Math.max(...slice)),
      );
    }
    expect(ev.peaks.max.reduce((a, b) => Math.max(a, b))).toBe(whole.reduce((a, b) => Math.max(a, b)));
    console.log(
      `host peaks vs direct: max |Δ| ${worst}; largest read ${largestRead} of ${bytes.length} bytes`,
    );
    expect(worst).toBe(0);
    expect(largestRead).toBeLessThanOrEqual(64 * 1024 + 10 * RATE_HZ * 2); // the header probe or one 10 s chunk
  });

  it('analyses only the first window, read by range, as analyseSignal does on that slice', async () => {
    const { events, largestRead } = await run(bytes, {
      type: 'analyse',
      id: 2,
      recordingId: 'rec',
      domain: 'heart',
      maxSeconds: 60,
      columns: 600,
    });
    const ev = events[0];
    if (ev?.type !== 'analysis') throw new Error(`expected analysis, got ${JSON.stringify(ev)}`);
    const ref = analyseSignal(whole.subarray(0, 60 * RATE_HZ), RATE_HZ, 'heart');
    expect(ev.analysis.windowSeconds).toBe(60);
    expect(ev.analysis.sampleRateHz).toBe(RATE_HZ);
    expect(ev.analysis.heartRateBpm).toBe(ref.heartRateBpm);
    expect(ev.analysis.regions).toEqual(ref.regions);
    expect(ev.analysis.quality).toEqual(ref.quality);
    expect(ev.analysis.envelope.min).toHaveLength(600);
    expect(largestRead).toBeLessThan(bytes.length * 0.7); // 60 of 95 s, never the whole file
  });

  it('answers a recording without audio with a bad-audio error event', async () => {
    const { events } = await run(bytes, {
      type: 'peaks',
      id: 3,
      recordingId: 'gone',
      binsPerSecond: 200,
      maxBins: 1 << 20,
    });
    expect(events).toEqual([
      { type: 'error', id: 3, name: 'bad-audio', message: 'This recording has no audio stored yet.' },
    ]);
  });

  it('reads only the window a spectrogram asks for and computes spectrogramOf on exactly those samples', async () => {
    const rateHz = 8000;
    // 500 Hz inside 30–40 s, 1000 Hz everywhere else: a sample read from outside would show at 1000 Hz
    const signal = Float32Array.from({ length: 60 * rateHz }, (_, i) => {
      const t = i / rateHz;
      return 0.4 * Math.sin(2 * Math.PI * (t >= 30 && t < 40 ? 500 : 1000) * t);
    });
    const wavBytes = encodeWav16(signal, rateHz);
    const decoded = decodeWav(wavBytes).samples;
    const { events, sampleReads } = await run(wavBytes, {
      type: 'spectrogram',
      id: 4,
      recordingId: 'rec',
      fromS: 30,
      seconds: 10,
      maxHz: 2000,
    });
    const ev = events[0];
    if (ev?.type !== 'spectrogram') throw new Error(`expected a spectrogram, got ${JSON.stringify(ev)}`);
    const s = ev.spectrogram;
    const dataAt = 44; // encodeWav16's header
    const [lo, hi] = [dataAt + 30 * rateHz * 2, dataAt + 40 * rateHz * 2];
    console.log(`spectrogram 30–40 s: reads ${JSON.stringify(sampleReads)} (window bytes ${lo}–${hi})`);
    expect(sampleReads.length).toBeGreaterThan(0);
    for (const [a, b] of sampleReads) expect(a >= lo && b <= hi).toBe(true);
    expect([s.fromS, s.toS]).toEqual([30, 40]);
    const ref = spectrogramOf(decoded.subarray(30 * rateHz, 40 * rateHz), rateHz, 30, {
      ...SPECTROGRAM_DEFAULTS,
      maxHz: 2000,
    });
    expect(s.values).toEqual(ref.values);
    const row1k = Math.round(1000 / s.binHz);
    const row500 = Math.round(500 / s.binHz);
    const inner = Array.from({ length: s.frames - 8 }, (_, f) => f + 4); // frames whose window lies inside
    expect(inner.every((f) => s.values[f * s.bins + row500] === 255)).toBe(true);
    expect(inner.every((f) => s.values[f * s.bins + row1k] === 0)).toBe(true); // ≥ 80 dB down: nothing from outside
  });

  it('cuts a spectrogram window to the recording and to the longest window read', async () => {
    const near = await run(bytes, {
      type: 'spectrogram',
      id: 5,
      recordingId: 'rec',
      fromS: 90,
      seconds: 10,
      maxHz: 2000,
    });
    const long = await run(bytes, {
      type: 'spectrogram',
      id: 6,
      recordingId: 'rec',
      fromS: 0,
      seconds: 600,
      maxHz: 2000,
    });
    const [a, b] = [near.events[0], long.events[0]];
    if (a?.type !== 'spectrogram' || b?.type !== 'spectrogram') throw new Error('expected two spectrograms');
    expect([a.spectrogram.fromS, a.spectrogram.toS]).toEqual([90, 95]);
    expect([b.spectrogram.fromS, b.spectrogram.toS]).toEqual([0, SPECTROGRAM_MAX_SECONDS]);
    expect(b.spectrogram.maxHz).toBeLessThanOrEqual(RATE_HZ / 2); // 2 kHz asked, 1 kHz there is
  });
});
