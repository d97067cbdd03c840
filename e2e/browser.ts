// Shared e2e helpers: a fresh Chromium profile per test with a fake microphone, and loud failure on page errors.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const BASE_URL = process.env.AUSCULT_BASE_URL ?? 'http://127.0.0.1:4173/';

/** Fixtures live beside the repository (../shared/data/fixtures) unless AUSCULT_FIXTURES says otherwise. */
export const FIXTURES =
  process.env.AUSCULT_FIXTURES ?? resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'fixtures');

const BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--enable-unsafe-webgpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors seen so far. */
  problems: string[];
  close(): Promise<void>;
}

/** `fakeMic: false` launches without any (fake) capture device, to test the no-microphone path. */
export interface OpenOptions {
  fakeMicWav?: string;
  fakeMic?: boolean;
  /** Script run in every page before the app (e.g. to observe getUserMedia tracks). */
  initScript?: string;
}

export async function openApp(opts: OpenOptions = {}): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), 'auscult-e2e-'));
  const args = [...BASE_ARGS, '--use-fake-ui-for-media-stream'];
  if (opts.fakeMic !== false) args.push('--use-fake-device-for-media-stream');
  if (opts.fakeMicWav) args.push(`--use-file-for-fake-audio-capture=${opts.fakeMicWav}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args,
    // Desktop-sized, where both panes show at once; the phone's one-pane, tabbed layout is driven by the specs that
    // set e2e/views.ts VIEWPORTS.phone (a11y, keyboard, screens).
    viewport: { width: 1280, height: 900 },
  });
  if (opts.initScript) await context.addInitScript(opts.initScript);
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
  });
  await page.goto(BASE_URL);
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Throws with every collected problem printed, so failures in the page are never silent. */
export function assertNoProblems(s: Session, allow: RegExp[] = []): void {
  const real = s.problems.filter((p) => !allow.some((a) => a.test(p)));
  if (real.length) throw new Error(`page reported ${real.length} problem(s):\n  ${real.join('\n  ')}`);
}
