// loadEngine on models/tiny-random with the Node runtime: progress phases, streaming, abort, assessment, and every
// error name the engine can raise on bad input (missing model, corrupted file, unknown backend, bad audio).
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_CONFIG, featureConfigHash } from '../core/features/config';
import { parseAnswer } from '../core/tasks/parse';
import { conditioningOf, loadEngine, promptOf } from './engine';
import { EngineError } from './errors';
import { createNodeRuntime } from './runtime-node';
import type { Engine, LoadProgress, RecordingInput } from './types';

const MODEL = path.resolve(import.meta.dirname, '../../models/tiny-random');
const runtime = createNodeRuntime();
const rec = (seconds: number): RecordingInput => ({
  samples: Float32Array.from(
    { length: seconds * 8000 },
    (_, i) => 0.2 * Math.sin(i / 7) + 0.05 * Math.sin(i / 101),
  ),
  sampleRateHz: 8000,
  domain: 'lung',
  site: 'posterior-left-lower',
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
  engine = await loadEngine(
    { modelUrl: MODEL, backend: 'cpu', dtype: 'q4', onProgress: (p) => progress.push(p) },
    runtime,
  );
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
      for await (const d of engine.ask({ instruction: 'Describe the sounds.', recordings, maxNewTokens: 16 }))
        deltas.push(d);
      expect(deltas.length).toBeGreaterThan(1);
      expect(deltas.every((d) => d.length > 0)).toBe(true);
    }
  });

  it('stops at once on abort, then answers the next question', async () => {
    const ac = new AbortController();
    let seen = 0;
    const run = async () => {
      for await (const _ of engine.ask(
        { instruction: 'Go on.', recordings: [rec(2)], maxNewTokens: 200 },
        ac.signal,
      )) {
        void _;
        if (++seen === 2) ac.abort();
      }
    };
    expect(await errorOf(run())).toBe('aborted');
    expect(seen).toBe(2);
    let next = 0;
    for await (const _ of engine.ask({ instruction: 'Again.', recordings: [rec(2)], maxNewTokens: 4 }))
      next += _.length > 0 ? 1 : 0;
    expect(next).toBeGreaterThan(0);
  });

  it('assesses every window: per-window probabilities, their mean per label, and the window the decoder hears', async () => {
    const r = rec(25);
    const a = await engine.assess(r); // 25 s at 8 kHz → 3 windows of 10.24 s (the last one partial)
    expect(a.findings.map((x) => x.label)).toEqual(engine.manifest.architecture.heads.labels);
    expect(a.windows.map((w) => w.index)).toEqual([0, 1, 2]);
    expect([a.windowCount, a.windowSeconds]).toEqual([3, 10.24]);
    for (const [j, { probability }] of a.findings.entries()) {
      expect(probability).toBeGreaterThan(0);
      expect(probability).toBeLessThan(1);
      const mean = a.windows.reduce((s, w) => s + w.probabilities[j], 0) / a.windows.length;
      expect(Math.abs(probability - mean)).toBeLessThan(1e-12);
    }
    expect(a.windows.map((w) => w.index)).toContain(a.representative);
    expect(a.domain).toEqual({
      value: 'lung',
      source: 'given',
      pLung: a.findings.find((f) => f.label === 'lung')!.probability,
    });
    expect(a.uncertainty).toEqual({ uncertain: false, reasons: [] }); // tiny-random's manifest has no uncertainty block
    // tiny-random has a (random) frame-level event head: its spans lie inside the recording, in time order
    expect(a.events?.channels.map((c) => c.name)).toEqual(['discontinuous', 'continuous']);
    const durationS = r.samples.length / r.sampleRateHz;
    for (const s of a.events!.spans) {
      expect(s.startS).toBeGreaterThanOrEqual(0);
      expect(s.endS).toBeLessThanOrEqual(durationS);
      expect(s.endS - s.startS).toBeGreaterThanOrEqual(engine.manifest.frameEvents!.minSpanS - 1e-6);
    }
    expect(a.events!.spans.map((s) => s.startS)).toEqual(
      a.events!.spans.map((s) => s.startS).sort((x, y) => x - y),
    );
  });

  it('decides heart or lung from the domain head when the domain is unknown, and caches per recording audio', async () => {
    const r = { ...rec(12), domain: 'unknown' as const };
    const t0 = performance.now();
    const a = await engine.assess(r);
    const first = performance.now() - t0;
    const t1 = performance.now();
    const again = await engine.assess({ ...r, site: 'AV' }); // same samples: the cached scores
    const second = performance.now() - t1;
    console.log(`assess 12 s: ${first.toFixed(1)} ms, again (cached) ${second.toFixed(2)} ms`);
    expect(a.domain.source).toBe('audio');
    expect(a.domain.value).toBe(a.domain.pLung! >= 0.5 ? 'lung' : 'heart');
    expect(again.windows).toBe(a.windows);
    const deltas: string[] = [];
    for await (const d of engine.ask({
      instruction: 'Is this {sound} normal?',
      recordings: [r],
      maxNewTokens: 4,
    }))
      deltas.push(d);
    expect(deltas.length).toBeGreaterThan(0);
  });

  it('names the decided domain in the prompt and fills the {sound} placeholder with it', async () => {
    const unknown = { ...rec(12), domain: 'unknown' as const, site: 'unknown' as const };
    const a = await engine.assess(unknown);
    const lung = { ...a, domain: { value: 'lung' as const, source: 'audio' as const, pLung: 0.9 } };
    const c = conditioningOf({ instruction: 'Is this {sound} normal?', recordings: [unknown] }, [
      { assessment: lung, features: new Float32Array(1) },
    ]);
    const text = promptOf(c, 2);
    expect(text).toContain('Recording 1 (lung, unknown)');
    expect(text).toContain('Is this lung sound normal?');
  });

  it('rejects unusable audio with bad-audio', async () => {
    const nan = { ...rec(1), samples: new Float32Array(4000).fill(NaN) };
    expect(await errorOf(engine.assess(nan))).toBe('bad-audio');
    expect(await errorOf(engine.assess({ ...rec(1), samples: new Float32Array(0) }))).toBe('bad-audio');
  });
});

describe('loadEngine errors', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'auscult-engine-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('model-not-found for a folder without a manifest', async () => {
    expect(await errorOf(loadEngine({ modelUrl: path.join(dir, 'nothing'), backend: 'cpu' }, runtime))).toBe(
      'model-not-found',
    );
  });

  it('backend-unavailable for a backend the runtime cannot run', async () => {
    expect(await errorOf(loadEngine({ modelUrl: MODEL, backend: 'webgpu' }, runtime))).toBe(
      'backend-unavailable',
    );
  });

  it('an uncertain recording answer opens with the uncertainty sentence, read back as the verdict uncertain', async () => {
    const copy = path.join(dir, 'abstaining');
    await cp(MODEL, copy, { recursive: true });
    const file = path.join(copy, 'manifest.json');
    const m = JSON.parse(await readFile(file, 'utf8'));
    m.uncertainty = {
      abnormalBand: [0, 1],
      poorQualityMax: 1,
      domainMargin: 0,
      calibratedOn: 'test: always low confidence',
    };
    await writeFile(file, JSON.stringify(m));
    const e = await loadEngine({ modelUrl: copy, backend: 'cpu', dtype: 'q4' }, runtime);
    try {
      const r = rec(4);
      expect((await e.assess(r)).uncertainty).toEqual({ uncertain: true, reasons: ['low-confidence'] });
      const deltas: string[] = [];
      for await (const d of e.ask({
        instruction: 'Is this lung sound normal?',
        recordings: [r],
        maxNewTokens: 8,
      }))
        deltas.push(d);
      console.log(`abstaining answer: ${JSON.stringify(deltas.join(''))}`);
      expect(deltas[0]).toMatch(
        /^Uncertain: the recording gives no confident normal\/abnormal call \(P\(abnormal\) = 0\.\d\d\)\. $/,
      );
      expect(deltas.length).toBeGreaterThan(1); // the model's own answer follows
      expect(parseAnswer(deltas.join('')).verdict).toBe('uncertain');
    } finally {
      await e.dispose();
    }
  });

  it('with a verdict rule, a task answer opens with the verdict the heads decided and the decoder continues', async () => {
    const answers: Record<string, string> = {};
    for (const threshold of [0, 1]) {
      const copy = path.join(dir, `verdict-${threshold}`);
      await cp(MODEL, copy, { recursive: true });
      const file = path.join(copy, 'manifest.json');
      const m = JSON.parse(await readFile(file, 'utf8'));
      m.verdict = {
        heart: { heads: ['murmur'], threshold },
        lung: { heads: ['crackles', 'wheeze'], threshold },
        undecided: { head: 'poor-quality', threshold: 1 },
        calibratedOn: `test: threshold ${threshold}`,
      };
      await writeFile(file, JSON.stringify(m));
      const e = await loadEngine({ modelUrl: copy, backend: 'cpu', dtype: 'q4' }, runtime);
      try {
        const r = rec(4);
        const a = await e.assess(r);
        const strongest = Math.max(
          ...a.findings.filter((f) => ['crackles', 'wheeze'].includes(f.label)).map((f) => f.probability),
        );
        expect(a.verdict?.evidence.probability).toBe(strongest);
        const expected = threshold === 0 || strongest >= threshold ? 'abnormal' : 'normal';
        expect(a.verdict?.value).toBe(expected);
        const ask = async (task?: 'classification') => {
          const deltas: string[] = [];
          for await (const d of e.ask({
            instruction: 'Is this lung sound normal?',
            recordings: [r],
            maxNewTokens: 6,
            task,
          }))
            deltas.push(d);
          return deltas;
        };
        const deltas = await ask('classification');
        expect(deltas[0]).toBe(expected === 'abnormal' ? 'Abnormal.' : 'Normal.');
        expect(deltas.length).toBeGreaterThan(1); // the decoder's continuation follows
        answers[threshold] = deltas.join('');
        expect(parseAnswer(answers[threshold]).verdict).toBe(expected);
        const free = await ask();
        expect(free[0]).not.toBe(deltas[0]); // a free question is not opened for the model
      } finally {
        await e.dispose();
      }
    }
    console.log(`verdict-opened answers: ${JSON.stringify(answers)}`);
  });

  it('hash-mismatch when a file differs from the manifest', async () => {
    const copy = path.join(dir, 'corrupt');
    await cp(MODEL, copy, { recursive: true });
    const file = path.join(copy, 'tokenizer_config.json');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace('PreTrainedTokenizerFast', 'PreTrainedTokenizerFasT'),
    );
    expect(await errorOf(loadEngine({ modelUrl: copy, backend: 'cpu' }, runtime))).toBe('hash-mismatch');
  });
});
