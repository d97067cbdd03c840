// The browser runtime's file policy (cache first; network first when fresh; keep only verified network reads),
// its WebCrypto sha256, and that ORT's wasm is pointed at bundled local files, never a CDN.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createWebRuntime, type ModelFileCache } from './runtime-web';
import type { TransformersEnvLike } from './types';

function fakeCache(): ModelFileCache & { store: Map<string, Uint8Array> } {
  const store = new Map<string, Uint8Array>();
  return {
    store,
    match: async (u) => (store.has(u) ? new Response(store.get(u)!.slice()) : undefined),
    put: async (u, r) => void store.set(u, new Uint8Array(await r.arrayBuffer())),
    delete: async (u) => store.delete(u),
  };
}

const served = new Map([['https://app.test/models/m/a.bin', Uint8Array.of(1, 2, 3, 4)]]);
let fetches = 0;
const fetchFn = async (u: string) => {
  fetches += 1;
  const b = served.get(u);
  return b ? new Response(b.slice()) : new Response('missing', { status: 404 });
};

describe('web runtime', () => {
  it('reads from the network once, keeps the verified copy, then serves the cache', async () => {
    const cache = fakeCache();
    const rt = createWebRuntime({ cache, fetchFn });
    const url = rt.resolve('https://app.test/models/m', 'a.bin');
    expect(url).toBe('https://app.test/models/m/a.bin');
    fetches = 0;
    const progress: number[] = [];
    const bytes = await rt.readFile(url, { onBytes: (n) => progress.push(n) });
    expect([...bytes]).toEqual([1, 2, 3, 4]);
    expect(progress.at(-1)).toBe(4);
    expect(cache.store.size).toBe(0); // not kept before the engine verified it
    await rt.keepFile!(url, bytes);
    expect(cache.store.has(url)).toBe(true);
    cache.store.set(url, Uint8Array.of(9)); // a corrupted cached copy …
    expect([...(await rt.readFile(url))]).toEqual([9]);
    expect([...(await rt.readFile(url, { fresh: true }))]).toEqual([1, 2, 3, 4]); // … is bypassed by a fresh read
    expect(fetches).toBe(2);
  });

  it('fails with model-not-found when neither cached nor reachable', async () => {
    const rt = createWebRuntime({ cache: fakeCache(), fetchFn });
    await expect(rt.readFile('https://app.test/models/m/none.bin')).rejects.toMatchObject({
      name: 'model-not-found',
    });
  });

  it('hashes with WebCrypto like node:crypto', async () => {
    const data = new TextEncoder().encode('auscult');
    expect(await createWebRuntime().sha256Hex(data)).toBe(createHash('sha256').update(data).digest('hex'));
  });

  it('points ORT at local files: the asyncify build for WebGPU, the plain CPU build for WASM', () => {
    const pathsFor = (backend: 'webgpu' | 'wasm') => {
      const env = { backends: { onnx: { wasm: {} } } } as unknown as TransformersEnvLike;
      createWebRuntime().configure(env, backend);
      return env.backends.onnx.wasm.wasmPaths as { wasm: string; mjs: string };
    };
    const gpu = pathsFor('webgpu');
    expect(gpu.wasm).toMatch(/ort-wasm-simd-threaded\.asyncify\.wasm/);
    expect(gpu.mjs).toMatch(/ort-wasm-simd-threaded\.asyncify\.mjs/);
    const cpu = pathsFor('wasm');
    expect(cpu.wasm).toMatch(/ort-wasm-simd-threaded\.wasm/);
    expect(cpu.mjs).toMatch(/ort-wasm-simd-threaded\.mjs/);
    expect(cpu.wasm).not.toMatch(/asyncify|jsep/);
    for (const p of [gpu.wasm, gpu.mjs, cpu.wasm, cpu.mjs]) expect(p).not.toMatch(/^https?:|jsdelivr|cdn/);
  });
});
