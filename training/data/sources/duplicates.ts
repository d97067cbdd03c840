// Byte-identical audio files inside one source (copies filed under a second name): grouped by size first, so
// only files of equal size are read and hashed.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

/** Maps every file whose bytes equal an earlier file's in `files` to that earlier file; the order decides which is kept. */
export function duplicatesOf(files: string[]): Map<string, string> {
  const bySize = new Map<number, string[]>();
  for (const f of files) {
    const size = statSync(f).size;
    const group = bySize.get(size);
    if (group) group.push(f);
    else bySize.set(size, [f]);
  }
  const copies = new Map<string, string>();
  for (const group of bySize.values()) {
    if (group.length < 2) continue;
    const firstByHash = new Map<string, string>();
    for (const f of group) {
      const hash = createHash('sha256').update(readFileSync(f)).digest('hex');
      const first = firstByHash.get(hash);
      if (first) copies.set(f, first);
      else firstByHash.set(hash, f);
    }
  }
  return copies;
}
