// e2e of practice with the user's own labeled recordings: import a fixture WAV, mark its ground truth and
// attribution, practise it (answer before the reveal, model answer on the same audio), and the score and the case
// persist in the practice history; a reset starts the score again and keeps the history.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BASE_URL, FIXTURES, assertNoProblems, openApp } from './browser';

const AV = join(FIXTURES, 'circor', 'training_data', '13918_AV.wav');
const CREDIT = 'CirCor DigiScope 2022 (PhysioNet), CC BY 4.0';

describe('practice with labeled recordings', () => {
  it('labels an imported recording, practises it with attribution, scores it and keeps the score', async () => {
    const s = await openApp();
    const { page } = s;
    try {
      await page.goto(`${BASE_URL}?model=tiny-random&maxNewTokens=16`);
      await page.getByTestId('import-input').setInputFiles(AV);
      await page.getByTestId('library-item').filter({ hasText: '13918_AV' }).click();
      await page.getByTestId('ask-panel').waitFor();
      await page.locator('[data-site="AV"]').click();
      await page.locator('[data-site="AV"][aria-checked="true"]').waitFor();

      const truth = page.getByTestId('recording-truth');
      await truth.getByLabel('Abnormal').check();
      await truth.getByLabel('Systolic murmur').check();
      await truth.getByLabel('Source and licence').fill(CREDIT);
      await truth.getByRole('button', { name: 'Save ground truth' }).click();
      await page.getByTestId('truth-status').filter({ hasText: 'Labeled: heart, abnormal' }).waitFor();

      const practice = page.getByTestId('practice');
      await practice.getByLabel('My labeled recordings (1)').check();
      await practice.getByRole('button', { name: 'Start a practice case' }).click();
      assert.equal(await page.getByTestId('practice-attribution').innerText(), `Recording credit: ${CREDIT}`);
      assert.equal(await page.getByTestId('practice-reveal').count(), 0, 'truth shown before the answer');
      await practice.getByLabel('Abnormal').check();
      await practice.getByLabel('Systolic murmur').check();
      await practice.locator('[data-site="AV"]').click();
      await practice.getByRole('button', { name: 'Reveal' }).click();
      await page.getByTestId('practice-reveal').waitFor();
      assert.match(
        await page.getByTestId('practice-truth').innerText(),
        /abnormal \(13918_AV\).*Systolic murmur/i,
      );
      const score = page.getByTestId('practice-score');
      assert.match(await score.innerText(), /Score: 3\.0 \/ 3 over 1 case\b/);
      const modelAnswer = page.getByTestId('practice-model-answer');
      await page.waitForFunction(
        (el) => (el?.textContent ?? '').length > 3 && !/asking…|^…$/.test(el?.textContent ?? ''),
        await modelAnswer.elementHandle(),
        { timeout: 120_000 },
      );
      console.log(
        `[e2e] practice (labeled recording): ${await score.innerText()}; model: ${await modelAnswer.innerText()}`,
      );

      await page.reload();
      await page.getByTestId('practice-score').filter({ hasText: 'over 1 case' }).waitFor();
      // the case is in the practice history (IndexedDB); a reset starts the score again and keeps the history
      await page.getByTestId('practice-history').filter({ hasText: '13918_AV: 3.0 / 3' }).waitFor();
      await practice.getByRole('button', { name: 'Reset score' }).click();
      await page.getByTestId('practice-score').filter({ hasText: 'Score: 0.0 / 0 over 0 cases' }).waitFor();
      await page.reload();
      await page.getByTestId('practice-history').filter({ hasText: '13918_AV: 3.0 / 3' }).waitFor();
      assert.match(await page.getByTestId('practice-score').innerText(), /over 0 cases/);
      assertNoProblems(s);
    } finally {
      await s.close();
    }
  });
});
