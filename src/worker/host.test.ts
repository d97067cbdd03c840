// Tests of the worker host with a fake engine and a fake store of saved recordings: the event sequence of load/ask,
// abort mid-stream, sequential asks, error names, requests before load, recordings passed on with their id (the
// engine's cache key), and saved recordings named by id whose audio the host reads itself.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { validateManifest } from '../core/manifest/manifest';
import type { Engine, RecordingAssessment, RecordingInput } from '../engine/types';
import { InferenceError, type WorkerEvent } from '../inference/protocol';
import { createWorkerHost, type HostDeps } from './host';

const TINY = validateManifest(
  JSON.parse(readFileSync(new URL('../../models/tiny-random/manifest.json', import.meta.url), 'utf8')),
);

const ASSESSMENT: RecordingAssessment = {
  findings: [{ label: 'wheeze', probability: 0.3 }],
  windows: [{ index: 0, startS: 0, probabilities: [0.3] }],
  windowCount: 1,
  windowSeconds: 10.24,
  representative: 0,
  domain: { value: 'lung', source: 'given', pLung: 0.9 },
  uncertainty: { uncertain: false, reasons: [] },
  verdict: null,
};

function fakeEngine(
  tokens: string[],
  opts: { backend?: Engine['backend']; failWith?: Error } = {},
): Engine & { disposed: boolean; heard: RecordingInput[] } {
  const heard: RecordingInput[] = [];
  return {
    heard,
    backend: opts.backend ?? 'wasm',
    dtype: 'q4',
    manifest: TINY,
    disposed: false,
    async *ask(req, signal) {
      heard.push(...req.recordings);
      if (opts.failWith) throw opts.failWith;
      for (const t of tokens) {
        await new Promise((r) => setTimeout(r, 1));
        if (signal?.aborted) return;
        yield t;
      }
    },
    async assess(rec) {
      heard.push(rec);
      return ASSESSMENT;
    },
    async dispose() {
      this.disposed = true;
    },
  };
}

/** Saved recordings' audio as the fake store holds it. */
const SAVED: Record<string, { samples: Float32Array; sampleRateHz: number }> = {
  s1: { samples: Float32Array.from([0.1, 0.2, 0.3]), sampleRateHz: 8000 },
  s2: { samples: Float32Array.from([0.5]), sampleRateHz: 4000 },
};

function setup(
  engine: Engine,
  probe: { backend: 'webgpu' | 'wasm'; reason: string } = { backend: 'wasm', reason: 'no WebGPU adapter' },
) {
  const events: WorkerEvent[] = [];
  const reads: string[] = [];
  let t = 0;
  const deps: HostDeps = {
    readRecording: async (id, signal) => {
      reads.push(id);
      await new Promise((r) => setTimeout(r, 2));
      signal?.throwIfAborted();
      const audio = SAVED[id];
      if (!audio) throw new InferenceError('bad-audio', 'This recording has no audio stored yet.');
      return { ...audio, samples: audio.samples.slice() };
    },
    post: (ev) => events.push(ev),
    probe: async () => probe,
    load: async (o) => {
      o.onProgress({ phase: 'download', loaded: 1, total: 2, file: 'x' });
      return engine;
    },
    now: () => (t += 10),
    wasmMemoryBytes: () => (t > 0 ? t * 1024 : null), // grows with the fake clock, like ORT's heap
  };
  return { host: createWorkerHost(deps), events, reads };
}

const rec = {
  samples: new Float32Array(8),
  sampleRateHz: 4000,
  domain: 'lung' as const,
  site: 'trachea' as const,
};

describe('worker host', () => {
  it('load → progress, ready (with the probe reason); ask → tokens, done', async () => {
    const { host, events } = setup(fakeEngine(['He', 'art', '.']));
    host.handle({ type: 'load', id: 1, modelUrl: '/models/tiny-random/', backend: 'auto' });
    host.handle({ type: 'ask', id: 2, instruction: 'x', recordings: [rec] });
    await host.idle();
    expect(events.map((e) => e.type)).toEqual(['progress', 'ready', 'token', 'token', 'token', 'done']);
    expect(events[1]).toMatchObject({
      backend: 'wasm',
      reason: 'no WebGPU adapter',
      modelId: 'tiny-random',
      dtype: 'q4',
    });
    expect(events.at(-1)).toMatchObject({ type: 'done', id: 2, tokens: 3 });
    // the worker's wasm memory is reported after warm-up and after each answer
    const ready = events[1] as { wasmMemoryBytes: number };
    const done = events.at(-1) as { wasmMemoryBytes: number };
    expect(ready.wasmMemoryBytes).toBeGreaterThan(0);
    expect(done.wasmMemoryBytes).toBeGreaterThan(ready.wasmMemoryBytes);
    // the offline set is the files this dtype needs: the q4 decoder, not the fp32/q8 ones
    const files = (events[1] as { files: { path: string }[] }).files.map((f) => f.path);
    expect(files).toContain('onnx/decoder_model_merged_q4.onnx');
    expect(files).not.toContain('onnx/decoder_model_merged.onnx');
    expect(files).toContain('tokenizer.json');
  });

  it('says when the engine ran a different backend than the probe chose', async () => {
    const { host, events } = setup(fakeEngine([], { backend: 'wasm' }), {
      backend: 'webgpu',
      reason: 'WebGPU adapter found',
    });
    host.handle({ type: 'load', id: 1, modelUrl: '/m/', backend: 'auto' });
    await host.idle();
    expect(events[1]).toMatchObject({ type: 'ready', backend: 'wasm' });
    expect((events[1] as { reason: string }).reason).toContain('fell back to wasm');
  });

  it('abort stops the stream at once and reports aborted; the next ask still runs', async () => {
    const { host, events } = setup(fakeEngine(['a', 'b', 'c', 'd', 'e']));
    host.handle({ type: 'load', id: 1, modelUrl: '/m/', backend: 'wasm' });
    host.handle({ type: 'ask', id: 2, instruction: 'x', recordings: [rec] });
    host.handle({ type: 'ask', id: 3, instruction: 'y', recordings: [rec] });
    await new Promise((r) => setTimeout(r, 3));
    host.handle({ type: 'abort', id: 2 });
    await host.idle();
    const of2 = events.filter((e) => e.id === 2);
    expect(of2.at(-1)).toMatchObject({ type: 'error', name: 'aborted' });
    expect(of2.filter((e) => e.type === 'token').length).toBeLessThan(5);
    expect(events.filter((e) => e.id === 3).map((e) => e.type)).toEqual([
      'token',
      'token',
      'token',
      'token',
      'token',
      'done',
    ]);
  });

  it('maps engine errors by name and refuses requests before load', async () => {
    const bad = Object.assign(new Error('no samples'), { name: 'bad-audio' });
    const { host, events } = setup(fakeEngine([], { failWith: bad }));
    host.handle({ type: 'ask', id: 1, instruction: 'x', recordings: [rec] });
    host.handle({ type: 'assess', id: 2, recording: rec });
    host.handle({ type: 'load', id: 3, modelUrl: '/m/', backend: 'wasm' });
    host.handle({ type: 'ask', id: 4, instruction: 'x', recordings: [rec] });
    host.handle({ type: 'assess', id: 5, recording: rec });
    await host.idle();
    expect(events.find((e) => e.id === 1)).toMatchObject({ type: 'error', name: 'not-loaded' });
    expect(events.find((e) => e.id === 2)).toMatchObject({ type: 'error', name: 'not-loaded' });
    expect(events.find((e) => e.id === 4)).toMatchObject({
      type: 'error',
      name: 'bad-audio',
      message: 'no samples',
    });
    expect(events.find((e) => e.id === 5)).toEqual({ type: 'assessment', id: 5, assessment: ASSESSMENT });
    const weird = setup(fakeEngine([], { failWith: new RangeError('boom') }));
    weird.host.handle({ type: 'load', id: 1, modelUrl: '/m/', backend: 'wasm' });
    weird.host.handle({ type: 'ask', id: 2, instruction: 'x', recordings: [rec] });
    await weird.host.idle();
    expect(weird.events.at(-1)).toMatchObject({ type: 'error', name: 'internal', message: 'boom' });
  });

  it('passes each recording on with its id, which the engine caches its assessment by', async () => {
    const engine = fakeEngine(['x']);
    const { host } = setup(engine);
    const copy = (): RecordingInput => ({ ...rec, samples: rec.samples.slice(), id: 'r1' }); // each message: a new copy
    host.handle({ type: 'load', id: 1, modelUrl: '/m/', backend: 'wasm' });
    host.handle({ type: 'assess', id: 2, recording: copy() });
    host.handle({ type: 'ask', id: 3, instruction: 'q', recordings: [copy(), { ...copy(), id: 'r2' }] });
    await host.idle();
    expect(engine.heard.map((r) => r.id)).toEqual(['r1', 'r1', 'r2']);
  });

  it('reads a saved recording named by id and gives the engine its audio with the domain, site and id', async () => {
    const engine = fakeEngine(['x']);
    const { host, events, reads } = setup(engine);
    const pcm: RecordingInput = { ...rec, id: 'p1' };
    host.handle({ type: 'load', id: 1, modelUrl: '/m/', backend: 'wasm' });
    host.handle({ type: 'assess', id: 2, recording: { saved: true, id: 's1', domain: 'heart', site: 'MV' } });
    host.handle({
      type: 'ask',
      id: 3,
      instruction: 'q',
      recordings: [pcm, { saved: true, id: 's2', domain: 'unknown', site: 'unknown' }],
    });
    await host.idle();
    expect(reads).toEqual(['s1', 's2']);
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
    expect(engine.heard).toEqual([
      { samples: SAVED.s1.samples, sampleRateHz: 8000, id: 's1', domain: 'heart', site: 'MV' },
      pcm,
      { samples: SAVED.s2.samples, sampleRateHz: 4000, id: 's2', domain: 'unknown', site: 'unknown' },
    ]);
    expect(engine.heard[1]).toBe(pcm); // PCM the page sent is passed on as it came
  });

  it('reads a saved recording once for several questions about it in a row, again after another one', async () => {
    const engine = fakeEngine(['x']);
    const { host, reads } = setup(engine);
    const saved = (id: string) => ({
      saved: true as const,
      id,
      domain: 'heart' as const,
      site: 'MV' as const,
    });
    host.handle({ type: 'load', id: 1, modelUrl: '/m/', backend: 'wasm' });
    for (const [i, id] of ['s1', 's1', 's1', 's2', 's1'].entries())
      host.handle({ type: 'ask', id: 2 + i, instruction: 'q', recordings: [saved(id)] });
    await host.idle();
    expect(reads).toEqual(['s1', 's2', 's1']);
    expect(engine.heard.map((r) => r.samples)).toEqual([
      SAVED.s1.samples,
      SAVED.s1.samples,
      SAVED.s1.samples,
      SAVED.s2.samples,
      SAVED.s1.samples,
    ]);
  });

  it('answers a missing saved recording with bad-audio and its message; an abort while reading is aborted', async () => {
    const { host, events, reads } = setup(fakeEngine(['x', 'y']));
    const missing = { saved: true as const, id: 'gone', domain: 'heart' as const, site: 'MV' as const };
    host.handle({ type: 'load', id: 1, modelUrl: '/m/', backend: 'wasm' });
    host.handle({ type: 'ask', id: 2, instruction: 'q', recordings: [missing] });
    host.handle({ type: 'assess', id: 3, recording: missing });
    await host.idle();
    host.handle({ type: 'ask', id: 4, instruction: 'q', recordings: [{ ...missing, id: 's1' }] });
    while (!reads.includes('s1')) await new Promise((r) => setTimeout(r, 0));
    host.handle({ type: 'abort', id: 4 }); // while its audio is being read
    host.handle({ type: 'ask', id: 5, instruction: 'q', recordings: [{ ...missing, id: 's1' }] });
    await host.idle();
    const bad = { type: 'error', name: 'bad-audio', message: 'This recording has no audio stored yet.' };
    expect(events.find((e) => e.id === 2)).toEqual({ ...bad, id: 2 });
    expect(events.find((e) => e.id === 3)).toEqual({ ...bad, id: 3 });
    expect(events.filter((e) => e.id === 4)).toMatchObject([{ type: 'error', name: 'aborted' }]);
    expect(events.filter((e) => e.id === 5).map((e) => e.type)).toEqual(['token', 'token', 'done']);
  });
});
