// The audio worker's host over a real WAV Blob (the storage boundary replaced by a Blob-backed reader): peaks equal a
// direct min/max over the whole decode, the analysis equals analyseSignal on the first window's slice of it, and a
// missing recording becomes an 'error' event with the closed name 'bad-audio'.
import { describe, expect, it } from 'vitest';
import { decodeWav, encodeWav16 } from '../core/audio/wav';
import { blobSource, openWav, type ByteSource } from '../core/audio/wavReader';
import { analyseSignal } from '../core/analysis/signal';
import { InferenceError } from '../inference/protocol';
import type { AudioEvent } from '../inference/audioProtocol';
import { createAudioHost } from './audioHost';

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

/** A Blob source that records the largest read, to show nothing reads the whole file at once. */
function watched(bytes: Uint8Array): ByteSource & { largestRead: number } {
  const inner = blobSource(new Blob([bytes.slice()]));
  const src = {
    size: inner.size,
    largestRead: 0,
    read: (a: number, b: number) => {
      src.largestRead = Math.max(src.largestRead, b - a);
      return inner.read(a, b);
    },
  };
  return src;
}

async function run(bytes: Uint8Array, req: Parameters<ReturnType<typeof createAudioHost>['handle']>[0]) {
  const events: AudioEvent[] = [];
  const src = watched(bytes);
  const host = createAudioHost({
    post: (ev) => events.push(ev),
    open: async (id) => {
      if (id !== 'rec') throw new InferenceError('bad-audio', 'This recording has no audio stored yet.');
      return openWav(src);
    },
    chunkSeconds: 10,
  });
  await host.handle(req);
  return { events, largestRead: src.largestRead };
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
});
