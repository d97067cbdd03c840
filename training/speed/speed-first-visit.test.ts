// First-visit byte counting: kinds by path, sums per kind, repeated fetches counted, cache answers counted as zero.
import { describe, expect, it } from 'vitest';
import { kindOf, summarize } from './speed-first-visit';

describe('first visit bytes', () => {
  it('sorts paths into app, runtime and model', () => {
    expect(kindOf('/assets/ort-wasm-simd-threaded-4byDm7i3.wasm')).toBe('runtime');
    expect(kindOf('/assets/ort-wasm-simd-threaded.asyncify-DXIbolS2.mjs')).toBe('runtime');
    expect(kindOf('/models/auscult-v1/onnx/embed_tokens.onnx')).toBe('model');
    expect(kindOf('/assets/main-B0WnbO9u.js')).toBe('app');
    expect(kindOf('/')).toBe('app');
  });

  it('sums per kind and per file, counting each network fetch and no cache answer', () => {
    const u = 'http://127.0.0.1:4173';
    const { bytes, files } = summarize([
      { url: `${u}/assets/main-a.js`, bytes: 100 },
      { url: `${u}/assets/main-a.js?x=1`, bytes: 100 }, // fetched again (page, then precache)
      { url: `${u}/assets/ort-wasm-simd-threaded-b.wasm`, bytes: 5000 },
      { url: `${u}/assets/ort-wasm-simd-threaded-b.wasm`, bytes: 0 }, // the HTTP cache answered
      { url: `${u}/models/m/onnx/a.onnx`, bytes: 700 },
      { url: `${u}/workbox-c.js`, bytes: -1 }, // unknown size is never negative in the sum
    ]);
    expect(bytes).toEqual({ total: 5900, app: 200, runtime: 5000, model: 700 });
    expect(files[0]).toEqual({
      path: '/assets/ort-wasm-simd-threaded-b.wasm',
      kind: 'runtime',
      bytes: 5000,
      fetches: 1,
    });
    expect(files.find((f) => f.path === '/assets/main-a.js')?.fetches).toBe(2);
  });
});
