// The inference slice against a fake engine (the client boundary): auto-load, streaming into runs, stop,
// run-all in order, load failure with advice, worker crash status, assessments (the recording id reaches the
// engine, the domain may be unknown), saved recordings sent by id and provided audio as PCM; plus tokens/s arithmetic.
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { ClientOptions } from '../../inference/client';
import {
  InferenceError,
  type ReadyEvent,
  type RecordingAssessment,
  type RecordingRef,
} from '../../inference/protocol';
import {
  createInferenceSlice,
  type InferenceDeps,
  type InferenceEngine,
  type InferenceSlice,
} from './inference';
import { appendToken, endRun, startRun, timeToFirstTokenMs, tokensPerSecond } from './inferenceRuns';

const target = { id: 'r1', domain: 'heart' as const, site: 'MV' as const };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const ASSESSMENT: RecordingAssessment = {
  findings: [{ label: 'systolic-murmur', probability: 0.8 }],
  windows: [{ index: 0, startS: 0, probabilities: [0.8] }],
  windowCount: 1,
  windowSeconds: 10.24,
  representative: 0,
  domain: { value: 'lung', source: 'audio', pLung: 0.9 },
  uncertainty: { uncertain: false, reasons: [] },
  verdict: null,
};

function setup(opts: { failLoad?: Error; tokens?: string[] } = {}) {
  const asked: string[] = [];
  const sent: RecordingRef[] = [];
  let client: ClientOptions = {};
  const engine: InferenceEngine = {
    async load() {
      client.onStatus?.({ state: 'loading', restart: false });
      client.onProgress?.({ phase: 'download', loaded: 1, total: 2 });
      if (opts.failLoad) throw opts.failLoad;
      const info: ReadyEvent = {
        type: 'ready',
        id: 1,
        backend: 'wasm',
        reason: 'no adapter',
        modelId: 'tiny',
        dtype: 'q4',
        manifest: {},
        loadMs: 5,
        gpuSubmits: 0,
        files: [],
        wasmMemoryBytes: null,
      };
      client.onStatus?.({ state: 'ready', info });
      return info;
    },
    async *ask(req, signal) {
      asked.push(req.instruction);
      sent.push(...req.recordings);
      for (const t of opts.tokens ?? ['Nor', 'mal', '.']) {
        await sleep(2);
        if (signal?.aborted) throw new InferenceError('aborted', 'stopped');
        yield t;
      }
    },
    async assess(rec) {
      sent.push(rec);
      return ASSESSMENT;
    },
    async dispose() {},
  };
  let t = 0;
  const deps: InferenceDeps = {
    createEngine: (o) => ((client = o), engine),
    modelUrl: '/models/tiny-random/',
    now: () => (t += 100),
  };
  const store = createStore<InferenceSlice>()((...a) => createInferenceSlice<InferenceSlice>(deps)(...a));
  return { store, asked, sent, client: () => client };
}

describe('inference slice', () => {
  it('loads on first ask and streams the answer into a run', async () => {
    const { store } = setup();
    const run = await store
      .getState()
      .ask({ kind: 'classification', instruction: 'Normal?', targets: [target] });
    expect(run).toMatchObject({ status: 'done', text: 'Normal.', tokens: 3, recordingIds: ['r1'] });
    const s = store.getState();
    expect(s.model).toMatchObject({
      status: 'ready',
      backend: 'wasm',
      backendReason: 'no adapter',
      modelId: 'tiny',
    });
    expect(s.runs['r1|classification'].text).toBe('Normal.');
    expect(s.activeRunKey).toBeNull();
  });

  it('stops a streaming answer', async () => {
    const { store } = setup({ tokens: ['a', 'b', 'c', 'd', 'e', 'f'] });
    const p = store.getState().ask({ kind: 'free', instruction: 'x', targets: [target] });
    await sleep(5);
    store.getState().stopAsking();
    const run = await p;
    expect(run?.status).toBe('aborted');
    expect(run?.tokens).toBeLessThan(6);
    expect(store.getState().activeRunKey).toBeNull();
  });

  it('runs every task in order and stops the rest when stopped', async () => {
    const { store, asked } = setup();
    const tasks = ['a', 'b', 'c'].map((k) => ({ kind: k, instruction: `q-${k}`, targets: [target] }));
    await store.getState().runAll(tasks);
    expect(asked).toEqual(['q-a', 'q-b', 'q-c']);
    expect(Object.values(store.getState().runs).every((r) => r.status === 'done')).toBe(true);
    const p = store.getState().runAll(tasks);
    await sleep(3);
    store.getState().stopAsking();
    await p;
    expect(asked).toHaveLength(4);
    expect(store.getState().runningAll).toBe(false);
  });

  it('shows a load failure with its name and advice on the answer', async () => {
    const { store } = setup({ failLoad: new InferenceError('model-not-found', 'no manifest') });
    const run = await store.getState().ask({ kind: 'free', instruction: 'x', targets: [target] });
    expect(run?.error).toMatchObject({ name: 'model-not-found', message: 'no manifest' });
    expect(store.getState().model.error?.advice).toMatch(/Connect to the network/);
  });

  it('records a worker crash and still answers (the client restarts it)', async () => {
    const { store, client } = setup();
    await store.getState().loadModel();
    client().onStatus?.({ state: 'crashed', message: 'gone' });
    expect(store.getState().model).toMatchObject({ status: 'crashed', restarts: 1 });
    expect((await store.getState().ask({ kind: 'free', instruction: 'x', targets: [target] }))?.status).toBe(
      'done',
    );
    await store.getState().loadAssessment(target);
    expect(store.getState().assessments.r1).toEqual({ status: 'ready', assessment: ASSESSMENT });
  });

  it('sends the recording id and an unknown domain as they are, and shows the question, not the template', async () => {
    const { store, sent, asked } = setup();
    const unknown = { id: 'r2', domain: 'unknown' as const, site: 'unknown' as const };
    await store.getState().loadAssessment(unknown);
    const run = await store.getState().ask({
      kind: 'classification',
      instruction: 'Is this {sound} normal?',
      question: 'Is this sound normal?',
      targets: [unknown],
    });
    expect(sent.map((r) => [r.id, r.domain, r.site])).toEqual([
      ['r2', 'unknown', 'unknown'],
      ['r2', 'unknown', 'unknown'],
    ]);
    expect(asked).toEqual(['Is this {sound} normal?']);
    expect(run?.question).toBe('Is this sound normal?');
  });
});

describe('recordings as the worker gets them', () => {
  it('names a saved recording by id only: the page reads no audio', async () => {
    const { store, sent } = setup();
    await store.getState().ask({ kind: 'free', instruction: 'saved', targets: [target] });
    await store.getState().loadAssessment(target);
    expect(sent).toEqual([
      { saved: true, id: 'r1', domain: 'heart', site: 'MV' },
      { saved: true, id: 'r1', domain: 'heart', site: 'MV' },
    ]);
  });

  it('sends provided audio (not saved) as PCM, beside a saved recording', async () => {
    const { store, sent } = setup();
    const samples = new Float32Array(7);
    store.getState().provideAudio('p1', { samples, sampleRateHz: 4000 });
    const run = await store.getState().ask({
      kind: 'comparison',
      instruction: 'practice',
      targets: [{ ...target, id: 'p1' }, target],
    });
    expect(run?.status).toBe('done');
    expect(sent).toEqual([
      { samples, sampleRateHz: 4000, id: 'p1', domain: 'heart', site: 'MV' },
      { saved: true, id: 'r1', domain: 'heart', site: 'MV' },
    ]);
    expect((sent[0] as { samples: Float32Array }).samples).toBe(samples);
  });
});

describe('run arithmetic', () => {
  it('computes tokens/s over decoding time and the time to first token', () => {
    let run = startRun('free', 'q', [target], 0);
    expect(tokensPerSecond(run, 10)).toBeNull();
    run = appendToken(run, 'a', 500); // first token after 500 ms of prompt processing
    for (let i = 1; i <= 10; i++) run = appendToken(run, 'b', 500 + i * 50);
    run = endRun(run, 1000);
    expect(timeToFirstTokenMs(run)).toBe(500);
    expect(tokensPerSecond(run, 99_999)).toBeCloseTo(20, 6); // 10 tokens over 0.5 s
    expect(endRun(run, 1, { name: 'aborted', message: '' }).status).toBe('aborted');
  });
});
