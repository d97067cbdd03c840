// loadEngine on models/tiny-random with the Node runtime: progress phases, streaming, abort, findings, and every
// error name the engine can raise on bad input (missing model, corrupted file, unknown backend, bad audio).
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_CONFIG, featureConfigHash } from '../core/features/config';
import { loadEngine } from './engine';
import { EngineError } from './errors';
import { createNodeRuntime } from './runtime-node';
import type { Engine, LoadProgress, RecordingInput } from './types';

const MODEL = path.resolve(import.meta.dirname, '../../models/tiny-random');
const runtime = createNodeRuntime();
const rec = (seconds: number): RecordingInput => ({
  samples: Float32Array.from({ length: seconds * 8000 }, (_, i) => 0.2 * Math.sin(i / 7) + 0.05 * Math.sin(i / 101)),
  sampleRateHz: 8000, domain: 'lung', site: 'posterior-left-lower',
});
let engine: Engine;
const progress: LoadProgress[] = [];

async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return (e as EngineError).name;
  }
  return 'no error';
}

beforeAll(async () => {
  engine = await loadEngine({ modelUrl: MODEL, backend: 'cpu', dtype: 'q4', onProgress: (p) => progress.push(p) }, runtime);
});
afterAll(() => engine.dispose());

describe('loadEngine (node runtime, tiny-random)', () => {
  it('reports download → compile → warmup and loads the manifest facts', () => {
    const phases = progress.map((p) => p.phase).filter((p, i, a) => a[i - 1] !== p);
    expect(phases).toEqual(['download', 'compile', 'warmup']);
    const last = progress.filter((p) => p.phase === 'download').at(-1)!;
    expect(last.loaded).toBe(last.total);
    expect(engine.manifest.id).toBe('tiny-random');
    expect([engine.backend, engine.dtype]).toEqual(['cpu', 'q4']);
  });

  it('uses the same feature definition the model was exported with (src/core/features, unchanged)', () => {
    expect(engine.manifest.featureConfigHash).toBe(featureConfigHash(FEATURE_CONFIG));
  });

  it('streams several text deltas for one recording and for two', async () => {
    for (const recordings of [[rec(12)], [rec(4), rec(3)]]) {
      const deltas: string[] = [];
      for await (const d of engine.ask({ instruction: 'Describe the sounds.', recordings, maxNewTokens: 16 })) deltas.push(d);
      expect(deltas.length).toBeGreaterThan(1);
      expect(deltas.every((d) => d.length > 0)).toBe(true);
    }
  });

  it('stops at once on abort, then answers the next question', async () => {
    const ac = new AbortController();
    let seen = 0;
    const run = async () => {
      for await (const _ of engine.ask({ instruction: 'Go on.', recordings: [rec(2)], maxNewTokens: 200 }, ac.signal)) {
        void _;
        if (++seen === 2) ac.abort();
      }
    };
    expect(await errorOf(run())).toBe('aborted');
    expect(seen).toBe(2);
    let next = 0;
    for await (const _ of engine.ask({ instruction: 'Again.', recordings: [rec(2)], maxNewTokens: 4 })) next += _.length > 0 ? 1 : 0;
    expect(next).toBeGreaterThan(0);
  });

  it('gives a probability per finding label, averaged over windows', async () => {
    const f = await engine.findings(rec(25)); // 25 s → 3 windows of 10.24 s
    expect(f.map((x) => x.label)).toEqual(engine.manifest.architecture.heads.labels);
    expect(f.length).toBeGreaterThan(0);
    for (const { probability } of f) {
      expect(probability).toBeGreaterThan(0);
      expect(probability).toBeLessThan(1);
    }
  });

  it('rejects unusable audio with bad-audio', async () => {
    const nan = { ...rec(1), samples: new Float32Array(4000).fill(NaN) };
    expect(await errorOf(engine.findings(nan))).toBe('bad-audio');
    expect(await errorOf(engine.findings({ ...rec(1), samples: new Float32Array(0) }))).toBe('bad-audio');
  });
});

describe('loadEngine errors', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'auscult-engine-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('model-not-found for a folder without a manifest', async () => {
    expect(await errorOf(loadEngine({ modelUrl: path.join(dir, 'nothing'), backend: 'cpu' }, runtime))).toBe('model-not-found');
  });

  it('backend-unavailable for a backend the runtime cannot run', async () => {
    expect(await errorOf(loadEngine({ modelUrl: MODEL, backend: 'webgpu' }, runtime))).toBe('backend-unavailable');
  });

  it('hash-mismatch when a file differs from the manifest', async () => {
    const copy = path.join(dir, 'corrupt');
    await cp(MODEL, copy, { recursive: true });
    const file = path.join(copy, 'tokenizer_config.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('PreTrainedTokenizerFast', 'PreTrainedTokenizerFasT'));
    expect(await errorOf(loadEngine({ modelUrl: copy, backend: 'cpu' }, runtime))).toBe('hash-mismatch');
  });
});
