// The engine's browser runtime (Worker): files through Cache Storage then network, crypto.subtle hashing, and the
// onnxruntime-web copy transformers.js imports, with ORT's wasm served locally (never from a CDN).
import { sha256HexWebCrypto } from '../core/features/sha256';
import * as ort from 'onnxruntime-web/webgpu';
import asyncifyWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import asyncifyMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import plainWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import plainMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import { EngineError } from './errors';
import type { Backend, EngineRuntime, FloatSession, ReadFileOptions, TransformersEnvLike } from './types';

/** The part of the Web Cache API the runtime uses (a `Cache` from `caches.open(...)` satisfies it). */
export interface ModelFileCache {
  match(url: string): Promise<Response | undefined>;
  put(url: string, response: Response): Promise<void>;
  delete(url: string): Promise<boolean>;
}

export interface WebRuntimeOptions {
  /** Where verified model files are kept for offline use (the app's model cache); none = always the network. */
  cache?: ModelFileCache;
  fetchFn?: (url: string, init?: RequestInit) => Promise<Response>;
}

async function readBody(res: Response, onBytes?: (n: number) => void): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    n += value.byteLength;
    onBytes?.(n);
  }
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/**
 * The ORT build per backend. WebGPU needs the asyncify build (27 MB, ORT's native WebGPU EP); the WASM EP runs on the
 * plain CPU build (14 MB), which compiles, creates sessions and runs faster (no asyncify instrumentation; measured in
 * docs/benchmarks.md's warm load). ORT initialises once per worker, and every load starts a fresh worker
 * (src/inference/client.ts), so a worker never needs both. The service worker precaches only the plain build; the
 * asyncify build is downloaded the first time WebGPU is chosen and kept for offline use (vite.config.ts workbox).
 */
export const ORT_BUILDS: Record<'webgpu' | 'wasm', { wasm: string; mjs: string }> = {
  webgpu: { wasm: asyncifyWasmUrl, mjs: asyncifyMjsUrl },
  wasm: { wasm: plainWasmUrl, mjs: plainMjsUrl },
};

async function createSession(model: Uint8Array, backend: Backend): Promise<FloatSession> {
  const session = await ort.InferenceSession.create(model, {
    executionProviders: [backend === 'cpu' ? 'wasm' : backend],
  });
  return {
    async run(inputName, data, dims) {
      const out = await session.run({ [inputName]: new ort.Tensor('float32', data, dims) });
      const outputs: Record<string, { data: Float32Array; dims: number[] }> = {};
      for (const n of session.outputNames)
        outputs[n] = { data: (await out[n].getData()) as Float32Array, dims: [...out[n].dims] };
      return { ...outputs[session.outputNames[0]], outputs };
    },
    release: () => session.release(),
  };
}

export function createWebRuntime(opts: WebRuntimeOptions = {}): EngineRuntime {
  const fetchFn = opts.fetchFn ?? ((u: string, i?: RequestInit) => fetch(u, i));
  const fromNetwork = new Set<string>();
  const network = async (url: string, o: ReadFileOptions): Promise<Uint8Array | undefined> => {
    try {
      const res = await fetchFn(url, { signal: o.signal, cache: 'no-store' });
      if (!res.ok) return undefined;
      const bytes = await readBody(res, o.onBytes);
      fromNetwork.add(url);
      return bytes;
    } catch (e) {
      if (o.signal?.aborted) throw new EngineError('aborted', 'Model download stopped.', { cause: e });
      return undefined;
    }
  };
  const cached = async (url: string): Promise<Uint8Array | undefined> => {
    const hit = await opts.cache?.match(url);
    return hit ? new Uint8Array(await hit.arrayBuffer()) : undefined;
  };
  return {
    name: 'web',
    backends: ['webgpu', 'wasm'],
    resolve: (modelUrl, relPath) =>
      new URL(relPath, new URL(modelUrl.replace(/\/?$/, '/'), globalThis.location?.href)).href,
    async readFile(location, o: ReadFileOptions = {}) {
      // fresh: network first (manifest.json, or a re-read after a hash mismatch); otherwise the cached copy first.
      const bytes = o.fresh
        ? ((await network(location, o)) ?? (await cached(location)))
        : ((await cached(location)) ?? (await network(location, o)));
      if (!bytes)
        throw new EngineError(
          'model-not-found',
          `${location} is neither cached nor reachable. Connect once to download the model; later visits work offline.`,
        );
      return bytes;
    },
    async keepFile(location, bytes) {
      if (!opts.cache || !fromNetwork.delete(location)) return; // already cached: nothing to store
      await opts.cache.put(
        location,
        new Response(bytes.slice().buffer, { headers: { 'content-length': String(bytes.length) } }),
      );
    },
    sha256Hex: (bytes) => sha256HexWebCrypto(bytes.slice()),
    configure(env: TransformersEnvLike, backend: Backend) {
      // a copy: transformers.js rewrites wasmPaths.mjs in place; the default is cdn.jsdelivr.net (stack.md §5)
      env.backends.onnx.wasm.wasmPaths = { ...ORT_BUILDS[backend === 'webgpu' ? 'webgpu' : 'wasm'] };
    },
    createSession,
  };
}
