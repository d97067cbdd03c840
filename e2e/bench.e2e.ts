// e2e: the speed harness works end to end against the served production build (`npm run bench -- speed --quick`
// on the WASM path, browser half only): bench.html loads the tiny model through the worker and every figure comes back.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BASE_URL } from './browser';

const ROOT = resolve(import.meta.dirname, '..');

interface QuickResults {
  model: { id: string };
  machine: { chromium: string | null };
  browser: {
    case: { backend: string };
    error?: string;
    row?: Record<string, unknown> & {
      backend: string;
      decodeTokensPerS: { median: number };
      warmLoadMs: { median: number };
    };
  }[];
  targets: { name: string; pass: boolean | null }[];
}

/** Runs a node child to completion without blocking the event loop (so the test timeout still applies). */
function run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: process.env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((done) => child.on('close', (status) => done({ status, stdout, stderr })));
}

describe('speed benchmark harness', () => {
  it(
    'runs the quick WASM benchmark through bench.html and writes results and tables',
    { timeout: 300_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'auscult-bench-'));
      try {
        const out = join(dir, 'results.json');
        const docs = join(dir, 'benchmarks.md');
        const t0 = Date.now();
        const args = [
          '--import',
          'tsx',
          'training/speed/cli.ts',
          'speed',
          '--quick',
          '--skip-node',
          '--backends=wasm',
          `--base-url=${BASE_URL}`,
          `--out=${out}`,
          `--docs=${docs}`,
        ];
        const r = await run(args);
        console.log(`[bench e2e] quick harness run took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        assert.equal(r.status, 0, `bench speed --quick failed:\n${r.stderr}`);
        const res = JSON.parse(readFileSync(out, 'utf8')) as QuickResults;
        assert.equal(res.model.id, 'tiny-random');
        assert.ok(res.machine.chromium, 'Chromium version recorded');
        const [wasm] = res.browser;
        assert.equal(wasm.error, undefined, `the WASM case failed: ${wasm.error}`);
        assert.equal(wasm.row?.backend, 'wasm', 'the worker reports the backend that ran');
        assert.ok((wasm.row?.decodeTokensPerS.median ?? 0) > 0, 'decode rate measured');
        assert.ok((wasm.row?.warmLoadMs.median ?? 0) > 0, 'warm load measured');
        assert.ok(
          res.targets.every((t) => t.pass !== null),
          'every WASM target judged',
        );
        assert.match(readFileSync(docs, 'utf8'), /\| wasm \| q4 \|/);
        assert.match(r.stdout, /## Targets/, 'the tables are printed');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
