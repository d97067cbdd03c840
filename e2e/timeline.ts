// Helpers of the timeline e2e specs (findings-regions, frame-events): a SPRSound lung fixture with crackles opened
// with its findings on the timeline, and what the waveform says it plays.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { FIXTURES } from './browser';
import { dismissImportToast } from './views';

/** SPRSound: fine crackles annotated from 0.3 s to 8.8 s. */
export const LUNG_NAME = '40638274_9.7_1_p2_1719';
export const LUNG = join(FIXTURES, 'sprsound', 'train_wav', `${LUNG_NAME}.wav`);

export const waveform = (page: Page) => page.getByTestId('waveform');
export const attr = async (page: Page, name: string) => (await waveform(page).getAttribute(name)) ?? '';
export const timeS = async (page: Page) => Number(await attr(page, 'data-time-s'));

/** Waits until the viewer says it plays, and returns the span it plays ("start-end" in seconds). */
export async function playingSpan(page: Page): Promise<[number, number]> {
  await page.locator('[data-testid="waveform"][data-playing="true"]:not([data-playing-region=""])').waitFor();
  const [from, to] = (await attr(page, 'data-playing-region')).split('-').map(Number);
  return [from, to];
}

/** Imports the lung fixture into a lung site, asks classification on WASM and waits for its findings and waveform. */
export async function openLungFindings(page: Page): Promise<void> {
  await page.getByTestId('import-input').setInputFiles(LUNG);
  await dismissImportToast(page, LUNG_NAME);
  await page.getByTestId('body-view-back').click();
  await page.locator('[data-site="posterior-left-lower"]').click();
  await page.locator('#backend-choice').selectOption('wasm');
  await page.getByTestId('task-classification').click();
  await page.getByTestId('findings-windows').waitFor({ timeout: 120_000 });
  await page.locator('[data-testid="waveform"][data-ready="true"]').waitFor();
}

/** After a region's 1× playback started: it plays inside [start, end] and stops at its end. */
export async function assertPlaysToEnd(page: Page, start: number, end: number): Promise<void> {
  assert.ok(await page.getByRole('radio', { name: '1×' }).isChecked());
  const t0 = await timeS(page);
  assert.ok(t0 >= start - 0.05 && t0 <= end, `playing at ${t0} s, outside ${start}–${end} s`);
  await page
    .locator('[data-testid="waveform"][data-playing="false"]')
    .waitFor({ timeout: (end - start) * 1000 + 15_000 });
  const stopped = await timeS(page);
  console.log(`[e2e] region ${start}–${end} s played from ${t0} s, stopped at ${stopped} s`);
  assert.ok(Math.abs(stopped - end) < 0.35, `stopped at ${stopped} s, not at the region's end ${end} s`);
}

/** After a 0.5× playback started: over `seconds` of wall time it moves about half as far. */
export async function assertHalfSpeed(page: Page, seconds: number): Promise<void> {
  assert.ok(await page.getByRole('radio', { name: '0.5×' }).isChecked());
  const a = await timeS(page);
  await page.waitForTimeout(seconds * 1000);
  const b = await timeS(page);
  console.log(`[e2e] 0.5×: ${a} s → ${b} s in ${seconds} s`);
  assert.ok(b - a > 0.3 * seconds && b - a < 0.7 * seconds, `0.5× moved ${b - a} s in ${seconds} s`);
}

/** Pauses and waits until the viewer says it stopped. */
export async function pause(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.locator('[data-testid="waveform"][data-playing="false"]').waitFor();
}
