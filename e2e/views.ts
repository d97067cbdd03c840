// e2e helpers for the layout: the desktop and phone sizes the views are checked at, the phone's pane tabs (on a
// desktop both panes show at once, and these helpers do nothing), the import toast that can cover the page, and
// asking one task and waiting for its answer.
import type { Locator, Page } from 'playwright-core';

export const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

/** The phone's tabs, one per pane; none are visible on a desktop. */
function tabs(page: Page) {
  return page.getByRole('tablist', { name: 'Panes' }).getByRole('tab');
}

/** Shows the pane holding `testId` (on a phone, by choosing its tab); on a desktop it is already shown. */
export async function showPaneOf(page: Page, testId: string): Promise<void> {
  const all = tabs(page);
  const n = (await all.first().isVisible()) ? await all.count() : 0;
  for (let i = 0; i < n; i++) {
    if (await page.getByTestId(testId).first().isVisible()) return;
    await all.nth(i).click();
  }
}

/** Calls `body` once per view: each pane tab on a phone, or the whole page where there are no tabs. */
export async function eachPaneView(
  page: Page,
  name: string,
  body: (view: string) => Promise<void>,
): Promise<void> {
  const all = tabs(page);
  const n = (await all.first().isVisible()) ? await all.count() : 0;
  if (n === 0) return body(name);
  for (let i = 0; i < n; i++) {
    await all.nth(i).click();
    await body(`${name} / ${await all.nth(i).innerText()}`);
  }
}

/** Waits for an import's toast and dismisses it when it is a warning (SPRSound's sample rate), which stays and covers
 * the page; the import itself selects the recording. */
export async function dismissImportToast(page: Page, name: string): Promise<void> {
  const toast = page.locator('.toast').filter({ hasText: `"${name}` });
  await toast.waitFor();
  if ((await toast.getAttribute('class'))?.includes('toast-warning'))
    await toast.getByRole('button', { name: 'Dismiss' }).click();
}

/** Asks `task` from its card and waits until its answer is done; returns the answer's element. */
export async function askTask(page: Page, task: string, timeout = 120_000): Promise<Locator> {
  await page.getByTestId(`task-${task}`).click();
  const answer = page.getByTestId(`answer-${task}`);
  await answer.and(page.locator('[data-status="done"]')).waitFor({ timeout });
  return answer;
}
