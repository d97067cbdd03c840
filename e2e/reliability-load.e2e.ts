// Load e2e: 200 recordings in the library, then 50 consecutive questions on tiny-random (WASM), with the page's JS
// heap measured through CDP after a forced GC; the growth over the last third must stay bounded.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeWav16 } from '../src/core/audio/wav';
import { heartLike } from './reliability/badFiles';
import { suiteRecorder } from './reliability/results';
import { BASE_URL, assertNoProblems, openApp } from './browser';
import { askTask } from './views';

const RECORDINGS = 200;
const QUESTIONS = 50;
const SAMPLE_EVERY = 5;
const RATE_HZ = 4000;
/** Allowed heap growth over the last third of the questions: this fraction of the heap then, or 1 MiB if larger. */
const LAST_THIRD_GROWTH = 0.05;
const MIB = 1024 * 1024;

const tmp = mkdtempSync(join(tmpdir(), 'auscult-load-'));
const rec = suiteRecorder('load', 'Load', 'e2e/reliability-load.e2e.ts');
after(() => {
  rec.save();
  rmSync(tmp, { recursive: true, force: true });
});

describe('reliability: load', () => {
  it(`keeps the page heap bounded over ${RECORDINGS} recordings and ${QUESTIONS} questions`, async () => {
    const paths = Array.from({ length: RECORDINGS }, (_, i) => {
      const p = join(tmp, `load-${String(i).padStart(3, '0')}.wav`);
      writeFileSync(p, encodeWav16(heartLike(3 + (i % 3), RATE_HZ, 0.3 + (i % 5) / 20), RATE_HZ));
      return p;
    });
    const s = await openApp();
    try {
      const { page, context } = s;
      await page.goto(`${BASE_URL}?model=tiny-random&maxNewTokens=8`);
      const cdp = await context.newCDPSession(page);
      const heapMiB = async () => {
        await cdp.send('HeapProfiler.collectGarbage');
        return (await cdp.send('Runtime.getHeapUsage')).usedSize / MIB;
      };
      const t0 = Date.now();
      await page.getByTestId('import-input').setInputFiles(paths);
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="library-item"]').length === n,
        RECORDINGS,
        { timeout: 300_000 },
      );
      const importMs = Date.now() - t0;
      // 200 "Imported" toasts cover the list until they time out (reported to the app engineer); wait them out.
      await page.waitForFunction(() => document.querySelectorAll('.toast').length === 0, null, {
        timeout: 60_000,
      });
      const afterImport = await heapMiB();
      const items = page.getByTestId('library-item');
      const pick = async (i: number) => {
        // centred, so the fixed disclaimer footer of the phone-sized layout does not cover it
        await items.nth(i).evaluate((el) => el.scrollIntoView({ block: 'center' }));
        await items.nth(i).click();
      };
      await pick(0);
      await page.locator('#backend-choice').selectOption('wasm');
      const heap: number[] = [await heapMiB()];
      const t1 = Date.now();
      for (let q = 0; q < QUESTIONS; q++) {
        await pick((q * 7) % RECORDINGS);
        await askTask(page, 'classification');
        if ((q + 1) % SAMPLE_EVERY === 0) heap.push(await heapMiB());
      }
      const askMs = Date.now() - t1;
      const third = heap.slice(Math.floor((heap.length * 2) / 3));
      const growth = third[third.length - 1] - third[0];
      const allowed = Math.max(1, LAST_THIRD_GROWTH * third[0]);
      console.log(
        `[e2e] load: ${RECORDINGS} imports in ${(importMs / 1000).toFixed(1)} s; ${QUESTIONS} questions in ${(askMs / 1000).toFixed(1)} s; heap MiB after GC every ${SAMPLE_EVERY} questions: ${heap.map((h) => h.toFixed(2)).join(', ')}; last-third growth ${growth.toFixed(2)} MiB (allowed ${allowed.toFixed(2)})`,
      );
      const count = await items.count();
      const pass = growth <= allowed && count === RECORDINGS;
      rec.add({
        id: 'library-and-questions',
        what: `${RECORDINGS} imported recordings (3–5 s each), then ${QUESTIONS} classification questions over different recordings (tiny-random, WASM, 8 new tokens)`,
        expected: `page JS heap after GC grows ≤ max(1 MiB, ${LAST_THIRD_GROWTH * 100}%) over the last third; all recordings listed`,
        observed: `heap ${heap[0].toFixed(2)} → ${heap[heap.length - 1].toFixed(2)} MiB; last third +${growth.toFixed(2)} MiB (allowed ${allowed.toFixed(2)}); ${count} listed`,
        pass,
        measured: {
          importMs,
          askMs,
          heapAfterImportMiB: afterImport,
          heapStartMiB: heap[0],
          heapEndMiB: heap[heap.length - 1],
          lastThirdGrowthMiB: growth,
          heapPeakMiB: Math.max(...heap),
        },
      });
      assert.ok(pass, `growth ${growth} > ${allowed} or ${count} listed`);
      assertNoProblems(s, [/Failed to load resource/]);
    } finally {
      await s.close();
    }
  });
});
