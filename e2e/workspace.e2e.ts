// e2e of the clinical workspace with models/tiny-random: all seven tasks stream on WASM, comparison of two
// recordings, FHIR export validated, offline after the first load, and once on (software) WebGPU with proof it ran.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { TASK_IDS } from '../src/core/tasks/types';
import { validateFhirBundle } from '../src/core/report/fhirValidate';
import { BASE_URL, FIXTURES, assertNoProblems, openApp, type Session } from './browser';

const AV = join(FIXTURES, 'circor', 'training_data', '13918_AV.wav');
const MV = join(FIXTURES, 'circor', 'training_data', '13918_MV.wav');
const LUNG_NAME = '40069321_15.3_0_p1_981';
const LUNG = join(FIXTURES, 'sprsound', 'train_wav', `${LUNG_NAME}.wav`);
const TASKS = TASK_IDS;

/** Every request the app makes (pages and its workers) must stay on this machine. */
function watchOrigins(s: Session): string[] {
  const foreign: string[] = [];
  const check = (r: Request) => {
    const u = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(u.hostname) && !['data:', 'blob:'].includes(u.protocol))
      foreign.push(r.url());
  };
  s.context.on('request', check);
  return foreign;
}

async function openWorkspace(
  query: string,
  model: string | null = 'tiny-random',
): Promise<{ s: Session; foreign: string[] }> {
  const s = await openApp();
  const foreign = watchOrigins(s);
  await s.page.goto(
    model === null ? `${BASE_URL}?${query.replace(/^&/, '')}` : `${BASE_URL}?model=${model}${query}`,
  );
  return { s, foreign };
}

async function importAndSelect(page: Page, file: string, name: string, site: string): Promise<void> {
  await page.getByTestId('import-input').setInputFiles(file);
  const item = page.getByTestId('library-item').filter({ hasText: name });
  await item.waitFor();
  await item.click();
  await page.getByTestId('ask-panel').waitFor();
  await page.locator(`[data-site="${site}"]`).click();
  await page.locator(`[data-site="${site}"][aria-checked="true"]`).waitFor();
}

async function chooseBackend(page: Page, backend: 'wasm' | 'webgpu'): Promise<void> {
  await page.locator('#backend-choice').selectOption(backend);
}

/** Waits for an answer to end and checks it streamed: several token events, non-empty text, status done. */
async function streamedAnswer(
  page: Page,
  kind: string,
  timeoutMs: number,
): Promise<{ tokens: number; text: string }> {
  const answer = page.getByTestId(`answer-${kind}`);
  await answer.and(page.locator('[data-status="done"]')).waitFor({ timeout: timeoutMs });
  const tokens = Number(await answer.getAttribute('data-tokens'));
  const text = await answer.getByTestId('answer-text').innerText();
  assert.ok(tokens >= 2, `${kind}: only ${tokens} token event(s)`);
  assert.ok(text.trim().length > 0, `${kind}: empty answer`);
  return { tokens, text };
}

describe('clinical workspace', () => {
  it('runs all seven tasks on WASM, compares two recordings, exports valid FHIR, then works offline', async () => {
    const { s, foreign } = await openWorkspace('');
    const { page, context } = s;
    try {
      await importAndSelect(page, MV, '13918_MV', 'MV');
      await importAndSelect(page, AV, '13918_AV', 'AV');
      await page.locator('#compare-with').selectOption({ label: '13918_MV (mitral area)' });
      await chooseBackend(page, 'wasm');
      const t0 = Date.now();
      await page.getByTestId('run-all').click();
      for (const kind of TASKS) {
        const { tokens, text } = await streamedAnswer(page, kind, 120_000);
        console.log(`[e2e] wasm ${kind}: ${tokens} tokens, ${text.length} chars`);
      }
      console.log(`[e2e] seven answers on WASM in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      const badge = page.getByTestId('backend-badge');
      assert.equal(await badge.getAttribute('data-backend'), 'wasm');
      assert.equal(await badge.getAttribute('data-gpu-submits'), '0', 'WASM run submitted GPU work');
      assert.match(await page.getByTestId('tokens-per-second').first().innerText(), /\d+(\.\d)? tokens\/s/);
      // the comparison answer is about both recordings; the report holds all seven
      for (const kind of TASKS) await page.getByTestId(`report-${kind}`).waitFor();

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-fhir').click(),
      ]);
      const bundle: unknown = JSON.parse(readFileSync((await download.path()) as string, 'utf8'));
      assert.deepEqual(validateFhirBundle(bundle), []);
      const text = JSON.stringify(bundle);
      assert.match(text, /"resourceType":"DiagnosticReport"/);
      assert.match(text, /Research and education use only/);

      // offline after the first full load: app shell from the service worker, model from Cache Storage
      await page.evaluate(async () => void (await navigator.serviceWorker.ready));
      await context.setOffline(true);
      await page.reload();
      await page.getByTestId('library-item').filter({ hasText: '13918_AV' }).click();
      await chooseBackend(page, 'wasm');
      await page.getByTestId('task-classification').click();
      const offline = await streamedAnswer(page, 'classification', 120_000);
      console.log(`[e2e] offline classification: ${offline.tokens} tokens`);
      assert.deepEqual(foreign, [], 'requests left this machine');
      assertNoProblems(s, [/Failed to load resource/]);
    } finally {
      await s.close();
    }
  });

  it('shows findings-head probabilities and heart analysis, and scores a practice case', async () => {
    const { s, foreign } = await openWorkspace('&maxNewTokens=32');
    const { page } = s;
    try {
      await importAndSelect(page, AV, '13918_AV', 'AV');
      await chooseBackend(page, 'wasm');
      await page.getByTestId('task-classification').click();
      await streamedAnswer(page, 'classification', 120_000);
      const findings = page.getByTestId('findings-list').locator('li');
      await findings.first().waitFor({ timeout: 60_000 });
      const heartRate = await page.getByTestId('heart-rate').innerText();
      const regions = await page.getByTestId('region-waveform').locator('rect[role="button"]').count();
      console.log(
        `[e2e] findings head: ${await findings.count()} labels; heart rate ${heartRate}; ${regions} S1/S2 regions`,
      );
      assert.ok((await findings.count()) > 0);
      assert.match(heartRate, /\d+ \/min|not measurable/);
      if (regions > 0)
        await page.getByTestId('region-waveform').locator('rect[role="button"]').first().click();

      // a lung recording: respiratory rate and crackle/wheeze candidates instead of S1/S2
      await page.getByTestId('import-input').setInputFiles(LUNG);
      await page.getByTestId('library-item').filter({ hasText: LUNG_NAME }).click();
      await page.getByTestId('body-view-back').click();
      await page.locator('[data-site="posterior-left-lower"]').click();
      const rr = await page.getByTestId('resp-rate').innerText();
      const lungRegions = await page.getByTestId('region-waveform').locator('rect[role="button"]').count();
      console.log(`[e2e] lung: respiratory rate ${rr}; ${lungRegions} crackle/wheeze candidates`);
      assert.match(rr, /\d+ \/min|not measurable/);

      const practice = page.getByTestId('practice');
      await practice.getByRole('button', { name: 'Start a practice case' }).click();
      await practice.getByLabel('Abnormal').check();
      await practice.getByRole('button', { name: 'Reveal' }).click();
      await page.getByTestId('practice-reveal').waitFor();
      assert.match(await page.getByTestId('practice-score').innerText(), /over 1 case\b/);
      const modelAnswer = page.getByTestId('practice-model-answer');
      await page.waitForFunction(
        (el) => (el?.textContent ?? '').length > 3 && !/asking…|^…$/.test(el?.textContent ?? ''),
        await modelAnswer.elementHandle(),
        { timeout: 120_000 },
      );
      assert.deepEqual(foreign, [], 'requests left this machine');
      assertNoProblems(s);
    } finally {
      await s.close();
    }
  });

  it('loads the shipped default model (no ?model) and gives a normal/abnormal verdict on WASM', async () => {
    const { s, foreign } = await openWorkspace('&maxNewTokens=48', null);
    const { page } = s;
    try {
      await importAndSelect(page, AV, '13918_AV', 'AV');
      await chooseBackend(page, 'wasm');
      await page.getByTestId('task-classification').click();
      const { tokens, text } = await streamedAnswer(page, 'classification', 120_000);
      const shipped = JSON.parse(
        readFileSync(join(import.meta.dirname, '..', 'models', 'auscult-v1', 'manifest.json'), 'utf8'),
      );
      const bar = await page.getByTestId('model-status').innerText();
      console.log(`[e2e] shipped model (${bar.replace(/\s+/g, ' ').trim()}): ${tokens} tokens: ${text}`);
      assert.ok(bar.includes(shipped.id), `model bar does not name the shipped model ${shipped.id}: ${bar}`);
      assert.match(text, /\b(normal|abnormal)\b/i, 'the trained model should state a verdict');
      assert.deepEqual(foreign, [], 'requests left this machine');
      assertNoProblems(s);
    } finally {
      await s.close();
    }
  });

  it('answers on WebGPU (software adapter), proves WebGPU computed, and answers on it again offline', async () => {
    const { s, foreign } = await openWorkspace('&maxNewTokens=24');
    const { page, context } = s;
    const webgpuBuild: string[] = []; // network fetches of ORT's WebGPU (asyncify) build
    context.on('requestfinished', async (r) => {
      if (
        /ort-wasm-simd-threaded\.asyncify-[^/]*\.wasm$/.test(r.url()) &&
        !(await r.response())?.fromServiceWorker()
      )
        webgpuBuild.push(r.url());
    });
    try {
      // the first visit precaches only the plain WASM build; the WebGPU build waits until WebGPU is chosen
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null); // clientsClaim: this visit
      assert.deepEqual(
        webgpuBuild,
        [],
        'the first visit downloaded the WebGPU build before WebGPU was chosen',
      );
      await importAndSelect(page, AV, '13918_AV', 'AV');
      await chooseBackend(page, 'webgpu');
      await page.getByTestId('task-classification').click();
      const { tokens } = await streamedAnswer(page, 'classification', 300_000);
      const badge = page.getByTestId('backend-badge');
      const submits = Number(await badge.getAttribute('data-gpu-submits'));
      console.log(
        `[e2e] webgpu classification: ${tokens} tokens; ${submits} GPU submissions during load + warm-up`,
      );
      assert.equal(await badge.getAttribute('data-backend'), 'webgpu');
      assert.ok(submits > 0, 'no GPU work was submitted: WebGPU did not really run');
      const kept = await page.evaluate(async () =>
        (await (await caches.open('auscult-ort-webgpu')).keys()).map((r) => new URL(r.url).pathname),
      );
      console.log(
        `[e2e] WebGPU build fetched ${webgpuBuild.length}×; kept for offline use: ${kept.join(', ')}`,
      );
      assert.equal(webgpuBuild.length, 1, 'the WebGPU build was not fetched exactly once');
      assert.ok(
        kept.some((p) => p.endsWith('.wasm')) && kept.some((p) => p.endsWith('.mjs')),
        'WebGPU build not cached',
      );

      // offline: the service worker serves the WebGPU build it kept, the model comes from Cache Storage
      await context.setOffline(true);
      await page.reload();
      await page.getByTestId('library-item').filter({ hasText: '13918_AV' }).click();
      await chooseBackend(page, 'webgpu');
      await page.getByTestId('task-classification').click();
      const offline = await streamedAnswer(page, 'classification', 300_000);
      console.log(`[e2e] offline webgpu classification: ${offline.tokens} tokens`);
      assert.equal(await page.getByTestId('backend-badge').getAttribute('data-backend'), 'webgpu');
      assert.equal(webgpuBuild.length, 1, 'the WebGPU build was fetched again');
      assert.deepEqual(foreign, [], 'requests left this machine');
      assertNoProblems(s, [/Failed to load resource/]);
    } finally {
      await s.close();
    }
  });
});
