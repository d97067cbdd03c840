// A plain static file server for e2e: serves a folder under a URL prefix (e.g. dist/ at /auscult/), the way any
// static host would: no headers but the content type, no rewrites but the folder's index.html.
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface StaticServer {
  /** The served folder's URL, ending in the prefix, e.g. http://127.0.0.1:1234/auscult/. */
  url: string;
  close(): Promise<void>;
}

export async function serveStatic(folder: string, prefix: string): Promise<StaticServer> {
  const root = resolve(folder);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    if (!path.startsWith(prefix)) return void res.writeHead(404).end();
    let file = resolve(root, `.${path.slice(prefix.length - 1)}`);
    if (file !== root && !file.startsWith(root + sep)) return void res.writeHead(404).end();
    if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) file = resolve(file, 'index.html');
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) return void res.writeHead(404).end();
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': String(stat.size),
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
