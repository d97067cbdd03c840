// Whether a cached model file is the one the manifest names: size, then sha256 (Web Crypto, from core).
import { sha256HexWebCrypto } from '../../core/features/sha256';

/** True when `data` is exactly the file the manifest describes (size first: it is free). */
export async function matchesManifest(
  data: ArrayBuffer,
  expected: { sha256: string; sizeBytes: number },
): Promise<boolean> {
  if (data.byteLength !== expected.sizeBytes) return false;
  return (await sha256HexWebCrypto(data)) === expected.sha256.toLowerCase();
}
