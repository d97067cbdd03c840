// Model files in Cache Storage: download once with byte progress, verify every file against the manifest's sha256
// and size, re-fetch a corrupted copy, and serve later loads from the cache (offline) through `cachedFetch`.
import { ModelCacheError, matchesManifest } from './verify';

export const MODEL_CACHE_NAME = 'auscult-models-v1';

/** One file of a model folder as the manifest lists it. */
export interface ModelFile {
  path: string;
  sha256: string;
  sizeBytes: number;
}
/** The part of the Web Cache API used here (a real `Cache` satisfies it). */
export interface CacheLike {
  match(url: string): Promise<Response | undefined>;
  put(url: string, response: Response): Promise<void>;
  delete(url: string): Promise<boolean>;
}
export type FetchFn = (url: string, init?: RequestInit) => Promise<Response>;

export interface DownloadProgress {
  phase: 'download';
  loaded: number;
  total: number;
  file: string;
}
export interface EnsureOptions {
  /** Absolute URL of the model folder (ends with '/'). */
  baseUrl: string;
  files: readonly ModelFile[];
  cache: CacheLike;
  fetchFn?: FetchFn;
  onProgress?: (p: DownloadProgress) => void;
  signal?: AbortSignal;
}
/** Which files came from the cache, which were downloaded, and which cached copies were corrupt and replaced. */
export interface EnsureReport {
  cached: string[];
  downloaded: string[];
  repaired: string[];
  totalBytes: number;
}

/** Makes every manifest file present and verified in the cache; throws ModelCacheError otherwise. */
export async function ensureModelFiles(o: EnsureOptions): Promise<EnsureReport> {
  const fetchFn = o.fetchFn ?? ((u, i) => fetch(u, i));
  const total = o.files.reduce((s, f) => s + f.sizeBytes, 0);
  const report: EnsureReport = { cached: [], downloaded: [], repaired: [], totalBytes: total };
  let done = 0;
  for (const file of o.files) {
    if (o.signal?.aborted) throw new ModelCacheError('aborted', 'Model download stopped.');
    const url = new URL(file.path, o.baseUrl).href;
    const hit = await o.cache.match(url);
    if (hit && (await matchesManifest(await hit.arrayBuffer(), file))) {
      report.cached.push(file.path);
    } else {
      if (hit) {
        await o.cache.delete(url);
        report.repaired.push(file.path);
      }
      const progress = (bytes: number) =>
        o.onProgress?.({ phase: 'download', loaded: done + bytes, total, file: file.path });
      const data = await download(fetchFn, url, file, progress, o.signal);
      if (!(await matchesManifest(data, file)))
        throw new ModelCacheError(
          'hash-mismatch',
          `${file.path} does not match the sha256/size in manifest.json; the model folder on the server is inconsistent. Re-export the model or reload.`,
        );
      await o.cache.put(url, new Response(data, { headers: { 'content-length': String(data.byteLength) } }));
      report.downloaded.push(file.path);
    }
    done += file.sizeBytes;
    o.onProgress?.({ phase: 'download', loaded: done, total, file: file.path });
  }
  return report;
}

async function download(
  fetchFn: FetchFn,
  url: string,
  file: ModelFile,
  onBytes: (n: number) => void,
  signal?: AbortSignal,
): Promise<ArrayBuffer> {
  let res: Response;
  try {
    res = await fetchFn(url, { signal, cache: 'no-store' });
  } catch (e) {
    if (signal?.aborted) throw new ModelCacheError('aborted', 'Model download stopped.');
    const why = e instanceof Error ? e.message : String(e);
    throw new ModelCacheError(
      'model-not-found',
      `Could not download ${file.path} (${why}). Connect once to download the model; later visits work offline.`,
    );
  }
  if (!res.ok)
    throw new ModelCacheError(
      'model-not-found',
      `${url} answered HTTP ${res.status}. Check that the model folder was exported and is served.`,
    );
  if (!res.body) return res.arrayBuffer();
  const reader = res.body.getReader();
  const out = new Uint8Array(file.sizeBytes);
  const extra: Uint8Array[] = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (n + value.byteLength <= out.byteLength) out.set(value, n);
    else extra.push(value); // larger than the manifest says: keep it so the size check fails loudly
    n += value.byteLength;
    onBytes(Math.min(n, file.sizeBytes));
  }
  if (extra.length > 0 || n !== file.sizeBytes)
    return concat(out.subarray(0, Math.min(n, out.byteLength)), extra);
  return out.buffer;
}

function concat(head: Uint8Array, rest: Uint8Array[]): ArrayBuffer {
  const size = rest.reduce((s, r) => s + r.byteLength, head.byteLength);
  const out = new Uint8Array(size);
  out.set(head, 0);
  let at = head.byteLength;
  for (const r of rest) {
    out.set(r, at);
    at += r.byteLength;
  }
  return out.buffer;
}

/** Network first for manifest.json (it names the current files), the cached copy when offline. */
export async function loadManifestJson(
  baseUrl: string,
  cache: CacheLike,
  fetchFn: FetchFn = (u, i) => fetch(u, i),
): Promise<unknown> {
  const url = new URL('manifest.json', baseUrl).href;
  try {
    const res = await fetchFn(url, { cache: 'no-store' });
    if (res.ok) {
      const text = await res.text();
      await cache.put(url, new Response(text, { headers: { 'content-type': 'application/json' } }));
      return JSON.parse(text);
    }
    if (res.status === 404) throw new ModelCacheError('model-not-found', `No manifest.json at ${baseUrl}.`);
  } catch (e) {
    if (e instanceof ModelCacheError || e instanceof SyntaxError) throw e;
  }
  const hit = await cache.match(url);
  if (!hit)
    throw new ModelCacheError(
      'model-not-found',
      `manifest.json at ${baseUrl} is not reachable and not cached. Connect once to download the model.`,
    );
  return hit.json();
}

/** A fetch that answers from the model cache first (URLs resolved against `base`), else from the network. */
export function cachedFetch(
  cache: CacheLike,
  base: string,
  fallback: FetchFn = (u, i) => fetch(u, i),
): FetchFn {
  return async (input, init) => {
    const url = new URL(input, base).href;
    return (await cache.match(url)) ?? fallback(url, init);
  };
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
