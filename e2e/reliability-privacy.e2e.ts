// Privacy and security e2e: the Content-Security-Policy allows no remote origin (meta tag and header, page and worker),
// a full session (import, view, load model, ask) sends no request off this machine and trips no CSP rule, and model
// output is rendered as text even when the streamed tokens carry markup.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { suiteRecorder } from './reliability/results';
import { BASE_URL, FIXTURES, assertNoProblems, openApp } from './browser';
import { askTask } from './views';
import { WORKER_HOOKS } from './reliability-hooks';

const AV = join(FIXTURES, 'circor', 'training_data', '13918_AV.wav');
const rec = suiteRecorder('privacy', 'Privacy and security', 'e2e/reliability-privacy.e2e.ts');
after(() => rec.save());

const PAYLOAD = ['<img src=x onerror="window.__xss=1">', '<script>window.__xss=2</script>', '<b>bold</b>'];
const CSP_WATCH = `document.addEventListener('securitypolicyviolation', (e) =>
  (window.__cspViolations ||= []).push(e.violatedDirective + ' ' + e.blockedURI));`;

function isLocal(url: string): boolean {
  const u = new URL(url);
  return ['data:', 'blob:'].includes(u.protocol) || ['127.0.0.1', 'localhost'].includes(u.hostname);
}

describe('reliability: privacy and security', () => {
  it('serves a CSP without remote origins, as a meta tag and a header', async () => {
    const res = await fetch(BASE_URL);
    const html = await res.text();
    const raw = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    const meta = raw
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    const header = res.headers.get('content-security-policy') ?? '';
    const remote = (p: string) => /https?:|\*|wss?:/.test(p);
    const pass =
      meta.includes("default-src 'self'") &&
      header.includes("connect-src 'self'") &&
      !remote(meta) &&
      !remote(header);
    rec.add({
      id: 'csp',
      what: 'the CSP of the production build (index.html meta tag, vite preview header)',
      expected: "self only: no http(s)/ws origin, no wildcard; 'wasm-unsafe-eval' for ORT",
      observed: `meta: ${meta || '(none)'}; header: ${header || '(none)'}`,
      pass,
    });
    assert.ok(pass, `meta "${meta}" header "${header}"`);
  });

  it('keeps a full session on this machine, within the CSP, and renders model output as text', async () => {
    const s = await openApp({ initScript: `${WORKER_HOOKS}\n${CSP_WATCH}` });
    const requests: string[] = [];
    s.context.on('request', (r) => requests.push(r.url()));
    try {
      const { page } = s;
      await page.goto(`${BASE_URL}?model=tiny-random&maxNewTokens=24`);
      await page.getByTestId('import-input').setInputFiles(AV);
      await page.getByTestId('library-item').filter({ hasText: '13918_AV' }).click();
      await page.locator('[data-testid="waveform"][data-ready="true"]').waitFor({ timeout: 30_000 });
      await page.locator('#backend-choice').selectOption('wasm');
      await page.evaluate((p) => Object.assign(window, { __auscultTokenRewrites: [...p] }), PAYLOAD);
      const answer = await askTask(page, 'classification');
      const textEl = answer.getByTestId('answer-text');
      const shown = await textEl.innerText();
      const childElements = await textEl.evaluate((el) => el.children.length);
      const xss = await page.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? null);
      const textPass = PAYLOAD.every((p) => shown.includes(p)) && childElements === 0 && xss === null;
      rec.add({
        id: 'output-as-text',
        what: `streamed tokens replaced by markup (${PAYLOAD.join(' ')}) between the worker and the UI`,
        expected: 'shown literally as text: no elements created, no script run',
        observed: `answer text starts "${shown.slice(0, 80)}…"; ${childElements} child element(s); window.__xss = ${xss}`,
        pass: textPass,
      });
      assert.ok(textPass, `shown "${shown}", ${childElements} children, xss ${xss}`);

      const foreign = requests.filter((u) => !isLocal(u));
      const violations = await page.evaluate(
        () => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
      );
      const sessionPass = foreign.length === 0 && violations.length === 0 && requests.length > 0;
      rec.add({
        id: 'no-remote-requests',
        what: 'full session: open, import, view waveform, load tiny-random on WASM, ask',
        expected: 'every request to 127.0.0.1/localhost (or data:/blob:); no CSP violation',
        observed: `${requests.length} requests, ${foreign.length} foreign${foreign.length ? ': ' + foreign.join(', ') : ''}; ${violations.length} CSP violation(s)${violations.length ? ': ' + violations.join(', ') : ''}`,
        pass: sessionPass,
        measured: { requests: requests.length },
      });
      assert.ok(sessionPass, `foreign ${foreign.join(', ')}; violations ${violations.join(', ')}`);

      const pageBlocked = await page.evaluate(() =>
        fetch('https://example.com/collect').then(
          () => false,
          () => true,
        ),
      );
      const worker = page.workers().find((w) => w.url().includes('inference'));
      const workerBlocked = worker
        ? await worker.evaluate(() =>
            fetch('https://example.com/collect').then(
              () => false,
              () => true,
            ),
          )
        : false;
      const blockPass = pageBlocked && workerBlocked && requests.every(isLocal);
      rec.add({
        id: 'remote-fetch-blocked',
        what: 'fetch("https://example.com/…") from the page and from the inference worker',
        expected: 'refused by the CSP before any request leaves',
        observed: `page: ${pageBlocked ? 'refused' : 'ALLOWED'}; worker: ${worker ? (workerBlocked ? 'refused' : 'ALLOWED') : 'not found'}`,
        pass: blockPass,
      });
      assert.ok(blockPass, `page ${pageBlocked} worker ${workerBlocked}`);
      assertNoProblems(s, [/Failed to load resource/, /Content Security Policy/, /example\.com/]);
    } finally {
      await s.close();
    }
  });
});
