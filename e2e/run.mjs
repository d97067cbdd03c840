// e2e runner: finds (or in CI installs) Chromium, builds the app, serves it with `vite preview` on a free port,
// runs every e2e/*.e2e.ts file with node:test against it, and stops the server.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

/* global fetch */

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

function findChromium() {
  return CANDIDATES.find((p) => p && existsSync(p));
}

function ensureChromium() {
  let found = findChromium();
  if (found) return found;
  if (process.env.CI === 'true' && process.getuid?.() === 0) {
    console.log('[e2e] Chromium not found; CI=true and root, installing Debian chromium…');
    const r = spawnSync(
      'sh',
      ['-c', 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium'],
      { stdio: 'inherit' },
    );
    if (r.status !== 0) throw new Error('apt-get install chromium failed');
    found = findChromium();
    if (found) return found;
  }
  console.error(
    '[e2e] No Chromium found (looked at $CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome).\n' +
      '      Install it, e.g. `sudo apt-get install -y chromium` on Debian/Ubuntu, or set CHROMIUM_PATH=/path/to/chrome.',
  );
  process.exit(1);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForServer(url, child, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`vite preview exited early (code ${child.exitCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`vite preview did not answer at ${url} within ${timeoutMs} ms`);
}

const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');

async function main() {
  const chromium = ensureChromium();
  if (process.env.AUSCULT_E2E_SKIP_BUILD !== '1') {
    const t0 = Date.now();
    const b = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (b.status !== 0) process.exit(b.status ?? 1);
    console.log(`[e2e] built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}/`;
  const server = spawn(
    process.execPath,
    [vite, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  let code;
  try {
    await waitForServer(baseUrl, server);
    const only = process.argv.slice(2);
    const files = readdirSync(join(root, 'e2e'))
      .filter((f) => f.endsWith('.e2e.ts') && (only.length === 0 || only.some((o) => f.includes(o))))
      .map((f) => join('e2e', f));
    console.log(`[e2e] ${baseUrl} with ${chromium}; running ${files.join(', ')}`);
    const t = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, AUSCULT_BASE_URL: baseUrl, CHROMIUM_PATH: chromium },
    });
    code = t.status ?? 1;
  } finally {
    server.kill('SIGTERM');
  }
  process.exit(code);
}

main().catch((e) => {
  console.error('[e2e]', e instanceof Error ? e.message : e);
  process.exit(1);
});
