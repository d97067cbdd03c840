// Init scripts for the reliability e2e tests. They live only in the tests (nothing in the build honours them):
// they wrap the page's Worker constructor so a test can make the inference worker "crash" mid-answer exactly as the
// browser reports it (an `error` event on the Worker), or rewrite streamed token text to inject markup.

/**
 * window.__auscultWorkers: every Worker the page created, each with the name it was given as `auscultName`
 * ('auscult-inference' for the model worker, 'auscult-audio' for the audio worker).
 * window.__auscultCrashAfterTokens = n: after n token events, the worker reports an uncaught out-of-memory error.
 * window.__auscultTokenRewrites = [...]: the next token events carry these texts instead of the model's.
 */
export const WORKER_HOOKS = `{
  const Native = window.Worker;
  window.__auscultWorkers = [];
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      this.auscultName = options && options.name;
      window.__auscultWorkers.push(this);
      let handler = null;
      Object.defineProperty(this, 'onmessage', { get: () => handler, set: (h) => { handler = h; } });
      this.addEventListener('message', (ev) => {
        let data = ev.data;
        if (data && data.type === 'token') {
          if (typeof window.__auscultCrashAfterTokens === 'number' && --window.__auscultCrashAfterTokens < 0) {
            window.__auscultCrashAfterTokens = undefined;
            this.dispatchEvent(new ErrorEvent('error', { message: 'Uncaught RangeError: Array buffer allocation failed' }));
            return;
          }
          const rw = window.__auscultTokenRewrites;
          if (Array.isArray(rw) && rw.length > 0) data = { ...data, text: rw.shift() };
        }
        if (handler) handler.call(this, new MessageEvent('message', { data }));
      });
    }
  };
}`;

/** getUserMedia rejects the way Chromium does when the user (or a policy) blocks the microphone. */
export const DENY_MICROPHONE = `{
  navigator.mediaDevices.getUserMedia = async () => {
    throw new DOMException('Permission denied', 'NotAllowedError');
  };
}`;
