// Entry of bench.html, the page the speed harness drives (never linked from the app): exposes
// window.__auscultBench.run(options) and shows what it is doing.
import type { BenchPageApi } from './protocol';
import { runBench } from './run';

declare global {
  interface Window {
    __auscultBench?: BenchPageApi;
  }
}

const statusEl = document.getElementById('status');
const status = (s: string): void => {
  if (statusEl) statusEl.textContent = s;
  console.log(`[speed-page] ${s}`); // the harness forwards these lines as progress
};

window.__auscultBench = { run: (opts) => runBench(opts, status) };
status('ready');
