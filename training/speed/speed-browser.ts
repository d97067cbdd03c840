// Browser half of `npm run bench -- speed`: builds the production app (with bench.html), serves it with
// `vite preview`, and drives bench.html in headless Chromium per backend × dtype, watching the JS heap over CDP.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PAGE_SERIES } from './speed-results';

const ROOT = path.resolve(import.meta.dirname, '../..');
const VITE = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');

/** Headless flags as in e2e/browser.ts; --enable-unsafe-webgpu exposes a (software, here) WebGPU adapter. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--enable-unsafe-webgpu',
  '--enable-webgpu-developer-features',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface BrowserCase {
  backend: 'webgpu' | 'wasm';
  dtype: 'fp32' | 'q4' | 'q8';
}

export interface BrowserBenchOptions {
  baseUrl: string;
  modelId: string;
  cases: BrowserCase[];
  runs: number;
  maxNewTokens: number;
  taskMaxNewTokens: number;
  chromiumPath: string;
  /** Per case; a case that takes longer is reported as failed. */
  timeoutMs: number;
}

/** bench.html's global (src/speed-page/main.ts); its answer is checked here, not trusted by type. */
type BenchWindow = Window & { __auscultBench?: { run(opts: unknown): Promise<unknown> } };

/** The page's own result (src/speed-page/protocol.ts PageRunResult), checked field by field on arrival. */
export type PageResult = Record<string, unknown> & { backend: string; coldLoadMs: number[] };

export interface BrowserCaseResult {
  case: BrowserCase;
  ok: boolean;
  error?: string;
  wallMs: number;
  page?: PageResult;
  /** Peak JSHeapUsedSize of the page (CDP Performance.getMetrics), sampled every 200 ms. */
  cdpHeapPeakBytes: number | null;
}

export function findChromium(): string | undefined {
  return [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ].find((p) => p && existsSync(p));
}

export function buildApp(outDir: string): void {
  const r = spawnSync(
    process.execPath,
    [VITE, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status})`);
  if (!existsSync(path.join(outDir, 'bench.html')))
    throw new Error(`${outDir}/bench.html is missing: is bench.html in vite.config.ts build inputs?`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** `vite preview` of `outDir` on a free port; resolves once it answers. */
export async function startPreview(outDir: string): Promise<{ url: string; stop(): void }> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [VITE, 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `http://127.0.0.1:${port}/`;
  const end = Date.now() + 30_000;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`vite preview exited early (code ${child.exitCode})`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, stop: () => void child.kill('SIGTERM') };
    await sleep(200);
  }
  child.kill('SIGTERM');
  throw new Error(`vite preview did not answer at ${url} within 30 s`);
}

/** Polls the page's JS heap (CDP Performance.getMetrics) until stopped; returns the peak. */
async function watchHeap(page: Page): Promise<() => Promise<number | null>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  let peak: number | null = null;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { metrics } = await cdp
        .send('Performance.getMetrics')
        .catch(() => ({ metrics: [] as { name: string; value: number }[] }));
      const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value;
      if (used !== undefined) peak = Math.max(peak ?? 0, used);
      await sleep(200);
    }
  })();
  return async () => {
    running = false;
    await loop;
    await cdp.detach().catch(() => undefined);
    return peak;
  };
}

function checkPageResult(x: unknown): PageResult {
  const r = x as Record<string, unknown>;
  if (typeof r !== 'object' || r === null || typeof r.backend !== 'string')
    throw new Error('bench page returned no result object');
  for (const k of PAGE_SERIES)
    if (
      !Array.isArray(r[k]) ||
      !(r[k] as unknown[]).every((v) => typeof v === 'number' && Number.isFinite(v))
    )
      throw new Error(`bench page result: ${k} is not a list of finite numbers`);
  return r as PageResult;
}

async function runCase(
  browser: Browser,
  o: BrowserBenchOptions,
  c: BrowserCase,
  log: (s: string) => void,
): Promise<BrowserCaseResult> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.text().startsWith('[speed-page]')) log(`[bench]   ${m.text().slice('[speed-page] '.length)}`);
  });
  const t0 = Date.now();
  const stopHeap = await watchHeap(page);
  try {
    await page.goto(new URL('bench.html', o.baseUrl).href);
    await page.waitForFunction(() => (window as BenchWindow).__auscultBench !== undefined, undefined, {
      timeout: 30_000,
    });
    const opts = {
      modelUrl: `/models/${o.modelId}/`,
      backend: c.backend,
      dtype: c.dtype,
      runs: o.runs,
      maxNewTokens: o.maxNewTokens,
      taskMaxNewTokens: o.taskMaxNewTokens,
    };
    const run = page.evaluate((p) => (window as BenchWindow).__auscultBench!.run(p), opts);
    // A cleared timer, not a pending sleep: a pending one keeps the process alive (and rejects) after the run ends.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${o.timeoutMs / 1000} s`)), o.timeoutMs);
    });
    const result = checkPageResult(await Promise.race([run, timeout]).finally(() => clearTimeout(timer)));
    return { case: c, ok: true, wallMs: Date.now() - t0, page: result, cdpHeapPeakBytes: await stopHeap() };
  } catch (e) {
    const error = [e instanceof Error ? e.message : String(e), ...errors].join('; ');
    return { case: c, ok: false, error, wallMs: Date.now() - t0, cdpHeapPeakBytes: await stopHeap() };
  } finally {
    await context.close();
  }
}

/** Runs every case in its own browser context (fresh cache and heap); returns Chromium's version with the results. */
export async function runBrowserBench(
  o: BrowserBenchOptions,
  log: (s: string) => void,
): Promise<{ chromiumVersion: string; results: BrowserCaseResult[] }> {
  const browser = await chromium.launch({
    executablePath: o.chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const results: BrowserCaseResult[] = [];
    for (const c of o.cases) {
      log(`[bench] browser ${c.backend} ${c.dtype}: ${o.runs} run(s) of ${o.modelId}…`);
      const r = await runCase(browser, o, c, log);
      log(
        r.ok
          ? `[bench]   ran on ${r.page?.backend} in ${(r.wallMs / 1000).toFixed(1)} s`
          : `[bench]   FAILED: ${r.error}`,
      );
      results.push(r);
    }
    return { chromiumVersion: browser.version(), results };
  } finally {
    await browser.close();
  }
}
