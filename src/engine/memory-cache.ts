// Serves verified model bytes to transformers.js through its custom-cache hook, so it never reads the network or
// disk itself: whatever it loads is exactly what the engine checked against the manifest.

/** A transformers.js `CacheInterface` over in-memory files of several models, keyed by a unique model key. */
export class VerifiedFiles {
  private readonly models = new Map<string, Map<string, Uint8Array>>();

  add(modelKey: string, files: Map<string, Uint8Array>): void {
    this.models.set(modelKey, files);
  }

  remove(modelKey: string): void {
    this.models.delete(modelKey);
  }

  /** Requests look like `<localModelPath>/<key>/<file>` or `<remoteHost>/<key>/resolve/main/<file>`. */
  async match(request: string): Promise<Response | undefined> {
    const url = String(request);
    for (const [key, files] of this.models) {
      const at = url.indexOf(`/${key}/`);
      if (at < 0 && !url.startsWith(`${key}/`)) continue;
      const rest = url.slice(at < 0 ? key.length + 1 : at + key.length + 2).replace(/^resolve\/[^/]+\//, '');
      const bytes = files.get(rest);
      if (bytes)
        return new Response(bytes.slice().buffer, { headers: { 'content-length': String(bytes.length) } });
    }
    return undefined;
  }

  /** transformers.js never needs to store anything: every file it may read is already here. */
  async put(): Promise<void> {}
}
