// Long-recording spectrogram e2e: a 3-minute WAV (over the 2 minutes the view decodes whole) imported through the app
// shows the spectrogram of the window around the playhead, which follows seeks made by clicking the waveform (its
// label changes to a window that holds the new playhead), with the page's JS heap measured (CDP) from a GC once the
// first window is shown, and axe run on it.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { encodeWav16 } from '../src/core/audio/wav';
import { axe } from './axe';
import { BASE_URL, assertNoProblems, openApp } from './browser';
import { MIB, sampleMemory } from './memory';
import { heartLike } from './reliability/badFiles';

const SECONDS = 180;
const RATE_HZ = 8000;
/** The page's JS heap may grow this much above where it stood after the first window, at its peak while seeking. */
const MAX_HEAP_GROWTH_MIB = 4;
/** Where on the visible waveform each seek clicks (fractions of its width). */
const SEEKS = [0.9, 0.45, 0.97, 0.6, 0.2];

const tmp = mkdtempSync(join(tmpdir(), 'auscult-long-spectrogram-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

interface Shown {
  fromS: number;
  toS: number;
  name: string;
}

async function shown(page: Page): Promise<Shown> {
  const fig = page.getByTestId('window-spectrogram');
  return {
    fromS: Number(await fig.getAttribute('data-from-s')),
    toS: Number(await fig.getAttribute('data-to-s')),
    name: (await fig.getByRole('img').getAttribute('aria-label')) ?? '',
  };
}

/** Waits until the spectrogram shown holds `timeS` (a window computed after the seek). */
async function waitForWindowHolding(page: Page, timeS: number): Promise<Shown> {
  await page.waitForFunction(
    (t) => {
      const el = document.querySelector('[data-testid="window-spectrogram"]');
      const [from, to] = [el?.getAttribute('data-from-s'), el?.getAttribute('data-to-s')];
      return !!from && !!to && Number(from) <= t && t < Number(to);
    },
    timeS,
    { timeout: 30_000 },
  );
  return shown(page);
}

/** Clicks the waveform at `fraction` of its visible width; returns the time the playhead moved to. */
async function seekByClick(page: Page, fraction: number): Promise<number> {
  const wave = page.getByTestId('waveform');
  const before = await wave.getAttribute('data-time-s');
  const box = await wave.boundingBox();
  if (!box) throw new Error('no waveform on screen');
  await page.mouse.click(box.x + box.width * fraction, box.y + 40);
  await page.waitForFunction(
    (prev) => document.querySelector('[data-testid="waveform"]')?.getAttribute('data-time-s') !== prev,
    before,
  );
  return Number(await wave.getAttribute('data-time-s'));
}

describe('long recording spectrogram', () => {
  it(`shows the window around the playhead of a ${SECONDS / 60}-minute recording and follows seeks`, async () => {
    const path = join(tmp, 'three-minutes.wav');
    writeFileSync(path, encodeWav16(heartLike(SECONDS, RATE_HZ), RATE_HZ));
    const s = await openApp();
    try {
      const { page, context } = s;
      await page.goto(`${BASE_URL}?model=tiny-random&maxNewTokens=8`);
      await page.getByTestId('import-input').setInputFiles(path);
      const item = page.getByTestId('library-item').filter({ hasText: 'three-minutes' });
      await item.waitFor({ timeout: 120_000 });
      await item.click();
      await page.locator('[data-testid="waveform"][data-ready="true"]').waitFor({ timeout: 60_000 });
      assert.equal(await page.getByTestId('waveform-peaks-note').count(), 1, 'drawn from peaks');

      const first = await waitForWindowHolding(page, 0);
      console.log(`[e2e] first window: ${first.name}`);
      assert.match(first.name, /^Spectrogram 0\.0–10\.0 s, 0–2000 Hz$/);
      const violations = await axe(page, '[data-testid="window-spectrogram"]');
      console.log(
        `[e2e] axe on the spectrogram: ${violations.length} violation(s) ${JSON.stringify(violations)}`,
      );
      assert.deepEqual(violations, []);

      const cdp = await context.newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      const memory = sampleMemory(cdp);
      const start = await memory.read();
      const seen: Shown[] = [first];
      for (const fraction of SEEKS) {
        const t = await seekByClick(page, fraction);
        const w = await waitForWindowHolding(page, t);
        console.log(`[e2e] seek to ${t.toFixed(2)} s → ${w.name}`);
        assert.equal(
          await page.locator('.window-spectrogram-playhead').count(),
          1,
          'the playhead is drawn on it',
        );
        seen.push(w);
      }
      const peak = await memory.stop();
      await cdp.send('HeapProfiler.collectGarbage');
      const end = await memory.read();
      const peakMiB = (peak.heap - start.heap) / MIB;
      const endMiB = (end.heap - start.heap) / MIB;
      console.log(
        `[e2e] JS heap over ${SEEKS.length} seeks: peak +${peakMiB.toFixed(2)} MiB, after GC ${endMiB >= 0 ? '+' : ''}${endMiB.toFixed(2)} MiB (with array buffers: peak +${((peak.withBuffers - start.withBuffers) / MIB).toFixed(2)} MiB)`,
      );
      const names = seen.map((w) => w.name);
      assert.ok(new Set(names).size > 2, `the label follows the seeks: ${names.join(' | ')}`);
      assert.ok(
        seen.every(
          (w) => /^Spectrogram \d+\.\d–\d+\.\d s, 0–2000 Hz$/.test(w.name) && w.toS - w.fromS <= 10.01,
        ),
        names.join(' | '),
      );
      assert.ok(Math.max(...seen.map((w) => w.fromS)) > 10, 'a window well into the recording');
      assert.ok(peakMiB <= MAX_HEAP_GROWTH_MIB, `JS heap grew ${peakMiB.toFixed(2)} MiB while seeking`);
      assertNoProblems(s);
    } finally {
      await s.close();
    }
  });
});
