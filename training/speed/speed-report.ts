// docs/benchmarks.md from bench/results.json: every number comes from the results object, none is typed here.
import { decoderTokenFlops, encoderFlops } from './speed-flops';
import type { FirstVisitResult } from './speed-first-visit';
import type { BrowserRow, SpeedResults, Stat, Target, TrainRow, EvalRow } from './speed-results';

const num = (x: number | null | undefined, digits = 0): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits);
const med = (s: Stat, digits = 0): string =>
  `${num(s.median, digits)}${s.runs.length > 1 ? ` (${s.runs.length})` : ''}`;
const mb = (bytes: number | null): string => (bytes === null ? '—' : `${(bytes / 2 ** 20).toFixed(2)} MiB`);
const times = (x: number | null): string => (x === null ? '—' : `${x.toFixed(1)}×`);
const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;
const table = (head: string[], rows: string[][]): string[] => [
  row(head),
  row(head.map(() => '---')),
  ...rows.map(row),
];

function machine(r: SpeedResults): string[] {
  const m = r.machine;
  const adapter = m.adapter as {
    vendor?: string;
    architecture?: string;
    description?: string;
    isFallbackAdapter?: boolean | null;
  } | null;
  const gpu = adapter
    ? `${adapter.vendor} ${adapter.architecture} ${adapter.description ?? ''}${adapter.isFallbackAdapter ? ' (fallback/software adapter)' : ''}`.trim()
    : 'none';
  return table(
    ['machine', ''],
    [
      ['CPU', `${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB`],
      ['OS / Node', `${m.platform} / ${m.node}`],
      ['Chromium', m.chromium ?? 'not run'],
      ['WebGPU adapter', gpu],
      [
        'load average (1/5/15 min) at start → end',
        `${m.loadAverage.join(' ')} → ${m.loadAverageEnd.join(' ')}`,
      ],
    ],
  );
}

function browser(r: SpeedResults): string[] {
  const ok = r.browser.filter((b): b is typeof b & { row: BrowserRow } => b.row !== undefined);
  const rows = ok.map(({ case: c, row: b }) => [
    `${b.backend}${b.backend === c.backend ? '' : ` (asked ${c.backend})`}`,
    b.dtype,
    mb(b.downloadBytes),
    med(b.coldLoadMs),
    med(b.warmLoadMs),
    med(b.featuresMs, 1),
    med(b.findingsMs, 1),
    num(b.encoderMs, 1),
    med(b.ttftMs),
    num(b.ttftAfterFeaturesMs),
    med(b.decodeTokensPerS, 1),
    num(b.allSevenMs.median / 1000, 2),
    b.allSevenLongMs ? num(b.allSevenLongMs.median / 1000, 2) : '–',
    mb(b.heapPeakBytes),
    `${times(b.encoderFloor.best)} / ${times(b.encoderFloor.wasm)}`,
    `${times(b.decodeFloor.best)} / ${times(b.decodeFloor.wasm)}`,
  ]);
  const failed = r.browser
    .filter((b) => b.error)
    .map((b) => `- ${b.case.backend} ${b.case.dtype}: **failed** — ${b.error}`);
  const reasons = ok.map(({ row: b }) => `- ${b.backend} ${b.dtype}: ${b.reason}`);
  return [
    ...table(
      [
        'backend',
        'dtype',
        'download',
        'cold load ms',
        'warm load ms',
        'features ms',
        'findings ms',
        'encoder ms ≈',
        'TTFT ms',
        'TTFT after features ms',
        'decode tokens/s',
        'all seven s',
        'all seven, 60 s recording s',
        'peak JS heap',
        'encoder × floor (BLAS / wasm)',
        'decode × floor (BLAS / wasm)',
      ],
      rows,
    ),
    '',
    "Why each backend ran (from the worker's ready event):",
    '',
    ...reasons,
    ...(failed.length ? ['', ...failed] : []),
  ];
}

/** Where a warm load's time goes, and the memory the worker holds beside the page's heap. */
function loadAndMemory(r: SpeedResults): string[] {
  const ok = r.browser.filter((b): b is typeof b & { row: BrowserRow } => b.row !== undefined);
  const rows = ok.map(({ row: b }) => {
    const p = b.warmPhasesMs;
    return [
      b.backend,
      b.dtype,
      med(b.warmLoadMs),
      num(p?.start),
      num(p?.read),
      num(p?.compile),
      num(p?.warmup),
      mb(b.workerWasmPeakBytes),
      mb(b.heapPeakBytes),
    ];
  });
  return table(
    [
      'backend',
      'dtype',
      'warm load ms',
      'worker start + manifest ms',
      'read + sha256 ms',
      'ORT init + sessions ms',
      'one-token warm-up ms',
      'worker wasm memory (peak)',
      'page JS heap (peak)',
    ],
    rows,
  );
}

function targets(ts: Target[]): string[] {
  return table(
    ['target (WASM, default dtype)', 'bound', 'measured', ''],
    ts.map((t) => [
      t.name,
      t.bound,
      `${num(t.value, t.unit === 's' ? 2 : 0)} ${t.unit}`,
      t.pass === null ? 'not measured' : t.pass ? 'pass' : 'miss',
    ]),
  );
}

function training(r: SpeedResults): string[] {
  const rows = r.training.map((t) =>
    'error' in t
      ? [t.backend, `not run: ${t.error}`, '—', '—', '—', '—', '—', '—']
      : ((x: TrainRow) => [
          x.backend,
          x.reason,
          `${x.batch} × ${x.seqLen}`,
          med(x.stepMs),
          num(x.tokensPerS),
          num(x.examplesPerS, 2),
          med(x.matmulGflops, 1),
          `${times(x.floor.best)} / ${times(x.floor.wasm)}`,
        ])(t),
  );
  return table(
    [
      'backend',
      'why',
      'batch × tokens',
      'step ms',
      'tokens/s',
      'examples/s',
      'matmul GFLOP/s (512³)',
      'step × floor (BLAS / wasm)',
    ],
    rows,
  );
}

function evals(r: SpeedResults): string[] {
  const rows = r.eval.map((e) =>
    'error' in e
      ? [e.dtype, `not run: ${e.error}`, '—', '—', '—']
      : ((x: EvalRow) => [
          `${x.modelId} ${x.dtype} on ${x.backend}`,
          num(x.loadMs),
          String(x.items),
          med(x.passS, 2),
          med(x.itemsPerS, 2),
        ])(e),
  );
  return table(['model', 'load ms', 'items per pass', 's per pass', 'items/s'], rows);
}

function floors(r: SpeedResults): string[] {
  const f = r.floors;
  const g = (s: Stat | string): string =>
    typeof s === 'string' ? `unavailable: ${s}` : `${med(s, 1)} GFLOP/s`;
  const a = r.model.architecture;
  return table(
    ['reference', ''],
    [
      ['OpenBLAS sgemm 512³, 1 thread', g(f.sgemm1ThreadGflops)],
      [`OpenBLAS sgemm 512³, ${r.machine.cores} threads`, g(f.sgemmAllThreadsGflops)],
      [
        'floor "BLAS" (the faster of the two)',
        f.bestFlops === null ? 'not measured' : `${num(f.bestFlops / 1e9, 1)} GFLOP/s`,
      ],
      [
        'tfjs-backend-wasm matMul 512³ (floor "wasm")',
        f.wasmFlops === null ? 'not measured' : `${num(f.wasmFlops / 1e9, 1)} GFLOP/s`,
      ],
      ['encoder + projector FLOPs per 10.24 s window', num(encoderFlops(a))],
      ['decoder FLOPs per token (position 0)', num(decoderTokenFlops(a.decoder, 0))],
    ],
  );
}

const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(2)} MB`;

/** The bytes a first visit fetched on the WASM path, per kind and per file (MB = 10^6 bytes, as in the target). */
function firstVisit(f: FirstVisitResult | undefined): string[] {
  if (!f) return ['Not measured yet: `npm run bench -- first-visit`.'];
  const pass = f.bytes.total <= f.targetBytes;
  return [
    `From \`${f.command}\` at ${f.generatedAt}, model ${f.modelId}, answered on ${f.backend}. A fresh profile opens the app, waits until the service worker controls it (precache fetched), imports a recording and asks one question on WASM, which downloads the model. ` +
      'Bytes are what came over the network (headers + encoded body, as `vite preview` serves them) for the page, its workers and the service worker; responses the service worker or the HTTP cache answered count zero.',
    '',
    ...table(
      ['fetched', 'bytes', ''],
      [
        ['app (HTML, JS, CSS, icons, service worker)', megabytes(f.bytes.app), ''],
        ['ORT runtime (onnxruntime-web build)', megabytes(f.bytes.runtime), ''],
        ['model', megabytes(f.bytes.model), ''],
        [
          'total',
          megabytes(f.bytes.total),
          `${pass ? 'pass' : 'miss'} (target ≤ ${megabytes(f.targetBytes)})`,
        ],
      ],
    ),
    '',
    ...table(
      ['file', 'kind', 'bytes', 'network fetches'],
      f.files.map((x) => [`\`${x.path}\``, x.kind, String(x.bytes), String(x.fetches)]),
    ),
  ];
}

export function speedMarkdown(r: SpeedResults): string {
  const files = r.model.files.map((f) => `${f.path} ${mb(f.bytes)}`).join(', ');
  return [
    '# Benchmarks',
    '',
    `Generated by \`${r.command}\` at ${r.generatedAt}${r.quick ? ' (quick: harness check only, not a measurement)' : ''}; raw runs in \`bench/results.json\`. Do not edit by hand.`,
    `Model: **${r.model.id}** (${r.model.why}; default dtype ${r.model.defaultDtype}). Files: ${files}.`,
    `Each figure is the median of ${r.settings.runs} run(s) (count in brackets); decode uses ${r.settings.maxNewTokens} new tokens, each task answer at most ${r.settings.taskMaxNewTokens}.`,
    '',
    '## Machine',
    '',
    ...machine(r),
    '',
    '## Browser (production build, headless Chromium, app path: inference client → worker → engine)',
    '',
    'Load = `load` until the worker is ready (download or Cache Storage read, sha256 checks, session compile, one-token warm-up); cold starts with an empty model cache, warm reads the files the cold load kept. ' +
      'Features = resample + log-mel + windows of a 10 s 48 kHz recording on the page thread; findings = the findings request through the worker (features + encoder + heads), so encoder ≈ findings − features. ' +
      'TTFT = ask → first streamed token (features, encoder, prefill, first step); tokens are streamed text deltas. Peak JS heap is that of the page (performance.memory and CDP JSHeapUsedSize); the worker\'s WebAssembly memory (ORT\'s heap: weights, activations, KV cache) is reported by the worker itself in the next table (Chromium has no performance.memory in workers, and measureUserAgentSpecificMemory needs cross-origin isolation). "× floor" = measured time over the time the same FLOPs take at the reference matmul rate below.',
    '',
    ...browser(r),
    '',
    '### Warm load by phase, and worker memory',
    '',
    "Phases start at the first progress event of each: worker start + manifest, model files read from Cache Storage and sha256-checked, ORT initialisation and session creation (WASM runs ORT's plain CPU build, WebGPU its asyncify build), and the one-token warm-up answer.",
    '',
    ...loadAndMemory(r),
    '',
    '## Targets (benchmarks, not tests)',
    '',
    ...targets(r.targets),
    '',
    '## First visit on the WASM path: bytes fetched',
    '',
    ...firstVisit(r.firstVisit),
    '',
    `## Node: training throughput per compute backend (fixed synthetic SFT batch, training/model code, config ${r.settings.trainConfig || '—'})`,
    '',
    ...training(r),
    '',
    '## Node: eval throughput (createEngineResponder: src/engine on onnxruntime-node, the seven task questions)',
    '',
    ...evals(r),
    '',
    '## Compute floor references',
    '',
    ...floors(r),
    '',
  ].join('\n');
}
