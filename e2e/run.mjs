// e2e runner: finds Chromium (installing Debian's package when run as root with apt-get, or saying exactly what to
// run), builds the app, serves it with `vite preview` on a free port, runs every e2e/*.e2e.ts file with node:test
// against it, and stops the server.
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
const APT_INSTALL = 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium';

function findChromium() {
  return CANDIDATES.find((p) => p && existsSync(p));
}

const hasCommand = (name) => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;

/** What to tell someone who has no Chromium and cannot (or may not) have it installed for them. */
function howToInstall(asRoot, apt) {
  const lines = [
    '[e2e] No Chromium found (looked at $CHROMIUM_PATH, ' + CANDIDATES.slice(1).join(', ') + ').',
  ];
  if (apt && !asRoot)
    lines.push('      Install it, then run the tests again:', `        sudo sh -c '${APT_INSTALL}'`);
  else if (asRoot && apt) lines.push(`      Installing it failed; run it by hand to see why: ${APT_INSTALL}`);
  else lines.push("      Install Chromium or Google Chrome with your system's package manager.");
  lines.push(
    '      Or point the tests at a Chromium or Chrome you have: CHROMIUM_PATH=/path/to/chrome npm test',
  );
  return lines.join('\n');
}

/** Chromium's path; as root with apt-get (a fresh Debian or Ubuntu machine, CI) installs Debian's chromium first. */
function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  const asRoot = process.getuid?.() === 0;
  const apt = hasCommand('apt-get');
  if (asRoot && apt) {
    console.log(
      `[e2e] Chromium not found; installing Debian's chromium package (Debian 12: about 130 MB to download, 440 MB on disk): ${APT_INSTALL}`,
    );
    const r = spawnSync('sh', ['-c', APT_INSTALL], { stdio: 'inherit' });
    const installed = r.status === 0 ? findChromium() : undefined;
    if (installed) return installed;
  }
  console.error(howToInstall(asRoot, apt));
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
