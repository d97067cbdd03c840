// Medians, browser rows with floors, targets, the strict flag parser, model choice and the generated report.
import { describe, expect, it } from 'vitest';
import type { ModelArchitecture } from '../../src/core/manifest/architecture';
import { tinyArchitecture } from '../../src/core/manifest/fixtures';
import { parseSpeedFlags, pickModel, planSpeed } from './speed-plan';
import { meanDecoderFlops } from './speed-flops';
import { speedMarkdown } from './speed-report';
import {
  browserRow,
  median,
  trainRow,
  wasmTargets,
  type PageNumbers,
  type SpeedResults,
} from './speed-results';

const ARCH: ModelArchitecture = tinyArchitecture();

const PAGE: PageNumbers = {
  backend: 'wasm',
  dtype: 'q4',
  reason: 'wasm was chosen explicitly',
  downloadBytes: 166_520,
  audioTokensPerWindow: 16,
  coldLoadMs: [900, 700, 800],
  warmLoadMs: [500, 400, 600],
  featuresMs: [20, 30, 25],
  findingsMs: [45, 40, 50],
  ttftMs: [200, 260, 240],
  decodeTokens: [64, 64, 64],
  decodeTokensPerS: [70, 50, 80],
  allSevenMs: [9000, 11000, 10000],
  allSevenLongMs: [1500, 1900, 2500],
  pageHeapPeakBytes: 4e6,
  warmPhasesMs: [
    { start: 50, read: 10, compile: 300, warmup: 140 },
    { start: 40, read: 20, compile: 200, warmup: 140 },
    { start: 60, read: 30, compile: 400, warmup: 110 },
  ],
  workerWasmPeakBytes: 48 * 2 ** 20,
};

describe('speed results', () => {
  it('median of odd, even and empty lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('a browser row takes medians, derives encoder and TTFT after features, and the decode floor ratio', () => {
    const r = browserRow(PAGE, ARCH, { bestFlops: 1e10, wasmFlops: null }, 5e6);
    expect(r.coldLoadMs.median).toBe(800);
    expect(r.encoderMs).toBe(20); // findings 45 − features 25
    expect(r.ttftAfterFeaturesMs).toBe(215);
    expect(r.heapPeakBytes).toBe(5e6);
    expect(r.warmPhasesMs).toEqual({ start: 50, read: 20, compile: 300, warmup: 140 }); // per-phase medians
    expect(r.workerWasmPeakBytes).toBe(48 * 2 ** 20);
    const old = browserRow(
      { ...PAGE, warmPhasesMs: undefined, workerWasmPeakBytes: undefined },
      ARCH,
      { bestFlops: null, wasmFlops: null },
      null,
    );
    expect([old.warmPhasesMs, old.workerWasmPeakBytes]).toEqual([null, null]); // results files from before the split
    const floorMsPerToken = (meanDecoderFlops(ARCH.decoder, 48, 112) / 1e10) * 1000; // 16 audio + 32 text, then 64 new
    expect(r.decodeFloor.best).toBeCloseTo(1000 / 70 / floorMsPerToken, 6);
    expect(r.decodeFloor.wasm).toBeNull();
    console.log(
      `decode × floor ${r.decodeFloor.best?.toFixed(1)}, encoder × floor ${r.encoderFloor.best?.toFixed(1)}`,
    );
  });

  it('encoder time is unknown (not zero) when findings are not slower than features', () => {
    expect(
      browserRow({ ...PAGE, findingsMs: [10, 10, 10] }, ARCH, { bestFlops: 1e10, wasmFlops: 1e9 }, null)
        .encoderMs,
    ).toBeNull();
  });

  it('targets: pass/miss on the bounds, not measured without a WASM row', () => {
    const ts = wasmTargets(browserRow(PAGE, ARCH, { bestFlops: null, wasmFlops: null }, null));
    expect(ts.map((t) => t.pass)).toEqual([true, true, true, true, true]);
    const slow = wasmTargets(
      browserRow(
        { ...PAGE, decodeTokensPerS: [10, 10, 10], warmLoadMs: [2500, 2500, 2500] },
        ARCH,
        { bestFlops: null, wasmFlops: null },
        null,
      ),
    );
    expect(slow.map((t) => t.pass)).toEqual([true, false, true, true, false]);
    const before = wasmTargets(
      browserRow({ ...PAGE, allSevenLongMs: undefined }, ARCH, { bestFlops: null, wasmFlops: null }, null),
    );
    expect(before[3]).toMatchObject({
      name: 'all seven tasks on a 60 s recording, every window used',
      value: null,
      pass: null,
    });
    expect(ts[3]).toMatchObject({ value: 1.9, pass: true });
    expect(wasmTargets(undefined).every((t) => t.pass === null)).toBe(true);
  });

  it('a training row turns step time into tokens/s and examples/s', () => {
    const r = trainRow(
      {
        backend: 'wasm',
        reason: 'x',
        architecture: ARCH,
        batch: 4,
        seqLen: 50,
        stepMs: [400, 600, 500],
        matmulGflops: [5],
        tokensPerStep: 200,
      },
      { bestFlops: 1e10, wasmFlops: 5e9 },
    );
    expect(r.tokensPerS).toBeCloseTo(400, 9);
    expect(r.examplesPerS).toBeCloseTo(8, 9);
    expect(r.floor.wasm! / r.floor.best!).toBeCloseTo(0.5, 9); // the wasm floor is twice as long, so half the ratio
  });
});

describe('speed flags and plan', () => {
  it('rejects unknown flags and reads values both ways', () => {
    expect(() => parseSpeedFlags(['--fast'])).toThrow(/unknown argument '--fast'/);
    expect(parseSpeedFlags(['--quick', '--runs', '2', '--model=tiny-random'])).toEqual({
      quick: 'true',
      runs: '2',
      model: 'tiny-random',
    });
    expect(() => planSpeed({ runs: '0' })).toThrow(/--runs/);
    expect(() => planSpeed({ backends: 'cuda' })).toThrow(/--backends/);
  });

  it('quick plans a short run that writes nothing over the real results', () => {
    const p = planSpeed({ quick: 'true' });
    expect(p.modelId).toBe('tiny-random');
    expect(p.runs).toBe(1);
    expect(p.out).not.toBe('bench/results.json');
    expect(p.docs).not.toBe('docs/benchmarks.md');
    expect(planSpeed({}).cases).toHaveLength(4);
  });

  it('prefers auscult-v1 when exported and says why', () => {
    expect(pickModel(undefined, false, () => true)).toEqual({ id: 'auscult-v1', why: 'the shipped model' });
    expect(pickModel(undefined, false, () => false).id).toBe('tiny-random');
    expect(pickModel('x', true, () => true).id).toBe('x');
  });
});

describe('speed report', () => {
  it('renders every section from the results, including failures', () => {
    const row = browserRow(PAGE, ARCH, { bestFlops: 1e10, wasmFlops: 5e9 }, null);
    const results: SpeedResults = {
      generatedAt: 'T',
      command: 'npm run bench -- speed',
      quick: false,
      machine: {
        cpuModel: 'CPU',
        cores: 2,
        memoryGiB: 8,
        platform: 'Linux',
        node: 'v20',
        loadAverage: [1, 2, 3],
        loadAverageEnd: [1, 1, 1],
        chromium: '156',
        adapter: null,
      },
      model: {
        id: 'tiny-random',
        why: 'test',
        defaultDtype: 'q4',
        architecture: ARCH,
        files: [{ path: 'onnx/a.onnx', bytes: 1024 }],
      },
      settings: { runs: 3, maxNewTokens: 64, taskMaxNewTokens: 256, trainConfig: 'full' },
      floors: {
        sgemm1ThreadGflops: { runs: [10], median: 10 },
        sgemmAllThreadsGflops: 'addon missing',
        bestFlops: 1e10,
        wasmFlops: 5e9,
      },
      browser: [
        { case: { backend: 'wasm', dtype: 'q4' }, wallMs: 1, row },
        { case: { backend: 'webgpu', dtype: 'q4' }, wallMs: 1, error: 'timed out' },
      ],
      training: [{ backend: 'tfjs-node', error: 'not installed' }],
      eval: [],
      targets: wasmTargets(row),
      firstVisit: {
        generatedAt: 'T',
        command: 'npm run bench -- first-visit',
        modelId: 'auscult-v1',
        backend: 'wasm',
        targetBytes: 20e6,
        bytes: { total: 18_137_403, app: 374_391, runtime: 14_275_269, model: 3_487_743 },
        files: [
          { path: '/assets/ort-wasm-simd-threaded-x.wasm', kind: 'runtime', bytes: 14_265_468, fetches: 1 },
        ],
      },
    };
    expect(speedMarkdown({ ...results, firstVisit: undefined })).toContain(
      'Not measured yet: `npm run bench -- first-visit`.',
    );
    const md = speedMarkdown(results);
    for (const s of [
      '| wasm | q4 | 0.16 MiB | 800 (3) |',
      'webgpu q4: **failed** — timed out',
      '| decode rate | ≥ 60 tokens/s | 70 tokens/s | pass |',
      'not run: not installed',
      'unavailable: addon missing',
      '| wasm | q4 | 500 (3) | 50 | 20 | 300 | 140 | 48.00 MiB | 3.81 MiB |',
      '| total | 18.14 MB | pass (target ≤ 20.00 MB) |',
      '| `/assets/ort-wasm-simd-threaded-x.wasm` | runtime | 14265468 | 1 |',
    ])
      expect(md).toContain(s);
  });
});
