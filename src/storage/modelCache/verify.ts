// sha256 of cached model files (Web Crypto, the same in the browser and in Node 20) and the manifest comparison.

export async function sha256Hex(data: ArrayBuffer | Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', data as BufferSource);
  let hex = '';
  for (const b of new Uint8Array(digest)) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** True when `data` is exactly the file the manifest describes (size first: it is free). */
export async function matchesManifest(
  data: ArrayBuffer,
  expected: { sha256: string; sizeBytes: number },
): Promise<boolean> {
  if (data.byteLength !== expected.sizeBytes) return false;
  return (await sha256Hex(data)) === expected.sha256.toLowerCase();
}
