// `npm run bench -- first-visit`: the bytes a first visit fetches on the WASM path (app, ORT runtime, model), counted
// in headless Chromium from every response the page, its workers and the service worker's precache received.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseCli } from '../cli/args';
import { chromium, type BrowserContext, type Request } from 'playwright-core';
import { encodeWav16 } from '../../src/core/audio/wav';
import { buildApp, CHROMIUM_ARGS, findChromium, startPreview } from './speed-browser';
import { speedMarkdown } from './speed-report';
import type { SpeedResults } from './speed-results';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** What a fetched path is for: the ORT runtime build, the model folder, or the rest of the app. */
export type FetchKind = 'app' | 'runtime' | 'model';

export interface FetchedFile {
  path: string;
  kind: FetchKind;
  /** Bytes received over the network (headers + encoded body); 0 when the HTTP cache answered. */
  bytes: number;
  /** How often it was fetched over the network (a second fetch of the same file is waste). */
  fetches: number;
}

export interface FirstVisitResult {
  generatedAt: string;
  command: string;
  modelId: string;
  /** The backend the app reported for the answer (the data-backend of its badge). */
  backend: string;
  bytes: Record<FetchKind | 'total', number>;
  files: FetchedFile[];
  /** The budget for the total (bytes), 20 MB: docs/benchmarks.md reports against it. */
  targetBytes: number;
}

export const FIRST_VISIT_TARGET_BYTES = 20e6;

export function kindOf(urlPath: string): FetchKind {
  if (urlPath.startsWith('/models/')) return 'model';
  if (/\/ort-wasm[^/]*$/.test(urlPath)) return 'runtime';
  return 'app';
}

/** Sums what came over the network, per path; responses a service worker answered were counted when it fetched them. */
export function summarize(seen: { url: string; bytes: number }[]): {
  bytes: FirstVisitResult['bytes'];
  files: FetchedFile[];
} {
  const byPath = new Map<string, FetchedFile>();
  for (const s of seen) {
    const p = new URL(s.url).pathname;
    const f = byPath.get(p) ?? { path: p, kind: kindOf(p), bytes: 0, fetches: 0 };
    f.bytes += Math.max(0, s.bytes);
    if (s.bytes > 0) f.fetches++;
    byPath.set(p, f);
  }
  const files = [...byPath.values()].sort((a, b) => b.bytes - a.bytes);
  const sum = (k?: FetchKind) => files.filter((f) => !k || f.kind === k).reduce((n, f) => n + f.bytes, 0);
  return { bytes: { total: sum(), app: sum('app'), runtime: sum('runtime'), model: sum('model') }, files };
}

/** Records network bytes for every request of the context: pages, dedicated workers and service workers. */
function countResponses(context: BrowserContext): {
  seen: { url: string; bytes: number }[];
  settled(): Promise<void>;
} {
  const seen: { url: string; bytes: number }[] = [];
  const pending = new Set<Promise<void>>();
  context.on('requestfinished', (r: Request) => {
    const p = (async () => {
      const res = await r.response();
      if (!res || res.fromServiceWorker() || r.url().startsWith('data:') || r.url().startsWith('blob:'))
        return;
      const s = await r.sizes();
      // Chromium reports no body size for some service-worker script loads (-1 or less): count their decoded size.
      const body = s.responseBodySize >= 0 ? s.responseBodySize : (await res.body()).byteLength;
      seen.push({ url: r.url(), bytes: body + s.responseHeadersSize });
    })().catch(() => undefined);
    pending.add(p);
    void p.finally(() => pending.delete(p));
  });
  return { seen, settled: async () => void (await Promise.all([...pending])) };
}

/** A 10 s synthetic heart-like recording (thumps at 72 /min) to ask about; imported from disk, not fetched. */
function sampleWav(file: string): void {
  const rateHz = 4000;
  const x = new Float32Array(rateHz * 10);
  for (let i = 0; i < x.length; i++) {
    const t = (i / rateHz) % (60 / 72);
    x[i] =
      0.5 * Math.exp(-t * 40) * Math.sin(2 * Math.PI * 50 * t) +
      0.3 * Math.exp(-Math.max(0, t - 0.3) * 40) * (t > 0.3 ? Math.sin(2 * Math.PI * 70 * t) : 0);
  }
  writeFileSync(file, encodeWav16(x, rateHz));
}

/**
 * A first visit: fresh profile, the app, its service worker installed (precache fetched), then one question on WASM
 * about an imported recording, which downloads the model. Counts every byte that came over the network meanwhile.
 */
export async function measureFirstVisit(
  o: { baseUrl: string; chromiumPath: string; modelId: string; command: string },
  log: (s: string) => void,
): Promise<FirstVisitResult> {
  const dir = path.join(ROOT, 'bench/tmp');
  mkdirSync(dir, { recursive: true });
  const wav = path.join(dir, 'first-visit.wav');
  sampleWav(wav);
  const browser = await chromium.launch({
    executablePath: o.chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const context = await browser.newContext();
    const counter = countResponses(context);
    const page = await context.newPage();
    await page.goto(new URL(`?model=${o.modelId}`, o.baseUrl).href);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 120_000,
    });
    log(
      '[bench] first visit: the service worker controls the page (precache fetched); asking one question on WASM…',
    );
    await page.getByTestId('import-input').setInputFiles(wav);
    await page.getByTestId('library-item').filter({ hasText: 'first-visit' }).click();
    await page.getByTestId('ask-panel').waitFor();
    await page.locator('[data-site="AV"]').click();
    await page.locator('#backend-choice').selectOption('wasm');
    await page.getByTestId('task-classification').click();
    await page
      .getByTestId('answer-classification')
      .and(page.locator('[data-status="done"]'))
      .waitFor({ timeout: 300_000 });
    const backend = (await page.getByTestId('backend-badge').getAttribute('data-backend')) ?? 'unknown';
    await page.waitForLoadState('networkidle');
    await counter.settled();
    const { bytes, files } = summarize(counter.seen);
    return {
      generatedAt: new Date().toISOString(),
      command: o.command,
      modelId: o.modelId,
      backend,
      bytes,
      files,
      targetBytes: FIRST_VISIT_TARGET_BYTES,
    };
  } finally {
    await browser.close();
  }
}

const USAGE = `usage: npm run bench -- first-visit [flags]   (after npm run bench -- speed: adds to its results)
  [--model auscult-v1]          the model a first visit downloads
  [--base-url <url>]            a running app to measure instead of building and serving one
  [--out bench/results.json] [--docs docs/benchmarks.md]`;

/**
 * Measures a first visit and stores it as `firstVisit` in the speed results, then regenerates the docs from them: the
 * other sections keep their stored numbers, so this runs on its own without re-running the speed benchmark.
 */
export async function firstVisitCommand(
  argv: string[],
  log: (s: string) => void = (s) => console.error(s),
): Promise<void> {
  const { values: f } = parseCli(argv, {
    usage: USAGE,
    options: {
      model: { type: 'string', default: 'auscult-v1' },
      'base-url': { type: 'string' },
      out: { type: 'string', default: 'bench/results.json' },
      docs: { type: 'string', default: 'docs/benchmarks.md' },
    },
  });
  const out = path.resolve(ROOT, f.out);
  if (!existsSync(out))
    throw new Error(
      `${f.out} does not exist: run \`npm run bench -- speed\` first (the first-visit figures are added to its results)`,
    );
  const chromiumPath = findChromium();
  if (!chromiumPath)
    throw new Error(
      'no Chromium found ($CHROMIUM_PATH, /usr/bin/chromium, ...); install it: apt-get install -y chromium',
    );
  let server: { url: string; stop(): void } | undefined;
  if (!f['base-url']) {
    const outDir = path.join(ROOT, 'bench/tmp/dist');
    log(`[bench] vite build → ${path.relative(ROOT, outDir)}…`);
    buildApp(outDir);
    server = await startPreview(outDir);
  }
  try {
    // --base-url names a server of this run only; the command shown is the one that reproduces it.
    const command = [
      'npm run bench -- first-visit',
      ...(f.model === 'auscult-v1' ? [] : [`--model ${f.model}`]),
    ].join(' ');
    const fv = await measureFirstVisit(
      { baseUrl: f['base-url'] ?? server!.url, chromiumPath, modelId: f.model, command },
      log,
    );
    const results = { ...(JSON.parse(readFileSync(out, 'utf8')) as SpeedResults), firstVisit: fv };
    writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
    writeFileSync(path.resolve(ROOT, f.docs), speedMarkdown(results));
    log(
      `[bench] first visit: ${(fv.bytes.total / 1e6).toFixed(2)} MB on ${fv.backend} (app ${(fv.bytes.app / 1e6).toFixed(2)}, runtime ${(fv.bytes.runtime / 1e6).toFixed(2)}, model ${(fv.bytes.model / 1e6).toFixed(2)}) → ${f.out}, ${f.docs}`,
    );
  } finally {
    server?.stop();
  }
}
