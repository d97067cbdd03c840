// The model cache as the UI shows it: whether the loaded model's files are cached and verified (the model can start
// offline), and whether the browser keeps them under storage pressure.
import type { ManifestFile } from '../core/manifest/manifest';
import {
  auditModelCache,
  MODEL_CACHE_NAME,
  requestPersistentStorage,
  type CacheAudit,
} from '../storage/modelCache/cache';

export type { CacheAudit };

/** Audits the cached copies of a model's files, dropping corrupt ones; null where Cache Storage is unavailable. */
export async function auditCachedModel(
  modelUrl: string,
  files: readonly ManifestFile[],
): Promise<CacheAudit | null> {
  if (typeof caches === 'undefined') return null;
  const cache = await caches.open(MODEL_CACHE_NAME);
  return auditModelCache(cache, new URL(modelUrl, location.href).href, files, { dropCorrupt: true });
}

/** Asks the browser to keep the model cache; false where it declines or cannot. */
export function keepModelCache(): Promise<boolean> {
  return requestPersistentStorage(navigator.storage);
}
