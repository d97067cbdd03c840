// e2e of the model's frame-level events on the timeline: on a SPRSound lung recording with crackles, the shipped
// model's crackles and wheeze regions are its frame-event spans (0.32 s frames, not whole 10 s windows); clicking one
// on the waveform plays exactly that span at 1×, the list plays it at 0.5×, and the findings panel links to it.
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

const DURATION_S = 9.22;

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
      await openLungFindings(page);
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
      await assertPlaysToEnd(page, longest.startS, longest.endS);

      // the list under the waveform plays it at 0.5×
      await page
        .locator(`[data-testid="timeline-region"][data-region-id="${longest.id}"]`)
        .getByRole('button', { name: /at 0\.5×$/ })
        .click();
      assert.deepEqual(await playingSpan(page), [longest.startS, longest.endS]);
      await assertHalfSpeed(page, 1);
      await pause(page);

      // the findings panel's crackles entry links to the spans: one plays and takes focus
      const link = page.locator('[data-testid="finding-region-link"][data-source="frames"]').first();
      await link.click();
      await playingSpan(page);
      await page.waitForFunction(
        () =>
          document.activeElement?.getAttribute('data-testid') === 'timeline-region' &&
          document.activeElement?.getAttribute('data-source') === 'frames',
      );
      await pause(page);
      assertNoProblems(s);
    } finally {
      await s.close();
    }
  });
});
