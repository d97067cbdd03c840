// Browser dependencies of the inference slice: the worker-backed client (which reads saved recordings' audio itself),
// the model folder (?model=<id> or VITE_AUSCULT_MODEL, default auscult-v1) and the model cache bucket.
import { createWebInferenceClient } from '../../inference/web';
import { MODEL_CACHE_NAME } from '../../storage/modelCache/cache';
import type { InferenceDeps } from './inference';

const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * Model folder URL: `?model=` wins over the build-time default; only plain ids (no paths, no other origins). The build's
 * base is relative ('./', any sub-path), so the folder is made absolute against the page here: the worker that
 * reads it would resolve a relative one against its own script's folder.
 */
export function modelUrlFrom(
  search: string,
  fallbackId: string,
  pageUrl = globalThis.location?.href,
  base = import.meta.env.BASE_URL,
): string {
  const asked = new URLSearchParams(search).get('model');
  const id = asked && MODEL_ID.test(asked) ? asked : fallbackId;
  const folder = `${base}models/${id}/`;
  return pageUrl ? new URL(folder, pageUrl).href : folder;
}

/** `?maxNewTokens=N` (1–4096) caps answer length, e.g. for slow software WebGPU in tests. */
export function maxNewTokensFrom(search: string): number | undefined {
  const n = Number(new URLSearchParams(search).get('maxNewTokens'));
  return Number.isInteger(n) && n >= 1 && n <= 4096 ? n : undefined;
}

export function webInferenceDeps(): InferenceDeps {
  const fallback = import.meta.env.VITE_AUSCULT_MODEL ?? 'auscult-v1';
  const search = globalThis.location?.search ?? '';
  return {
    createEngine: createWebInferenceClient,
    modelUrl: modelUrlFrom(search, String(fallback)),
    maxNewTokens: maxNewTokensFrom(search),
    cacheName: MODEL_CACHE_NAME,
    now: () => performance.now(),
  };
}
