// e2e of heart or lung decided from the audio: a SPRSound lung recording imported with no site gets a lung answer
// from the shipped model (not "S1 and S2"), the workspace says the model decided lung from the audio, the findings
// say how many windows they average and what they heard (normal or abnormal, which the answer opens with), and a
// correction by the user is saved with the recording.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BASE_URL, FIXTURES, assertNoProblems, openApp } from './browser';
import { askTask } from './views';

const LUNG_NAME = '40069321_15.3_0_p1_981';
const LUNG = join(FIXTURES, 'sprsound', 'train_wav', `${LUNG_NAME}.wav`);

describe('heart or lung from the audio', () => {
  it('answers a lung recording with an unknown site as lung, says so, and keeps the user correction', async () => {
    const s = await openApp();
    const { page } = s;
    try {
      await page.goto(`${BASE_URL}?maxNewTokens=48`); // the shipped default model
      await page.getByTestId('import-input').setInputFiles(LUNG);
      // the import may warn (e.g. about its sample rate); that toast stays until dismissed and covers the list
      const toast = page.locator('.toast').filter({ hasText: `"${LUNG_NAME}` });
      await toast.waitFor();
      console.log(`[e2e] import said: ${await toast.locator('span').innerText()}`);
      if ((await toast.getAttribute('class'))?.includes('toast-warning'))
        await toast.getByRole('button', { name: 'Dismiss' }).click();
      const item = page.getByTestId('library-item').filter({ hasText: LUNG_NAME });
      await item.click();
      await page.getByTestId('ask-panel').waitFor();
      const decision = page.getByTestId('domain-decision');
      assert.equal(
        await decision.getAttribute('data-source'),
        'pending',
        'no site and no choice: not decided yet',
      );
      await page.locator('#backend-choice').selectOption('wasm');

      const answer = await askTask(page, 'classification');
      const text = await answer.getByTestId('answer-text').innerText();
      await page.locator('[data-testid="domain-decision"][data-source="audio"]').waitFor({ timeout: 60_000 });
      const shown = await decision.locator('strong').innerText();
      const windows = await page.getByTestId('findings-windows').innerText();
      console.log(`[e2e] unknown-site lung recording: "${shown}"; findings over ${windows}; answer: ${text}`);
      assert.equal(await decision.getAttribute('data-domain'), 'lung');
      assert.match(shown, /Lung — decided from the audio \(p = (0\.[5-9]\d|1\.00)\)/);
      assert.match(windows, /^Mean over \d+ windows? \(all of the recording/);
      assert.doesNotMatch(text, /S1|S2|murmur/i, 'a heart answer for a lung recording');
      assert.match(text, /vesicular|breath|crackle|wheeze|rhonch|stridor|lung/i, 'not a lung answer');
      // the findings heads decided normal or abnormal, the panel says on what evidence, and the answer opens with it;
      // or the poor-quality head left it undecided, the panel says so and the language model answered alone
      const verdict = page.getByTestId('verdict');
      const decided = await verdict.getAttribute('data-verdict');
      const said = await verdict.innerText();
      console.log(`[e2e] findings verdict (${decided}): ${said}`);
      if (decided === 'undecided')
        assert.match(said, /^No verdict from the findings: the recording may be of poor quality/);
      else {
        assert.match(said, /^Heard as (normal|abnormal): .*(crackles|wheeze)/);
        assert.ok(
          text.startsWith(decided === 'abnormal' ? 'Abnormal.' : 'Normal.'),
          `answer opens against ${decided}`,
        );
      }

      // the user corrects it: saved with the recording, so it survives a reload
      await page.getByTestId('set-domain-heart').click();
      await page
        .locator('[data-testid="domain-decision"][data-source="user"][data-domain="heart"]')
        .waitFor();
      await page.reload();
      await page.getByTestId('library-item').filter({ hasText: LUNG_NAME }).click();
      await page
        .locator('[data-testid="domain-decision"][data-source="user"][data-domain="heart"]')
        .waitFor();
      assertNoProblems(s);
    } finally {
      await s.close();
    }
  });
});
