// e2e accessibility check: axe-core (from npm) on each main view of the built app at desktop (1280×900) and phone
// (390×844) sizes; every violation is printed by impact, and none may be serious or critical.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { axe } from './axe';
import { BASE_URL, FIXTURES, assertNoProblems, openApp } from './browser';
import { VIEWPORTS, askTask, dismissImportToast, eachPaneView, showPaneOf } from './views';

const LUNG_NAME = '40638274_9.7_1_p2_1719';
const LUNG = join(FIXTURES, 'sprsound', 'train_wav', `${LUNG_NAME}.wav`);

const SEVERE = new Set(['serious', 'critical']);

describe('accessibility (axe-core)', () => {
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    it(`has no serious or critical violations on the main views at ${size}`, async () => {
      const s = await openApp();
      const { page } = s;
      const severe: string[] = [];
      const check = async (view: string) => {
        const violations = await axe(page);
        const byImpact =
          violations.map((v) => `${v.impact}:${v.id}×${v.nodes} (${v.where})`).join(', ') || 'none';
        console.log(`[e2e] axe ${size} ${view}: ${violations.length} violation(s): ${byImpact}`);
        for (const v of violations) if (SEVERE.has(v.impact ?? '')) severe.push(`${view}: ${v.id}`);
      };
      try {
        await page.setViewportSize(viewport);
        await page.goto(`${BASE_URL}?model=tiny-random&maxNewTokens=8`);
        await page.getByText(/No recordings yet/).waitFor();
        await eachPaneView(page, 'empty library', check);

        await showPaneOf(page, 'try-sample');
        await page.getByTestId('try-sample').click();
        await page.locator('.toast').filter({ hasText: 'synthetic sample' }).waitFor();
        await eachPaneView(page, 'samples, with a notification', check);

        await showPaneOf(page, 'import-input');
        await page.getByTestId('import-input').setInputFiles(LUNG);
        await dismissImportToast(page, LUNG_NAME); // the import selects the recording
        await showPaneOf(page, 'ask-panel');
        await page.locator('#backend-choice').selectOption('wasm');
        await askTask(page, 'classification');
        await page.getByTestId('report').waitFor({ state: 'attached' });
        await page.getByTestId('findings-list').waitFor({ state: 'attached', timeout: 60_000 });
        await eachPaneView(page, 'recording with an answer', check);
        assert.deepEqual(severe, [], 'serious or critical axe violations');
        assertNoProblems(s);
      } finally {
        await s.close();
      }
    });
  }
});
