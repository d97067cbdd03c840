// e2e of the keyboard-only paths, with Tab, Enter, Space, arrow keys and typing only (no mouse): from an empty app to
// an exported FHIR report (import a recording, choose the site on the body map, pick the backend, ask, export), and
// from starting an exam to its exported report (import into the next site, skip one, ask about every site, export the
// exam's FHIR bundle and zip).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileChooser, Page } from 'playwright-core';
import { validateFhirBundle } from '../src/core/report/fhirValidate';
import { BASE_URL, FIXTURES, assertNoProblems, openApp } from './browser';
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

  it('starts an exam, fills two sites, skips one, asks about every site and exports the exam report without a mouse', async () => {
    const s = await openApp();
    const { page } = s;
    const mv = join(FIXTURES, 'circor', 'training_data', '13918_MV.wav');
    try {
      await page.goto(`${BASE_URL}?model=tiny-random&maxNewTokens=8`);
      await page.getByText(/No recordings yet/).waitFor();

      await tabTo(page, '[data-testid="exam-label"]');
      await page.keyboard.type('Keyboard round');
      await tabTo(page, '[data-testid="exam-start"]');
      await page.keyboard.press('Enter');
      await page.getByTestId('exam-open-label').filter({ hasText: 'Keyboard round' }).waitFor();

      // the next site's import is a file input: Space opens the chooser
      await tabTo(page, '[data-testid="exam-import-AV"]');
      await (await openChooser(page)).setFiles(HEART_FIXTURE);
      await page.locator('[data-testid="exam-site-AV"][data-state="recorded"]').waitFor({ timeout: 30_000 });
      await tabTo(page, '[data-testid="exam-skip-PV"]');
      await page.keyboard.press('Enter');
      await page.locator('[data-testid="exam-site-PV"][data-state="skipped"]').waitFor();
      await tabTo(page, '[data-testid="exam-import-MV"]');
      await (await openChooser(page)).setFiles(mv);
      await page.locator('[data-testid="exam-site-MV"][data-state="recorded"]').waitFor({ timeout: 30_000 });
      assert.equal(await page.getByTestId('exam-next-site').innerText(), 'Next: tricuspid area');

      await tabTo(page, '[data-testid="exam-answer-all"]');
      await page.keyboard.press('Enter');
      for (const site of ['AV', 'MV'])
        await page
          .locator(`[data-testid="exam-site-${site}"] [data-testid="exam-answer"][data-status="done"]`)
          .waitFor({ timeout: 180_000 });
      await page.locator('[data-testid="exam-summary"][data-assessed="2"]').waitFor({ timeout: 60_000 });

      await tabTo(page, '[data-testid="exam-export-fhir"]');
      const [fhir] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      const bundle = JSON.parse(readFileSync((await fhir.path()) as string, 'utf8')) as {
        entry: { resource: { resourceType: string } }[];
      };
      assert.deepEqual(validateFhirBundle(bundle), []);
      // one Observation per site of the exam, the skipped and the pending ones included
      assert.deepEqual(
        bundle.entry.map((e) => e.resource.resourceType),
        ['DiagnosticReport', ...Array(4).fill('Observation')],
      );
      await tabTo(page, '[data-testid="exam-export"]');
      const [zip] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      assert.match(zip.suggestedFilename(), /^auscult-exam-Keyboard_round\.zip$/);
      console.log(`[e2e] keyboard only: exam started, answered and exported as ${fhir.suggestedFilename()}`);
      assertNoProblems(s);
    } finally {
      await s.close();
    }
  });
});
