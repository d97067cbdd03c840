// e2e of the production build on a plain static host under a sub-path (/auscult/): an empty library offers "Try a
// sample"; a synthetic recording is answered, reported and exported, the sample heart exam is answered site by site
// with its summary and FHIR bundle, the samples are practised; then, with the network off (app shell from the service
// worker, model from Cache Storage), the sample lung exam and a recording are answered again.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { TASK_IDS } from '../src/core/tasks/types';
import { validateFhirBundle } from '../src/core/report/fhirValidate';
import { BASE_URL, assertNoProblems, openApp } from './browser';
import { askTask } from './views';
import { serveStatic } from './static-server';

const DIST = join(import.meta.dirname, '..', 'dist'); // built by e2e/run.mjs
const PREFIX = '/auscult/';

async function answerAll(page: Page): Promise<void> {
  await page.locator('#backend-choice').selectOption('wasm');
  await page.getByTestId('run-all').click();
  for (const kind of TASK_IDS)
    await page
      .getByTestId(`answer-${kind}`)
      .and(page.locator('[data-status="done"]'))
      .waitFor({ timeout: 120_000 });
}

/** Asks about every site of the open exam and waits for each answer and the exam summary. */
async function answerExam(page: Page, label: string, sites: number): Promise<void> {
  await page.getByTestId('exam-open-label').filter({ hasText: label }).waitFor();
  await page.locator('#backend-choice').selectOption('wasm'); // a recording is selected: its answers pane shows
  await page.getByTestId('exam-answer-all').click();
  const done = page.locator('[data-testid="exam-answer"][data-status="done"]');
  await page.waitForFunction(
    ([n]) => document.querySelectorAll('[data-testid="exam-answer"][data-status="done"]').length >= n,
    [sites],
    { timeout: 180_000 },
  );
  assert.equal(await done.count(), sites);
  const summary = await page.getByTestId('exam-summary').innerText();
  console.log(
    `[e2e] ${label}: ${sites} site answers; summary: ${summary.replace(/\s+/g, ' ').slice(0, 300)}`,
  );
}

describe('production build under a sub-path', () => {
  it('runs the samples end to end from /auscult/ on a static host, then again offline', async () => {
    const host = await serveStatic(DIST, PREFIX);
    const s = await openApp();
    const { page, context } = s;
    // requests on the static host outside the sub-path, or to any origin but the two servers (openApp's first page
    // comes from e2e/run.mjs's server, and its service worker keeps precaching there)
    const outside: string[] = [];
    const allowed = new Set([new URL(host.url).origin, new URL(BASE_URL).origin]);
    context.on('request', (r) => {
      const u = new URL(r.url());
      if (!u.protocol.startsWith('http')) return;
      if (!allowed.has(u.origin) || (u.origin === new URL(host.url).origin && !u.pathname.startsWith(PREFIX)))
        outside.push(r.url());
    });
    try {
      await page.goto(`${host.url}?model=tiny-random&maxNewTokens=8`);
      await page.getByTestId('try-sample').click();
      const items = page.locator('[data-testid="library-item"][data-synthetic="true"]');
      await items.nth(5).waitFor({ timeout: 60_000 });
      // the sample exams are made after the recordings; the toast says when all are there
      await page.locator('.toast').filter({ hasText: 'sample exams' }).waitFor({ timeout: 60_000 });
      const names = await items.locator('.item-name').allInnerTexts();
      console.log(`[e2e] samples: ${names.join('; ')}`);
      assert.ok(names.some((n) => /heart/.test(n)) && names.some((n) => /lung|pneumonia|asthma/.test(n)));
      assert.match(await page.getByTestId('truth-status').innerText(), /Labeled: heart/);

      // the first sample (a heart) is selected: all seven tasks, the report and its FHIR export
      await answerAll(page);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-fhir').click(),
      ]);
      assert.deepEqual(
        validateFhirBundle(JSON.parse(readFileSync((await download.path()) as string, 'utf8'))),
        [],
      );

      // the sample heart exam (opened by "Try a sample"): every site answered, the summary, the exam's FHIR bundle
      await answerExam(page, 'Sample exam: aortic stenosis', 4);
      const [examFhir] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('exam-export-fhir').click(),
      ]);
      assert.match(
        readFileSync((await examFhir.path()) as string, 'utf8'),
        /"resourceType": ?"DiagnosticReport"/,
      );

      // practice on the samples: they carry their ground truth
      const practice = page.getByTestId('practice');
      await practice.getByLabel(/My labeled recordings \(16\)/).check();
      await practice.getByRole('button', { name: 'Start a practice case' }).click();
      await practice.getByLabel('Abnormal').check();
      await practice.getByRole('button', { name: 'Reveal' }).click();
      assert.match(await page.getByTestId('practice-score').innerText(), /over 1 case\b/);
      const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
      assert.equal(scope, host.url, 'the service worker does not cover the sub-path');

      // offline: the service worker serves the app from the sub-path, the model comes from Cache Storage
      await context.setOffline(true);
      await page.reload();
      await page.getByTestId('library-item').filter({ hasText: 'pneumonia' }).click();
      await page.locator('#backend-choice').selectOption('wasm');
      await askTask(page, 'classification');
      await page.getByTestId('findings-windows').waitFor({ timeout: 60_000 });
      await page.getByTestId('exam-item').filter({ hasText: 'Sample exam: crackles' }).click();
      await answerExam(page, 'Sample exam: crackles at both bases', 6);
      assert.deepEqual(outside, [], 'requests left the sub-path');
      assertNoProblems(s, [/Failed to load resource/]);
    } finally {
      await s.close();
      await host.close();
    }
  });
});
