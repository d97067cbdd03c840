// Screenshots of the main views at desktop (1280×900) and phone (390×844) sizes, written to docs/screens/ for the
// README: the empty start with "Try a sample", and a synthetic lung sample answered by the shipped model with its
// findings regions, as the two panes on a desktop and as each tab on a phone; and the sample heart exam with every site
// answered (the body map's progress, the per-site answers, the summary).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BASE_URL, assertNoProblems, openApp } from './browser';
import { VIEWPORTS, askTask } from './views';

const OUT = join(import.meta.dirname, '..', 'docs', 'screens');

describe('screenshots', () => {
  it('writes the main views at desktop and phone sizes to docs/screens/', async () => {
    mkdirSync(OUT, { recursive: true });
    const s = await openApp();
    const { page } = s;
    const written: string[] = [];
    const shot = async (name: string) => {
      for (const b of await page.locator('.toast').getByRole('button', { name: 'Dismiss' }).all())
        await b.click();
      const file = join(OUT, `${name}.png`);
      await page.screenshot({ path: file });
      assert.ok(statSync(file).size > 10_000, `${name}.png is nearly empty`);
      written.push(`docs/screens/${name}.png`);
    };
    try {
      await page.setViewportSize(VIEWPORTS.desktop);
      await page.goto(`${BASE_URL}?maxNewTokens=40`);
      await page.getByTestId('try-sample').waitFor();
      await shot('desktop-start');
      await page.setViewportSize(VIEWPORTS.phone);
      await shot('phone-start');

      await page.setViewportSize(VIEWPORTS.desktop);
      await page.getByTestId('try-sample').click();
      await page.getByTestId('library-item').nth(5).waitFor({ timeout: 60_000 });
      // the sample exams are made after the recordings; the toast says when all are there
      await page.locator('.toast').filter({ hasText: 'sample exams' }).waitFor({ timeout: 60_000 });
      await page.getByTestId('library-item').filter({ hasText: 'pneumonia' }).click();
      await page.locator('#backend-choice').selectOption('wasm');
      for (const task of ['classification', 'reporting']) {
        await askTask(page, task, 180_000);
      }
      await page.getByTestId('findings-windows').waitFor({ timeout: 60_000 });
      // the findings heads' verdict opens the classification answer (unless they left it undecided)
      const verdict = await page.getByTestId('verdict').getAttribute('data-verdict');
      const answer = await page.getByTestId('answer-classification').getByTestId('answer-text').innerText();
      console.log(`[e2e] pneumonia sample: verdict ${verdict}; answer: ${answer}`);
      if (verdict !== 'undecided')
        assert.ok(
          answer.startsWith(verdict === 'abnormal' ? 'Abnormal.' : 'Normal.'),
          `answer opens against ${verdict}`,
        );
      await page.locator('[data-testid="waveform"][data-ready="true"]').waitFor();
      // the recording pane at its top (the waveform), the answers pane at the first answer
      await page.evaluate(() => {
        for (const el of document.querySelectorAll('.pane, .pane-column')) el.scrollTop = 0;
        document.querySelector('[data-testid="answer-classification"]')?.scrollIntoView({ block: 'start' });
      });
      await shot('desktop-workspace');

      await page.setViewportSize(VIEWPORTS.phone);
      for (const tab of ['recording', 'ask', 'findings']) {
        await page.getByTestId(`tab-${tab}`).click();
        await page.getByTestId(`pane-${tab}`).waitFor();
        await page.evaluate(() => window.scrollTo(0, 0));
        await shot(`phone-${tab}`);
      }
      // the sample heart exam, every site answered: the body map's progress, the per-site answers and the summary
      await page.setViewportSize(VIEWPORTS.desktop);
      await page.getByTestId('exam-item').filter({ hasText: 'Sample exam: aortic stenosis' }).click();
      await page.getByTestId('exam-open').waitFor();
      await page.getByTestId('exam-answer-all').click();
      await page.getByTestId('exam-answer-all').and(page.locator(':enabled')).waitFor({ timeout: 300_000 });
      await page.getByTestId('exam-summary').waitFor({ timeout: 60_000 });
      // taller windows than the other shots: the exam's body map, site cards and summary run long
      const toExam = () =>
        page.evaluate(() =>
          document.querySelector('[data-testid="exam-panel"]')?.scrollIntoView({ block: 'start' }),
        );
      await page.setViewportSize({ ...VIEWPORTS.desktop, height: 1800 });
      await toExam();
      await shot('desktop-exam');
      await page.setViewportSize({ ...VIEWPORTS.phone, height: 2400 });
      await page.getByTestId('tab-recording').click(); // the exam lives in the recording tab on a phone
      await toExam();
      await shot('phone-exam');
      console.log(`[e2e] screenshots: ${written.join(', ')}`);
      assertNoProblems(s);
    } finally {
      await s.close();
    }
  });
});
