// e2e of findings on the timeline for a model without frame-level events (the shipped model with its manifest's
// frameEvents block taken out, as an older export would have it): a SPRSound lung recording with crackles shows the
// windows its crackles/wheeze heads score high as regions on the waveform; clicking one plays exactly that span (1×),
// the list below plays it at 0.5×, and the findings panel's link plays it and moves focus to it. The shipped model's
// frame-event spans: frame-events.e2e.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { BASE_URL, FIXTURES, assertNoProblems, openApp } from './browser';
import { dismissImportToast } from './views';

const LUNG_NAME = '40638274_9.7_1_p2_1719'; // SPRSound: fine crackles throughout
const LUNG = join(FIXTURES, 'sprsound', 'train_wav', `${LUNG_NAME}.wav`);

const waveform = (page: Page) => page.getByTestId('waveform');
const attr = async (page: Page, name: string) => (await waveform(page).getAttribute(name)) ?? '';
const timeS = async (page: Page) => Number(await attr(page, 'data-time-s'));

/** Waits until the viewer says it plays, and returns the span it plays ("start-end" in seconds). */
async function playingSpan(page: Page): Promise<[number, number]> {
  await page.locator('[data-testid="waveform"][data-playing="true"]:not([data-playing-region=""])').waitFor();
  const [from, to] = (await attr(page, 'data-playing-region')).split('-').map(Number);
  return [from, to];
}

describe('findings on the timeline', () => {
  it('marks high crackle/wheeze windows of a lung recording, and a click plays that span', async () => {
    const s = await openApp();
    const { page } = s;
    try {
      await s.context.route('**/models/auscult-v1/manifest.json', async (route) => {
        const m = await (await route.fetch()).json();
        delete m.frameEvents; // an export without a frame head: the app falls back to window regions
        await route.fulfill({ json: m });
      });
      await page.goto(`${BASE_URL}?maxNewTokens=16`); // the shipped model: its findings head scores the windows
      await page.getByTestId('import-input').setInputFiles(LUNG);
      await dismissImportToast(page, LUNG_NAME);
      await page.getByTestId('body-view-back').click();
      await page.locator('[data-site="posterior-left-lower"]').click();
      await page.locator('#backend-choice').selectOption('wasm');
      await page.getByTestId('task-classification').click();
      await page.getByTestId('findings-windows').waitFor({ timeout: 120_000 });
      await page.locator('[data-testid="waveform"][data-ready="true"]').waitFor();
      const regions = page.getByTestId('timeline-region');
      const n = await regions.count();
      const list = await page.getByTestId('findings-list').innerText();
      console.log(`[e2e] ${LUNG_NAME}: ${n} findings region(s); findings head: ${list.replace(/\s+/g, ' ')}`);
      assert.ok(n > 0, 'no crackle or wheeze window at or above 50% on a recording with crackles throughout');
      assert.equal(
        await regions.and(page.locator('[data-source="windows"]')).count(),
        n,
        'not window regions',
      );
      const first = regions.first();
      const start = Number(await first.getAttribute('data-start-s'));
      const end = Number(await first.getAttribute('data-end-s'));
      assert.equal(Number(await attr(page, 'data-regions')), n, 'the waveform does not draw every region');

      // a click on the region drawn over the waveform plays that span at the chosen speed (1×), then stops at its end
      await waveform(page).locator('[part~="region"]').first().click();
      const [from, to] = await playingSpan(page);
      assert.deepEqual([from, to], [start, end]);
      assert.ok(await page.getByRole('radio', { name: '1×' }).isChecked());
      const t0 = await timeS(page);
      assert.ok(t0 >= start - 0.05 && t0 <= end, `playing at ${t0} s, outside ${start}–${end} s`);
      await page
        .locator('[data-testid="waveform"][data-playing="false"]')
        .waitFor({ timeout: (end - start) * 1000 + 15_000 });
      const stopped = await timeS(page);
      console.log(`[e2e] region ${start}–${end} s played from ${t0} s, stopped at ${stopped} s`);
      assert.ok(Math.abs(stopped - end) < 0.35, `stopped at ${stopped} s, not at the region's end ${end} s`);

      // the list under the waveform plays it at 0.5×: about half a second of audio per second
      await first.getByRole('button', { name: /at 0\.5×$/ }).click();
      await playingSpan(page);
      assert.ok(await page.getByRole('radio', { name: '0.5×' }).isChecked());
      const a = await timeS(page);
      await page.waitForTimeout(2000);
      const b = await timeS(page);
      console.log(`[e2e] 0.5×: ${a} s → ${b} s in 2 s`);
      assert.ok(b - a > 0.6 && b - a < 1.4, `0.5× moved ${b - a} s in 2 s`);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await page.locator('[data-testid="waveform"][data-playing="false"]').waitFor();

      // the findings panel links to the region: it plays, and focus moves to the region
      await page.getByTestId('finding-region-link').first().click();
      await playingSpan(page);
      await page.waitForFunction(
        () => document.activeElement?.getAttribute('data-testid') === 'timeline-region',
      );
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      assertNoProblems(s);
    } finally {
      await s.close();
    }
  });
});
