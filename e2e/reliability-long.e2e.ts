// Long-recording e2e: a 10-minute 44.1 kHz WAV imported through the app and asked one question (tiny-random, WASM),
// then played from a point well into it, with the page's peak memory over the whole of it (CDP, sampled
// every 50 ms, from a forced GC before the import) and the longest main-thread task while importing it and from
// selecting it through playback. The page must not read or decode it whole.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { encodeWav16 } from '../src/core/audio/wav';
import { heartLike } from './reliability/badFiles';
import { suiteRecorder } from './reliability/results';
import { BASE_URL, assertNoProblems, openApp } from './browser';
import { MIB, sampleMemory } from './memory';
import { askTask } from './views';

const SECONDS = 600;
const RATE_HZ = 44_100;
/** The target for the page's JS heap above where it stood before the import. */
const MAX_HEAP_GROWTH_MIB = 64;

const tmp = mkdtempSync(join(tmpdir(), 'auscult-long-'));
const rec = suiteRecorder('long', 'Long recordings', 'e2e/reliability-long.e2e.ts');
after(() => {
  rec.save();
  rmSync(tmp, { recursive: true, force: true });
});

/** Longest main-thread task (ms) since the last reset. */
const LONG_TASKS = `new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__maxLongTaskMs = Math.max(window.__maxLongTaskMs || 0, e.duration);
}).observe({ type: 'longtask' });`;

const resetLongTasks = (page: Page) => page.evaluate(() => Object.assign(window, { __maxLongTaskMs: 0 }));
const longestTaskMs = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as { __maxLongTaskMs?: number }).__maxLongTaskMs ?? 0);

const timeS = async (page: Page) => Number(await page.getByTestId('waveform').getAttribute('data-time-s'));

/**
 * Plays from a point well into the recording for about 1.5 s: a findings region on the timeline that starts after
 * 10 s (its list button), or, where the model marked none, the spot under a click near the right edge of the
 * waveform, then Play. Returns where playback started and where it got to.
 */
async function playFromInside(page: Page): Promise<{ fromS: number; toS: number; via: string }> {
  let via = 'a click on the waveform';
  let region = null;
  for (const r of await page.getByTestId('timeline-region').all())
    if (Number(await r.getAttribute('data-start-s')) > 10) {
      region = r;
      break;
    }
  if (region) {
    via = `the findings region from ${await region.getAttribute('data-start-s')} s`;
    await region.getByRole('button', { name: /at 1×$/ }).click();
  } else {
    const box = await page.getByTestId('waveform').boundingBox();
    if (!box) throw new Error('no waveform on screen');
    await page.mouse.click(box.x + box.width * 0.9, box.y + 40);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
  }
  await page.locator('[data-testid="waveform"][data-playing="true"]').waitFor({ timeout: 30_000 });
  const fromS = await timeS(page);
  await page.waitForTimeout(1500);
  const toS = await timeS(page);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  return { fromS, toS, via };
}

describe('reliability: long recordings', () => {
  it(`imports a ${SECONDS / 60}-minute ${RATE_HZ / 1000} kHz WAV and answers without holding it on the page`, async () => {
    const path = join(tmp, 'ten-minutes.wav');
    const bytes = encodeWav16(heartLike(SECONDS, RATE_HZ), RATE_HZ);
    writeFileSync(path, bytes);
    const s = await openApp({ initScript: LONG_TASKS });
    try {
      const { page, context } = s;
      await page.goto(`${BASE_URL}?model=tiny-random&maxNewTokens=16`);
      await page.getByTestId('import-input').waitFor({ state: 'attached' });
      const cdp = await context.newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      const memory = sampleMemory(cdp);
      const start = await memory.read();
      await resetLongTasks(page);
      const t0 = Date.now();
      await page.getByTestId('import-input').setInputFiles(path);
      const item = page.getByTestId('library-item').filter({ hasText: 'ten-minutes' });
      await item.waitFor({ timeout: 300_000 });
      const importMs = Date.now() - t0;
      const importTaskMs = await longestTaskMs(page);
      await resetLongTasks(page);
      await item.click();
      await page.locator('#backend-choice').selectOption('wasm');
      await page.locator('[data-testid="waveform"][data-ready="true"]').waitFor({ timeout: 120_000 });
      const peaksView = (await page.getByTestId('waveform-peaks-note').count()) === 1;
      const t1 = Date.now();
      const answer = await askTask(page, 'classification', 300_000);
      const answerMs = Date.now() - t1;
      const tokens = Number(await answer.getAttribute('data-tokens'));
      const played = await playFromInside(page);
      const frozenMs = await longestTaskMs(page);
      const peak = await memory.stop();
      const heapMiB = (peak.heap - start.heap) / MIB;
      const withBuffersMiB = (peak.withBuffers - start.withBuffers) / MIB;
      const playedOk = played.fromS > 10 && played.toS > played.fromS + 0.5;
      const pass = tokens >= 1 && peaksView && playedOk && heapMiB <= MAX_HEAP_GROWTH_MIB;
      rec.add({
        id: 'ten-minutes-44k',
        what: `a ${SECONDS / 60}-minute 16-bit mono WAV at ${RATE_HZ} Hz (${(bytes.length / 1e6).toFixed(1)} MB) imported, selected, asked one classification question (WASM, tiny-random), then played from a point well into it (a findings region after 10 s, or a click on the waveform)`,
        expected: `answered; waveform drawn from peaks; plays from that point (> 10 s), advancing; peak page JS heap ≤ ${MAX_HEAP_GROWTH_MIB} MiB above where it was before the import`,
        observed: `${tokens >= 1 ? `answered (${tokens} tokens)` : 'not answered'}; waveform ${peaksView ? 'from peaks' : 'decoded'}; played from ${played.via}: ${played.fromS.toFixed(2)} → ${played.toS.toFixed(2)} s; peak JS heap +${heapMiB.toFixed(1)} MiB (with array buffers +${withBuffersMiB.toFixed(1)} MiB); longest main-thread task while importing ${importTaskMs.toFixed(0)} ms, from selecting it through the answer and playback ${frozenMs.toFixed(0)} ms`,
        pass,
        measured: {
          importMs,
          answerMs,
          peakHeapGrowthMiB: Number(heapMiB.toFixed(1)),
          peakHeapWithArrayBuffersGrowthMiB: Number(withBuffersMiB.toFixed(1)),
          longestTaskMs: frozenMs,
          importLongestTaskMs: importTaskMs,
        },
      });
      assert.ok(
        pass,
        `tokens ${tokens}, peaks view ${peaksView}, played ${JSON.stringify(played)}, heap +${heapMiB} MiB`,
      );
      assertNoProblems(s, [/Failed to load resource/]);
    } finally {
      await s.close();
    }
  });
});
