// The model-cache audit with an in-memory Cache: verified, corrupt (dropped on request) and missing files.
import { describe, expect, it } from 'vitest';
import type { ManifestFile } from '../../core/manifest/manifest';
import { auditModelCache, requestPersistentStorage, type CacheLike } from './cache';
import { sha256Hex } from '../../core/features/sha256';

class MemoryCache implements CacheLike {
  readonly store = new Map<string, Uint8Array>();
  async match(url: string) {
    const b = this.store.get(url);
    return b ? new Response(b.slice()) : undefined;
  }
  async delete(url: string) {
    return this.store.delete(url);
  }
}

const BASE = 'http://127.0.0.1:4173/models/tiny/';
const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 255);

async function setup() {
  const a = bytes(1000, 1);
  const b = bytes(300, 7);
  const c = bytes(50, 3);
  const files: ManifestFile[] = [
    { path: 'onnx/a.onnx', sha256: sha256Hex(a), bytes: a.byteLength },
    { path: 'tokenizer.json', sha256: sha256Hex(b), bytes: b.byteLength },
    { path: 'config.json', sha256: sha256Hex(c), bytes: c.byteLength },
  ];
  const cache = new MemoryCache();
  cache.store.set(BASE + 'onnx/a.onnx', a);
  cache.store.set(BASE + 'tokenizer.json', b);
  return { files, cache };
}

describe('model cache audit', () => {
  it('reports verified and missing files and whether the model can load offline', async () => {
    const { files, cache } = await setup();
    const audit = await auditModelCache(cache, BASE, files);
    expect(audit.files.map((f) => f.state)).toEqual(['verified', 'verified', 'missing']);
    expect(audit).toMatchObject({ verifiedBytes: 1300, totalBytes: 1350, offlineReady: false });
    cache.store.set(BASE + 'config.json', bytes(50, 3));
    expect((await auditModelCache(cache, BASE, files)).offlineReady).toBe(true);
  });

  it('detects a corrupted or truncated copy and drops it when asked', async () => {
    const { files, cache } = await setup();
    (cache.store.get(BASE + 'onnx/a.onnx') as Uint8Array)[10] ^= 0xff;
    cache.store.set(BASE + 'tokenizer.json', bytes(299, 7));
    const audit = await auditModelCache(cache, BASE, files, { dropCorrupt: true });
    expect(audit.files.map((f) => f.state)).toEqual(['corrupt', 'corrupt', 'missing']);
    expect(cache.store.size).toBe(0);
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
