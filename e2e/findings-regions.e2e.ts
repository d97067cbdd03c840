// e2e of findings on the timeline for a model without frame-level events (the shipped model with its manifest's
// frameEvents block taken out, as an older export would have it): a SPRSound lung recording with crackles shows the
// windows its crackles/wheeze heads score high as regions on the waveform; clicking one plays exactly that span (1×),
// the list below plays it at 0.5×, and the findings panel's link plays it and moves focus to it. The shipped model's
// frame-event spans: frame-events.e2e.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, assertNoProblems, openApp } from './browser';
import {
  assertHalfSpeed,
  assertPlaysToEnd,
  attr,
  LUNG_NAME,
  openLungFindings,
  pause,
  playingSpan,
  waveform,
} from './timeline';

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
      await openLungFindings(page);
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
      await assertPlaysToEnd(page, start, end);

      // the list under the waveform plays it at 0.5×: about half a second of audio per second
      await first.getByRole('button', { name: /at 0\.5×$/ }).click();
      await playingSpan(page);
      await assertHalfSpeed(page, 2);
      await pause(page);

      // the findings panel links to the region: it plays, and focus moves to the region
      await page.getByTestId('finding-region-link').first().click();
      await playingSpan(page);
      await page.waitForFunction(
        () => document.activeElement?.getAttribute('data-testid') === 'timeline-region',
      );
      await pause(page);
      assertNoProblems(s);
    } finally {
      await s.close();
    }
  });
});
