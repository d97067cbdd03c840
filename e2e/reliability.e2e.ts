// Reliability e2e against the built app: every bad or suspicious file through the real import path (clear message or
// warning, nothing saved is lost, the worker still answers, with the page's longest task and memory growth while
// answering), then faults: microphone denied, the worker crashing mid-answer (restart + retry) and a model file
// corrupted in Cache Storage (detected by hash, fetched again).
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { BAD_FILES, type BadFile } from './reliability/badFiles';
import { suiteRecorder } from './reliability/results';
import { BASE_URL, FIXTURES, assertNoProblems, openApp, type Session } from './browser';
import { DENY_MICROPHONE, WORKER_HOOKS } from './reliability-hooks';

const AV = join(FIXTURES, 'circor', 'training_data', '13918_AV.wav');
const tmp = mkdtempSync(join(tmpdir(), 'auscult-reliability-'));
const files = suiteRecorder(
  'bad-files',
  'Bad and suspicious files through the app import path',
  'e2e/reliability.e2e.ts',
);
const faults = suiteRecorder('faults', 'Faults', 'e2e/reliability.e2e.ts');
faults.elsewhere([
  {
    what: 'microphone unplugged mid-recording (partial take saved, message shown)',
    where: 'e2e/recording.e2e.ts: "keeps the partial recording and says so when the microphone is unplugged"',
  },
  {
    what: 'storage quota exceeded (plain message, earlier recordings intact after reload)',
    where: 'e2e/library.e2e.ts: "says plainly when storage is full and keeps what was saved"',
  },
  {
    what: 'tab reloaded during recording (recording recovered from IndexedDB)',
    where: 'e2e/recording.e2e.ts: "recovers a recording interrupted by a reload"',
  },
  { what: 'WAV decoder fuzz (fast-check, 20,000 cases)', where: 'src/core/audio/wav.test.ts' },
]);
after(() => {
  files.save();
  faults.save();
  rmSync(tmp, { recursive: true, force: true });
});

/** Longest main-thread task (ms) since the last reset: how long the page stopped responding. */
const LONG_TASKS = `new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__maxLongTaskMs = Math.max(window.__maxLongTaskMs || 0, e.duration);
}).observe({ type: 'longtask' });`;
const MAX_FROZEN_MS = 10_000;

/** Waits until the selected recording's waveform, signal analysis and findings are shown. */
async function settled(page: Page): Promise<void> {
  await page.locator('[data-testid="waveform"][data-ready="true"]').waitFor({ timeout: 120_000 });
  await page.getByText('Analysing the recording…').waitFor({ state: 'hidden', timeout: 120_000 });
  await page
    .getByTestId('findings-panel')
    .getByText('Computing…')
    .waitFor({ state: 'hidden', timeout: 120_000 });
}

const longestTaskMs = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as { __maxLongTaskMs?: number }).__maxLongTaskMs ?? 0);

/**
 * Runs `work` and says how far the page's memory (JS heap plus array buffers, from CDP, sampled every 50 ms) rose
 * above where a forced GC left it: what the work held on the page (a decoded recording, a copy of its PCM).
 */
async function pageMemoryWhile<T>(
  page: Page,
  work: () => Promise<T>,
): Promise<{ result: T; growthMiB: number }> {
  const cdp = await page.context().newCDPSession(page);
  const used = async () => {
    const u = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
    return u.usedSize + (u.backingStorageSize ?? 0);
  };
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const start = await used();
    let peak = start;
    let running = true;
    const sampling = (async () => {
      while (running) {
        peak = Math.max(peak, await used());
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const result = await work().finally(() => (running = false));
    await sampling;
    return { result, growthMiB: (peak - start) / 2 ** 20 };
  } finally {
    await cdp.detach();
  }
}

const baseName = (f: BadFile) => f.fileName.replace(/\.[^.]+$/, '');

/** Imports one file and returns what the app said (the toast for this file) and the library entry, if any. */
async function importOne(
  page: Page,
  f: BadFile,
): Promise<{ kind: string; text: string; durationSec: number | null; ms: number }> {
  const path = join(tmp, f.fileName);
  writeFileSync(path, f.bytes());
  const t0 = Date.now();
  await page.getByTestId('import-input').setInputFiles(path);
  const toast = page.locator('.toast').filter({ hasText: `"${baseName(f)}` });
  await toast.waitFor({ timeout: 60_000 });
  const ms = Date.now() - t0;
  const cls = (await toast.getAttribute('class')) ?? '';
  const kind = cls.includes('toast-error') ? 'reject' : cls.includes('toast-warning') ? 'warn' : 'accept';
  const text = await toast.locator('span').innerText();
  // errors and warnings stay until dismissed; info toasts go by themselves (and may already be gone)
  if (kind !== 'accept') await toast.getByRole('button', { name: 'Dismiss' }).click();
  const item = page.getByTestId('library-item').filter({ hasText: baseName(f) });
  const durationSec =
    (await item.count()) > 0 ? Number(await item.first().getAttribute('data-duration-sec')) : null;
  return { kind, text, durationSec, ms };
}

function judge(f: BadFile, got: { kind: string; text: string; durationSec: number | null }): boolean {
  const e = f.expect;
  if (got.kind !== e.kind) return false;
  if (e.kind === 'reject') return e.message.test(got.text) && got.durationSec === null;
  const durationOk = got.durationSec !== null && Math.abs(got.durationSec - e.durationSec) < 0.01;
  return durationOk && (e.kind === 'accept' || e.warning.test(got.text));
}

function expectation(f: BadFile): string {
  const e = f.expect;
  if (e.kind === 'reject') return `rejected with a message matching ${e.message}; nothing added`;
  const d = `imported as ${e.durationSec} s`;
  return e.kind === 'warn' ? `${d} with a warning matching ${e.warning}` : d;
}

async function answerOnce(
  page: Page,
  kind = 'classification',
  timeoutMs = 120_000,
): Promise<{ status: string; text: string; tokens: number }> {
  await page.getByTestId(`task-${kind}`).click();
  const answer = page.getByTestId(`answer-${kind}`);
  await answer
    .and(page.locator('[data-status="done"], [data-status="error"]'))
    .waitFor({ timeout: timeoutMs });
  const status = (await answer.getAttribute('data-status')) ?? '';
  const text =
    status === 'error'
      ? await answer.getByRole('alert').innerText()
      : await answer.getByTestId('answer-text').innerText();
  return { status, text, tokens: Number(await answer.getAttribute('data-tokens')) };
}

async function selectRecording(page: Page, name: string): Promise<void> {
  await page.getByTestId('library-item').filter({ hasText: name }).first().click();
  await page.getByTestId('ask-panel').waitFor();
}

describe('reliability: bad files', () => {
  it('gives each bad file a clear message or warning, keeps what was saved, and the worker still answers', async () => {
    const s = await openApp({ initScript: LONG_TASKS });
    try {
      const { page } = s;
      await page.goto(`${BASE_URL}?model=tiny-random&maxNewTokens=16`);
      await page.getByTestId('import-input').setInputFiles(AV); // something saved before the bad files arrive
      await page.getByTestId('library-item').filter({ hasText: '13918_AV' }).waitFor();
      let kept = 1;
      for (const f of BAD_FILES) {
        const got = await importOne(page, f);
        const pass = judge(f, got);
        const dur =
          got.durationSec === null ? 'nothing added' : `${got.durationSec.toFixed(3)} s in the library`;
        files.add({
          id: f.id,
          what: f.what,
          expected: expectation(f),
          observed: `${got.kind}: "${got.text}" (${dur})`,
          pass,
          measured: { importMs: got.ms },
        });
        assert.ok(pass, `${f.id}: expected ${expectation(f)}, got ${got.kind} "${got.text}" (${dur})`);
        if (f.expect.kind !== 'reject') kept++;
        assert.equal(await page.getByTestId('library-item').count(), kept, `${f.id}: library count`);
      }
      await page.reload();
      await page.getByTestId('library-item').first().waitFor();
      const afterReload = await page.getByTestId('library-item').count();
      files.add({
        id: 'reload-after-bad-files',
        what: 'reload after all bad files',
        expected: `all ${kept} accepted recordings still listed`,
        observed: `${afterReload} listed`,
        pass: afterReload === kept,
      });
      assert.equal(afterReload, kept);
      await selectRecording(page, 'silence');
      await page.locator('#backend-choice').selectOption('wasm');
      // silence first: its answer includes loading the model, so the one-hour figure is the recording's own cost
      for (const name of ['silence', 'eight-channels', 'one-hour']) {
        await page.evaluate(() => Object.assign(window, { __maxLongTaskMs: 0 }));
        await selectRecording(page, name);
        await settled(page); // the view's own work on the recording, so that what follows is the answer's
        const selectMs = await longestTaskMs(page);
        await page.evaluate(() => Object.assign(window, { __maxLongTaskMs: 0 }));
        const t0 = Date.now();
        const { result: a, growthMiB } = await pageMemoryWhile(page, () => answerOnce(page));
        const answerTaskMs = await longestTaskMs(page);
        const frozenMs = Math.max(selectMs, answerTaskMs);
        // silence may be refused as bad audio (with its message); everything else must be answered
        const errorName =
          a.status === 'error'
            ? await page.getByTestId('answer-classification').getByRole('alert').getAttribute('data-error')
            : null;
        const answered =
          a.status === 'done'
            ? a.tokens >= 1
            : name === 'silence' && errorName === 'bad-audio' && /\S/.test(a.text);
        const ok = answered && frozenMs < MAX_FROZEN_MS;
        files.add({
          id: `ask-${name}`,
          what: `classification question about the imported "${name}" recording (WASM, tiny-random)`,
          expected:
            name === 'silence'
              ? 'an answer or a bad-audio message; the worker survives'
              : 'an answer; the worker survives',
          observed: `${a.status === 'done' ? `answered (${a.tokens} tokens)` : `error shown: "${a.text}"`}; longest main-thread task ${frozenMs.toFixed(0)} ms (limit ${MAX_FROZEN_MS}); while answering: ${answerTaskMs > 0 ? `${answerTaskMs.toFixed(0)} ms` : 'no task over 50 ms'}, page memory +${growthMiB.toFixed(1)} MiB`,
          pass: ok,
          measured: {
            answerMs: Date.now() - t0,
            longestTaskMs: frozenMs,
            answerLongestTaskMs: answerTaskMs,
            answerPageMemoryMiB: Number(growthMiB.toFixed(1)),
          },
        });
        assert.ok(ok, `${name}: ${a.status} ${a.text}; longest task ${frozenMs} ms`);
      }
      assertNoProblems(s, [/Failed to load resource/]);
    } finally {
      await s.close();
    }
  });
});

/** A session on tiny-random (WASM, short answers) with the fixture imported and selected. */
async function workspace(initScript?: string): Promise<Session> {
  const s = await openApp({ initScript });
  await s.page.goto(`${BASE_URL}?model=tiny-random&maxNewTokens=24`);
  await s.page.getByTestId('import-input').setInputFiles(AV);
  await selectRecording(s.page, '13918_AV');
  await s.page.locator('#backend-choice').selectOption('wasm');
  return s;
}

describe('reliability: faults', () => {
  it('explains a denied microphone and adds nothing', async () => {
    const s = await openApp({ initScript: DENY_MICROPHONE });
    try {
      const { page } = s;
      await page.getByRole('button', { name: 'Record', exact: true }).click();
      const message = await page.getByTestId('recorder-error').innerText();
      const count = await page.getByTestId('library-item').count();
      const pass = /Microphone access was denied/.test(message) && count === 0;
      faults.add({
        id: 'mic-denied',
        what: 'microphone permission denied (getUserMedia rejects with NotAllowedError)',
        expected: 'a message that says how to allow it; nothing added',
        observed: `"${message}"; ${count} recording(s)`,
        pass,
      });
      assert.ok(pass, message);
      await page.getByRole('button', { name: 'Record', exact: true }).waitFor();
      assertNoProblems(s);
    } finally {
      await s.close();
    }
  });

  it('restarts a worker that crashes mid-answer and answers the retry', async () => {
    const s = await workspace(WORKER_HOOKS);
    try {
      const { page } = s;
      await page.evaluate(() => Object.assign(window, { __auscultCrashAfterTokens: 3 }));
      const crashed = await answerOnce(page);
      const modelStatus = await page.getByTestId('model-status').getAttribute('data-status');
      const errorName = await page
        .getByTestId('answer-classification')
        .getByRole('alert')
        .getAttribute('data-error');
      const t0 = Date.now();
      const retry = await answerOnce(page);
      const retryMs = Date.now() - t0;
      const workers = await page.evaluate(
        () =>
          (window as unknown as { __auscultWorkers: { auscultName?: string }[] }).__auscultWorkers.filter(
            (w) => w.auscultName === 'auscult-inference',
          ).length,
      );
      const pass =
        crashed.status === 'error' &&
        errorName === 'worker-crashed' &&
        modelStatus === 'crashed' &&
        retry.status === 'done' &&
        retry.tokens >= 2 &&
        workers === 2;
      faults.add({
        id: 'worker-crash',
        what: 'the inference worker reports an uncaught out-of-memory error after 3 streamed tokens',
        expected:
          'the answer fails with a worker-crashed message; asking again starts a new worker, reloads the model and answers',
        observed: `first answer ${crashed.status} (${errorName}): "${crashed.text}"; model ${modelStatus}; retry ${retry.status} with ${retry.tokens} tokens; ${workers} inference workers created`,
        pass,
        measured: { retryMs },
      });
      assert.ok(
        pass,
        `crash: ${crashed.status}/${errorName}/${modelStatus}; retry ${retry.status} ${retry.tokens}; workers ${workers}`,
      );
      // The real path: an uncaught error thrown inside the worker itself (what an allocation failure looks like).
      const worker = page.workers().find((w) => w.url().includes('inference'));
      assert.ok(worker, 'inference worker not found');
      await worker.evaluate(() => {
        setTimeout(() => {
          throw new RangeError('Array buffer allocation failed');
        });
      });
      await page.locator('[data-testid="model-status"][data-status="crashed"]').waitFor({ timeout: 30_000 });
      const third = await answerOnce(page);
      const realPass = third.status === 'done' && third.tokens >= 2;
      faults.add({
        id: 'worker-uncaught-error',
        what: 'an uncaught RangeError thrown inside the inference worker (between answers)',
        expected: 'the model shows as crashed; the next question restarts the worker and is answered',
        observed: `model crashed; next answer ${third.status} with ${third.tokens} tokens`,
        pass: realPass,
      });
      assert.ok(realPass, `after a real worker error: ${third.status} ${third.text}`);
      assertNoProblems(s, [/Failed to load resource/]);
    } finally {
      await s.close();
    }
  });

  it('detects a model file corrupted in Cache Storage, fetches it again and answers', async () => {
    const s = await workspace();
    try {
      const { page, context } = s;
      assert.equal((await answerOnce(page)).status, 'done');
      const target = await page.evaluate(async () => {
        const manifest = (await (await fetch('/models/tiny-random/manifest.json')).json()) as {
          files: { path: string; bytes: number; sha256: string }[];
        };
        const name = (await caches.keys()).find((k) => k.startsWith('auscult-models')) as string;
        const cache = await caches.open(name);
        const cached = await Promise.all(
          manifest.files.map(async (f) => ({
            f,
            url: new URL(f.path, new URL('/models/tiny-random/', location.href)).href,
          })),
        );
        const present = [];
        for (const c of cached) if (await cache.match(c.url)) present.push(c);
        const big = present.sort((a, b) => b.f.bytes - a.f.bytes)[0];
        const bytes = new Uint8Array(await ((await cache.match(big.url)) as Response).arrayBuffer());
        for (let i = 0; i < bytes.length; i += 64) bytes[i] ^= 0xff; // same size, different content
        await cache.put(big.url, new Response(bytes));
        return { url: big.url, path: big.f.path, sha256: big.f.sha256, bytes: big.f.bytes, cacheName: name };
      });
      const requested: string[] = [];
      context.on('request', (r) => requested.push(r.url()));
      await page.reload();
      await selectRecording(page, '13918_AV');
      await page.locator('#backend-choice').selectOption('wasm');
      const again = await answerOnce(page);
      const refetched = requested.filter((u) => u === target.url).length;
      const healed = await page.evaluate(async (t) => {
        const hit = await (await caches.open(t.cacheName)).match(t.url);
        if (!hit) return false;
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await hit.arrayBuffer()));
        return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('') === t.sha256;
      }, target);
      const pass = again.status === 'done' && refetched >= 1 && healed;
      faults.add({
        id: 'cache-corrupt',
        what: `${target.path} (${target.bytes} bytes) corrupted in Cache Storage (every 64th byte flipped, size kept), then the page reloaded`,
        expected:
          'the hash mismatch is detected, the file is fetched again, the cache repaired and the question answered',
        observed: `answer ${again.status}; ${refetched} network request(s) for the file after reload; cached copy ${healed ? 'matches' : 'does NOT match'} the manifest sha256`,
        pass,
      });
      assert.ok(pass, `answer ${again.status}, refetched ${refetched}, healed ${healed}`);
      assertNoProblems(s, [/Failed to load resource/]);
    } finally {
      await s.close();
    }
  });
});
