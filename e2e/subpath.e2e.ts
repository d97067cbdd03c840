// e2e of the production build on a plain static host under a sub-path (/auscult/): an empty library offers "Try a
// sample"; the synthetic heart and lung samples are answered, reported, exported and practised; then the same flow
// runs again with the network off (app shell from the service worker, model from Cache Storage).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { TASK_IDS } from '../src/core/tasks/types';
import { validateFhirBundle } from '../src/ui/workspace/report/fhirValidate';
import { BASE_URL, assertNoProblems, openApp } from './browser';
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

      // practice on the samples: they carry their ground truth
      const practice = page.getByTestId('practice');
      await practice.getByLabel(/My labeled recordings \(6\)/).check();
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
      await page.getByTestId('findings-panel').waitFor();
      await page.locator('#backend-choice').selectOption('wasm');
      await page.getByTestId('task-classification').click();
      await page
        .getByTestId('answer-classification')
        .and(page.locator('[data-status="done"]'))
        .waitFor({ timeout: 120_000 });
      await page.getByTestId('findings-windows').waitFor({ timeout: 60_000 });
      console.log(
        `[e2e] offline under ${PREFIX}: ${await page.getByTestId('answer-classification').innerText()}`,
      );
      assert.deepEqual(outside, [], 'requests left the sub-path');
      assertNoProblems(s, [/Failed to load resource/]);
    } finally {
      await s.close();
      await host.close();
    }
  });
});
