// axe-core (from npm) run inside the page as it is: every violation with its impact, node count and first selector.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type AxeApi from 'axe-core';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  id: string;
  impact: string | null;
  nodes: number;
  /** The first node's selector, to find it. */
  where: string;
}

/**
 * Runs axe on the page, or only on the elements `include` selects (the CSP allows no injected script tag; evaluate
 * goes around it).
 */
export async function axe(page: Page, include?: string): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (sel) => {
    // axe.min.js, evaluated above, sets window.axe
    const { axe: run } = window as unknown as { axe: typeof AxeApi };
    const r = await run.run(sel ? { include: [sel] } : document);
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      nodes: v.nodes.length,
      where: JSON.stringify(v.nodes[0]?.target ?? []),
    }));
  }, include ?? null);
}
