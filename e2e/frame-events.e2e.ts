// e2e of the model's frame-level events on the timeline: on a SPRSound lung recording with crackles, the shipped
// model's crackles and wheeze regions are its frame-event spans (0.32 s frames, not whole 10 s windows); clicking one
// on the waveform plays exactly that span at 1×, the list plays it at 0.5×, and the findings panel links to it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { BASE_URL, FIXTURES, assertNoProblems, openApp } from './browser';
import { dismissImportToast } from './views';

const LUNG_NAME = '40638274_9.7_1_p2_1719'; // SPRSound: fine crackles annotated from 0.3 s to 8.8 s
const LUNG = join(FIXTURES, 'sprsound', 'train_wav', `${LUNG_NAME}.wav`);
const DURATION_S = 9.22;

const waveform = (page: Page) => page.getByTestId('waveform');
const attr = async (page: Page, name: string) => (await waveform(page).getAttribute(name)) ?? '';
const timeS = async (page: Page) => Number(await attr(page, 'data-time-s'));

async function playingSpan(page: Page): Promise<[number, number]> {
  await page.locator('[data-testid="waveform"][data-playing="true"]:not([data-playing-region=""])').waitFor();
  const [from, to] = (await attr(page, 'data-playing-region')).split('-').map(Number);
  return [from, to];
}

interface Shown {
  id: string;
  source: string;
  startS: number;
  endS: number;
}

/** A point of `r` that no other region covers (regions of two channels may overlap on the waveform). */
function freePoint(r: Shown, all: Shown[]): number {
  for (let i = 1; i < 40; i++) {
    const t = r.startS + ((r.endS - r.startS) * i) / 40;
    if (!all.some((o) => o.id !== r.id && o.startS <= t && t <= o.endS)) return t;
  }
  throw new Error(`region ${r.id} is covered by others everywhere`);
}

describe('frame-level events on the timeline', () => {
  it("a lung recording's crackle regions are frame-event spans, and a click plays that span", async () => {
    const manifest = (await (await fetch(`${BASE_URL}models/auscult-v1/manifest.json`)).json()) as {
      frameEvents: { hopS: number };
    };
    const hopS = manifest.frameEvents.hopS;
    const s = await openApp();
    const { page } = s;
    try {
      await page.goto(`${BASE_URL}?maxNewTokens=16`); // the shipped model, which has a frame-level event head
      await page.getByTestId('import-input').setInputFiles(LUNG);
      await dismissImportToast(page, LUNG_NAME);
      await page.getByTestId('body-view-back').click();
      await page.locator('[data-site="posterior-left-lower"]').click();
      await page.locator('#backend-choice').selectOption('wasm');
      await page.getByTestId('task-classification').click();
      await page.getByTestId('findings-windows').waitFor({ timeout: 120_000 });
      await page.locator('[data-testid="waveform"][data-ready="true"]').waitFor();
      const items = page.getByTestId('timeline-region');
      await items.first().waitFor();
      const shown: Shown[] = await items.evaluateAll((els) =>
        els.map((e) => ({
          id: e.getAttribute('data-region-id') ?? '',
          source: e.getAttribute('data-source') ?? '',
          startS: Number(e.getAttribute('data-start-s')),
          endS: Number(e.getAttribute('data-end-s')),
        })),
      );
      console.log(`[e2e] ${LUNG_NAME}: ${JSON.stringify(shown)}`);
      assert.ok(shown.length > 0, 'no frame-event region on a recording with crackles throughout');
      assert.ok(
        shown.every((r) => r.source === 'frames'),
        'a lung region that is not a frame-event span',
      );
      assert.match(await page.locator('.timeline-regions__title').innerText(), /frame-level events/);
      // spans start and end on frame boundaries (or the recording's end), shorter than one 10.24 s window
      const onGrid = (t: number) =>
        Math.abs(t / hopS - Math.round(t / hopS)) < 0.02 || Math.abs(t - DURATION_S) < 0.01;
      for (const r of shown) {
        assert.ok(
          onGrid(r.startS) && onGrid(r.endS),
          `span ${r.startS}–${r.endS} s is not on the ${hopS} s frames`,
        );
        assert.ok(r.endS - r.startS < 10.24 - 1e-6 && r.endS <= DURATION_S + 0.01);
      }
      const crackles = shown.filter((r) => r.id.startsWith('crackles-'));
      assert.ok(crackles.length > 0, 'no crackles span');
      assert.equal(
        Number(await attr(page, 'data-regions')),
        shown.length,
        'the waveform does not draw every span',
      );

      // a click on the longest crackles span drawn over the waveform plays that span at 1×, then stops at its end
      const longest = crackles.reduce((a, b) => (b.endS - b.startS > a.endS - a.startS ? b : a));
      const el = waveform(page).locator(`[part~="region"][part~="${longest.id}"]`);
      const box = await el.boundingBox();
      assert.ok(box, 'the span is not drawn');
      const t = freePoint(longest, shown);
      await el.click({
        position: {
          x: ((t - longest.startS) / (longest.endS - longest.startS)) * box.width,
          y: box.height / 2,
        },
      });
      assert.deepEqual(await playingSpan(page), [longest.startS, longest.endS]);
      assert.ok(await page.getByRole('radio', { name: '1×' }).isChecked());
      const t0 = await timeS(page);
      assert.ok(t0 >= longest.startS - 0.05 && t0 <= longest.endS, `playing at ${t0} s, outside the span`);
      await page
        .locator('[data-testid="waveform"][data-playing="false"]')
        .waitFor({ timeout: (longest.endS - longest.startS) * 1000 + 15_000 });
      const stopped = await timeS(page);
      console.log(
        `[e2e] span ${longest.startS}–${longest.endS} s played from ${t0} s, stopped at ${stopped} s`,
      );
      assert.ok(Math.abs(stopped - longest.endS) < 0.35, `stopped at ${stopped} s, not at the span's end`);

      // the list under the waveform plays it at 0.5×
      await page
        .locator(`[data-testid="timeline-region"][data-region-id="${longest.id}"]`)
        .getByRole('button', { name: /at 0\.5×$/ })
        .click();
      assert.deepEqual(await playingSpan(page), [longest.startS, longest.endS]);
      assert.ok(await page.getByRole('radio', { name: '0.5×' }).isChecked());
      const a = await timeS(page);
      await page.waitForTimeout(1000);
      const b = await timeS(page);
      console.log(`[e2e] 0.5×: ${a} s → ${b} s in 1 s`);
      assert.ok(b - a > 0.25 && b - a < 0.75, `0.5× moved ${b - a} s in 1 s`);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await page.locator('[data-testid="waveform"][data-playing="false"]').waitFor();

      // the findings panel's crackles entry links to the spans: one plays and takes focus
      const link = page.locator('[data-testid="finding-region-link"][data-source="frames"]').first();
      await link.click();
      await playingSpan(page);
      await page.waitForFunction(
        () =>
          document.activeElement?.getAttribute('data-testid') === 'timeline-region' &&
          document.activeElement?.getAttribute('data-source') === 'frames',
      );
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      assertNoProblems(s);
    } finally {
      await s.close();
    }
  });
});
