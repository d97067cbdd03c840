// The page's side of the import worker: one worker kept while imports come (closed after IDLE_MS without one, so a
// batch of files pays its start-up once), each request answered by id. A crashed worker fails what was pending, and
// the next import starts a fresh one.
import type { ConvertReply, ConvertRequest } from './wavImport';

const IDLE_MS = 10_000;

interface Pending {
  resolve(reply: ConvertReply): void;
  reject(e: Error): void;
}
interface Live {
  worker: Worker;
  pending: Map<number, Pending>;
  idle?: ReturnType<typeof setTimeout>;
}

let live: Live | null = null;
let nextId = 1;

function close(me: Live, reason: string | null): void {
  me.worker.terminate();
  if (live === me) live = null;
  for (const p of me.pending.values()) p.reject(new Error(reason ?? 'the import worker was closed'));
  me.pending.clear();
}

function spawn(): Live {
  const worker = new Worker(new URL('./import.worker.ts', import.meta.url), {
    type: 'module',
    name: 'auscult-import',
  });
  const me: Live = { worker, pending: new Map() };
  worker.onmessage = (e: MessageEvent<ConvertReply>) => {
    me.pending.get(e.data.id)?.resolve(e.data);
    me.pending.delete(e.data.id);
    if (me.pending.size === 0) me.idle = setTimeout(() => close(me, null), IDLE_MS);
  };
  worker.onerror = (e) => close(me, e.message || 'the import worker failed');
  return me;
}

/** Converts a file in the import worker; rejects (with what happened) only when the worker itself fails. */
export function convertInWorker(file: Blob, chunkBytes: number): Promise<ConvertReply> {
  const me = (live ??= spawn());
  clearTimeout(me.idle);
  const req: ConvertRequest = { id: nextId++, file, chunkBytes };
  return new Promise((resolve, reject) => {
    me.pending.set(req.id, { resolve, reject });
    me.worker.postMessage(req);
  });
}
