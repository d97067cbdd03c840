// Tests of the model cache's verification logic with an in-memory Cache and a scripted fetch (the runtime boundary).
import { describe, expect, it } from 'vitest';
import {
  cachedFetch,
  ensureModelFiles,
  loadManifestJson,
  requestPersistentStorage,
  type CacheLike,
  type ModelFile,
} from './cache';
import { sha256Hex } from './verify';

class MemoryCache implements CacheLike {
  readonly store = new Map<string, ArrayBuffer>();
  async match(url: string) {
    const b = this.store.get(url);
    return b ? new Response(b.slice(0)) : undefined;
  }
  async put(url: string, res: Response) {
    this.store.set(url, await res.arrayBuffer());
  }
  async delete(url: string) {
    return this.store.delete(url);
  }
}

const BASE = 'http://localhost:4173/models/tiny/';
const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 255);

async function setup() {
  const a = bytes(1000, 1);
  const b = bytes(300, 7);
  const files: ModelFile[] = [
    { path: 'onnx/a.onnx', sha256: await sha256Hex(a), sizeBytes: a.byteLength },
    { path: 'tokenizer.json', sha256: await sha256Hex(b), sizeBytes: b.byteLength },
  ];
  const server = new Map<string, Uint8Array>([
    [BASE + 'onnx/a.onnx', a],
    [BASE + 'tokenizer.json', b],
  ]);
  const requests: string[] = [];
  const fetchFn = async (url: string) => {
    requests.push(url);
    const body = server.get(url);
    return body ? new Response(body.slice(0)) : new Response('nope', { status: 404 });
  };
  return { files, server, requests, fetchFn, cache: new MemoryCache() };
}

describe('model cache', () => {
  it('downloads once with byte progress, then loads from the cache without the network', async () => {
    const s = await setup();
    const progress: [number, number][] = [];
    const first = await ensureModelFiles({
      ...s,
      baseUrl: BASE,
      onProgress: (p) => progress.push([p.loaded, p.total]),
    });
    expect(first.downloaded).toEqual(['onnx/a.onnx', 'tokenizer.json']);
    expect(progress.at(-1)).toEqual([1300, 1300]);
    expect(progress.every(([l], i) => i === 0 || l >= progress[i - 1][0])).toBe(true);
    const offline = async (): Promise<Response> => {
      throw new TypeError('Failed to fetch');
    };
    const second = await ensureModelFiles({ ...s, baseUrl: BASE, fetchFn: offline });
    expect(second.cached).toEqual(['onnx/a.onnx', 'tokenizer.json']);
    expect(s.requests).toHaveLength(2);
  });

  it('detects a corrupted cached file and fetches it again', async () => {
    const s = await setup();
    await ensureModelFiles({ ...s, baseUrl: BASE });
    const flipped = new Uint8Array(s.cache.store.get(BASE + 'onnx/a.onnx') as ArrayBuffer);
    flipped[10] ^= 0xff;
    const r = await ensureModelFiles({ ...s, baseUrl: BASE });
    expect(r.repaired).toEqual(['onnx/a.onnx']);
    expect(r.cached).toEqual(['tokenizer.json']);
    expect(await sha256Hex(s.cache.store.get(BASE + 'onnx/a.onnx') as ArrayBuffer)).toBe(s.files[0].sha256);
  });

  it('refuses a download that does not match the manifest and does not cache it', async () => {
    const s = await setup();
    s.server.set(BASE + 'tokenizer.json', bytes(300, 8)); // same size, different content
    await expect(ensureModelFiles({ ...s, baseUrl: BASE })).rejects.toMatchObject({ name: 'hash-mismatch' });
    expect(s.cache.store.has(BASE + 'tokenizer.json')).toBe(false);
    s.server.set(BASE + 'tokenizer.json', bytes(301, 7)); // longer than the manifest says
    await expect(ensureModelFiles({ ...s, baseUrl: BASE })).rejects.toMatchObject({ name: 'hash-mismatch' });
  });

  it('names a missing file and an offline first visit model-not-found, with what to do', async () => {
    const s = await setup();
    s.server.delete(BASE + 'onnx/a.onnx');
    await expect(ensureModelFiles({ ...s, baseUrl: BASE })).rejects.toMatchObject({
      name: 'model-not-found',
    });
    const offline = async (): Promise<Response> => {
      throw new TypeError('Failed to fetch');
    };
    await expect(ensureModelFiles({ ...s, baseUrl: BASE, fetchFn: offline })).rejects.toThrow(/Connect once/);
  });

  it('serves fetches from the cache and the manifest from the network, else from the cache', async () => {
    const s = await setup();
    s.server.set(BASE + 'manifest.json', new TextEncoder().encode('{"id":"tiny"}'));
    await ensureModelFiles({ ...s, baseUrl: BASE });
    expect(await loadManifestJson(BASE, s.cache, s.fetchFn)).toEqual({ id: 'tiny' });
    const f = cachedFetch(s.cache, 'http://localhost:4173/', async () => new Response('net'));
    expect((await (await f('/models/tiny/tokenizer.json')).arrayBuffer()).byteLength).toBe(300);
    expect(await (await f('/other')).text()).toBe('net');
    const offline = async (): Promise<Response> => {
      throw new TypeError('Failed to fetch');
    };
    expect(await loadManifestJson(BASE, s.cache, offline)).toEqual({ id: 'tiny' });
  });

  it('asks for persistent storage and reports a refusal', async () => {
    expect(await requestPersistentStorage({ persisted: async () => false, persist: async () => true })).toBe(
      true,
    );
    expect(await requestPersistentStorage({ persisted: async () => false, persist: async () => false })).toBe(
      false,
    );
    expect(await requestPersistentStorage(undefined)).toBe(false);
  });
});
