// Reads manifest.json first, then every file the chosen dtype needs, verifying sha256 and size against the manifest.
// A file that fails verification is read once more bypassing caches; a second mismatch is a 'hash-mismatch' error.
import {
  MANIFEST_FILE,
  ManifestError,
  validateManifest,
  type ManifestFile,
  type ModelManifest,
  type PartDtype,
} from '../core/manifest/manifest';
import { EngineError, throwIfAborted } from './errors';
import type { EngineRuntime, LoadProgress } from './types';

export async function readManifest(
  runtime: EngineRuntime,
  modelUrl: string,
  signal?: AbortSignal,
): Promise<ModelManifest> {
  const location = runtime.resolve(modelUrl, MANIFEST_FILE);
  const bytes = await runtime.readFile(location, { signal, fresh: true });
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new EngineError(
      'model-not-found',
      `${MANIFEST_FILE} in ${modelUrl} is not valid JSON; re-export the model.`,
      { cause: e },
    );
  }
  let manifest: ModelManifest;
  try {
    manifest = validateManifest(json);
  } catch (e) {
    if (e instanceof ManifestError) throw new EngineError('model-not-found', e.message, { cause: e });
    throw e;
  }
  await runtime.keepFile?.(location, bytes); // the web runtime keeps it for offline loads
  return manifest;
}

/** The files one load needs: everything except the decoder variants of other dtypes. */
export function filesForDtype(m: ModelManifest, dtype: PartDtype): ManifestFile[] {
  const decoder = m.parts.decoder_model_merged;
  if (!decoder[dtype])
    throw new EngineError(
      'model-not-found',
      `model ${m.id} has no ${dtype} decoder (it has ${Object.keys(decoder).join(', ')}).`,
    );
  const others = new Set(
    Object.entries(decoder)
      .filter(([d]) => d !== dtype)
      .map(([, p]) => p),
  );
  return m.files.filter((f) => !others.has(f.path));
}

async function readVerified(
  runtime: EngineRuntime,
  modelUrl: string,
  f: ManifestFile,
  onBytes: (n: number) => void,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const location = runtime.resolve(modelUrl, f.path);
  for (const fresh of [false, true]) {
    const bytes = await runtime.readFile(location, { signal, onBytes, fresh });
    if (bytes.length === f.bytes && (await runtime.sha256Hex(bytes)) === f.sha256) {
      await runtime.keepFile?.(location, bytes);
      return bytes;
    }
  }
  throw new EngineError(
    'hash-mismatch',
    `${f.path} does not match the sha256/size in manifest.json; the model folder is inconsistent. Re-export or re-deploy the model.`,
  );
}

/** Reads and verifies `files`, reporting one 'download' progress over their total bytes. */
export async function readModelFiles(
  runtime: EngineRuntime,
  modelUrl: string,
  files: ManifestFile[],
  onProgress?: (p: LoadProgress) => void,
  signal?: AbortSignal,
): Promise<Map<string, Uint8Array>> {
  const total = files.reduce((a, f) => a + f.bytes, 0);
  const out = new Map<string, Uint8Array>();
  let done = 0;
  for (const f of files) {
    throwIfAborted(signal, 'Model loading');
    const report = (n: number): void =>
      onProgress?.({ phase: 'download', loaded: done + Math.min(n, f.bytes), total, file: f.path });
    out.set(f.path, await readVerified(runtime, modelUrl, f, report, signal));
    report(f.bytes);
    done += f.bytes;
  }
  return out;
}
