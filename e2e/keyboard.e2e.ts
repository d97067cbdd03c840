// e2e of the keyboard-only path: from an empty app to an exported FHIR report with Tab, Enter, Space and arrow keys
// only (no mouse): import a recording, choose the site on the body map, pick the backend, ask, export the report.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { FileChooser, Page } from 'playwright-core';
import { validateFhirBundle } from '../src/ui/workspace/report/fhirValidate';
import { BASE_URL, assertNoProblems, openApp } from './browser';
import { HEART_FIXTURE } from './session';

/** Presses Tab until the focused element matches `selector`; fails after `max` presses. */
async function tabTo(page: Page, selector: string, max = 150): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
  throw new Error(`Tab never reached ${selector} (${max} presses; focus is on ${at})`);
}

/**
 * Presses Space on the focused file input until the file chooser opens: headless Chromium now and then lets the first
 * press pass without opening it (seen in about one run in three, also with Enter), as a user would press again.
 */
async function openChooser(page: Page): Promise<FileChooser> {
  for (let press = 1; ; press++) {
    const opened = page.waitForEvent('filechooser', { timeout: 3000 });
    await page.keyboard.press('Space');
    try {
      const chooser = await opened;
      console.log(`[e2e] file chooser opened on press ${press}`);
      return chooser;
    } catch (e) {
      if (press === 3) throw e;
    }
  }
}

describe('keyboard only', () => {
  it('imports, sets the site, asks and exports the report without a mouse', async () => {
    const s = await openApp();
    const { page } = s;
    try {
      await page.goto(`${BASE_URL}?model=tiny-random&maxNewTokens=8`);
      await page.getByText(/No recordings yet/).waitFor();

      // the import button is a file input: Space opens the file chooser
      await tabTo(page, '[data-testid="import-input"]');
      const chooser = await openChooser(page);
      await chooser.setFiles(HEART_FIXTURE);
      await page.getByTestId('library-item').filter({ hasText: '13918_AV' }).waitFor();
      await page.getByTestId('ask-panel').waitFor();

      // the site on the body map: a radio group of spots (Enter or Space chooses the focused one)
      await tabTo(page, '[data-site="AV"]');
      await page.keyboard.press('Enter');
      await page.locator('[data-site="AV"][aria-checked="true"]').waitFor();
      await page.locator('[data-testid="domain-decision"][data-domain="heart"]').waitFor();

      await tabTo(page, '#backend-choice');
      await page.keyboard.press('End'); // the last choice: WASM
      assert.equal(await page.locator('#backend-choice').inputValue(), 'wasm');

      await tabTo(page, '[data-testid="task-classification"]');
      await page.keyboard.press('Enter');
      await page
        .getByTestId('answer-classification')
        .and(page.locator('[data-status="done"]'))
        .waitFor({ timeout: 120_000 });
      await page.getByTestId('report-classification').waitFor();

      await tabTo(page, '[data-testid="export-fhir"]');
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      const bundle: unknown = JSON.parse(readFileSync((await download.path()) as string, 'utf8'));
      assert.deepEqual(validateFhirBundle(bundle), []);
      assert.match(JSON.stringify(bundle), /"resourceType":"DiagnosticReport"/);
      console.log(`[e2e] keyboard only: imported, asked and exported ${download.suggestedFilename()}`);
      assertNoProblems(s);
    } finally {
      await s.close();
    }
  });
});
