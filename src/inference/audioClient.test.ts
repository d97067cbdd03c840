// The audio client over a fake worker port: peaks are asked once per recording and kept, a failure is not kept, a
// window's spectrogram is asked each time with its range and comes back as sent, and a crashed worker fails what was
// pending and is replaced by a fresh one on the next request.
import { describe, expect, it } from 'vitest';
import { AudioClient } from './audioClient';
import type { AudioRequest } from './audioProtocol';
import type { WorkerHandlers } from './client';

function fakeWorkers() {
  const workers: { requests: AudioRequest[]; handlers: WorkerHandlers; terminated: boolean }[] = [];
  const client = new AudioClient((handlers) => {
    const w = { requests: [] as AudioRequest[], handlers, terminated: false };
    workers.push(w);
    return { post: (req) => void w.requests.push(req), terminate: () => void (w.terminated = true) };
  });
  return { client, workers };
}

const peaksOf = (id: number) => ({
  type: 'peaks',
  id,
  peaks: { min: Float32Array.of(-1), max: Float32Array.of(1), frames: 4, sampleRateHz: 4 },
});

describe('AudioClient', () => {
  it('asks for a recording’s peaks once and keeps them; a failure is asked again', async () => {
    const { client, workers } = fakeWorkers();
    const a = client.peaks('rec');
    const b = client.peaks('rec');
    expect(workers[0].requests).toHaveLength(1);
    workers[0].handlers.onMessage(peaksOf(workers[0].requests[0].id));
    expect((await a).frames).toBe(4);
    expect(await b).toBe(await a);
    const failed = client.peaks('other');
    const req = workers[0].requests[1];
    workers[0].handlers.onMessage({ type: 'error', id: req.id, name: 'bad-audio', message: 'none' });
    await expect(failed).rejects.toMatchObject({ name: 'bad-audio', message: 'none' });
    void client.peaks('other').catch(() => undefined);
    expect(workers[0].requests).toHaveLength(3);
  });

  it('keeps the peaks of the last four recordings asked for', async () => {
    const { client, workers } = fakeWorkers();
    const ask = (id: string) => {
      const p = client.peaks(id);
      const req = workers[0].requests.at(-1) as AudioRequest;
      workers[0].handlers.onMessage(peaksOf(req.id));
      return p;
    };
    for (const id of ['a', 'b', 'c', 'd', 'e']) await ask(id);
    expect(workers[0].requests).toHaveLength(5);
    await client.peaks('e'); // kept
    expect(workers[0].requests).toHaveLength(5);
    await ask('a'); // the oldest was dropped: asked again
    expect(workers[0].requests).toHaveLength(6);
  });

  it('fails pending requests when the worker crashes and starts a fresh one next time', async () => {
    const { client, workers } = fakeWorkers();
    const pending = client.analyse('rec', 'heart', 60, 600);
    workers[0].handlers.onCrash('out of memory');
    await expect(pending).rejects.toMatchObject({ name: 'worker-crashed' });
    expect(workers[0].terminated).toBe(true);
    void client.peaks('rec').catch(() => undefined);
    expect(workers).toHaveLength(2);
    expect(workers[1].requests[0]).toMatchObject({ type: 'peaks', recordingId: 'rec' });
  });

  it('asks for a window’s spectrogram with its range and answers with it, or with the worker’s typed error', async () => {
    const { client, workers } = fakeWorkers();
    const p = client.spectrogram('rec', 30, 10, 2000);
    const req = workers[0].requests[0];
    expect(req).toMatchObject({
      type: 'spectrogram',
      recordingId: 'rec',
      fromS: 30,
      seconds: 10,
      maxHz: 2000,
    });
    const spectrogram = {
      fromS: 30,
      toS: 40,
      frames: 2,
      bins: 2,
      binHz: 1000,
      maxHz: 1000,
      values: Uint8Array.of(0, 255, 255, 0),
      topDb: -6,
      rangeDb: 80,
    };
    workers[0].handlers.onMessage({ type: 'spectrogram', id: req.id, spectrogram });
    expect(await p).toEqual(spectrogram);
    const failed = client.spectrogram('gone', 0, 10, 2000);
    const req2 = workers[0].requests[1];
    workers[0].handlers.onMessage({
      type: 'error',
      id: req2.id,
      name: 'bad-audio',
      message: 'import it again',
    });
    await expect(failed).rejects.toMatchObject({ name: 'bad-audio', message: 'import it again' });
  });
});
