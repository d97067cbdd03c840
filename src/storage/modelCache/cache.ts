// The model cache on the main thread: the Cache Storage bucket the worker's engine keeps verified model files in,
// persistent-storage requests, and an audit of what is cached (verified / corrupt / missing) for the UI.
import type { ManifestFile } from '../../core/manifest/manifest';
import { matchesManifest } from './verify';

/** Cache Storage bucket for model files; the worker receives this name in its load request. */
export const MODEL_CACHE_NAME = 'auscult-models-v1';

/** The part of the Web Cache API used here (a real `Cache` satisfies it). */
export interface CacheLike {
  match(url: string): Promise<Response | undefined>;
  delete(url: string): Promise<boolean>;
}

export type CachedFileState = 'verified' | 'corrupt' | 'missing';
export interface CacheAudit {
  files: { path: string; bytes: number; state: CachedFileState }[];
  verifiedBytes: number;
  totalBytes: number;
  /** Every file is cached and matches the manifest: the model loads with the network off. */
  offlineReady: boolean;
}

/**
 * Checks each manifest file's cached copy (size + sha256). With `dropCorrupt`, corrupt copies are deleted so the
 * next load fetches them again instead of failing its first verification.
 */
export async function auditModelCache(
  cache: CacheLike,
  baseUrl: string,
  files: readonly ManifestFile[],
  opts: { dropCorrupt?: boolean } = {},
): Promise<CacheAudit> {
  const out: CacheAudit['files'] = [];
  for (const f of files) {
    const url = new URL(f.path, baseUrl).href;
    const hit = await cache.match(url);
    let state: CachedFileState = 'missing';
    if (hit)
      state = (await matchesManifest(await hit.arrayBuffer(), { sha256: f.sha256, sizeBytes: f.bytes }))
        ? 'verified'
        : 'corrupt';
    if (state === 'corrupt' && opts.dropCorrupt) await cache.delete(url);
    out.push({ path: f.path, bytes: f.bytes, state });
  }
  const verifiedBytes = out.filter((f) => f.state === 'verified').reduce((s, f) => s + f.bytes, 0);
  const totalBytes = out.reduce((s, f) => s + f.bytes, 0);
  return { files: out, verifiedBytes, totalBytes, offlineReady: out.every((f) => f.state === 'verified') };
}

/** Asks the browser to keep the model cache under storage pressure; false where it declines or cannot. */
export async function requestPersistentStorage(
  storage?: Pick<StorageManager, 'persist' | 'persisted'>,
): Promise<boolean> {
  if (!storage?.persist) return false;
  try {
    return (await storage.persisted()) || (await storage.persist());
  } catch {
    return false;
  }
}
