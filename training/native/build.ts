// `npm run build:native`: builds the OpenBLAS matmul addon offline against the local Node headers.
// Needs libopenblas-dev (apt) and a C compiler; training works without it (plain tfjs-wasm, several times slower).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const here = import.meta.dirname;
const prefix = path.resolve(path.dirname(process.execPath), '..');
const hasHeaders = existsSync(path.join(prefix, 'include', 'node', 'node_api.h'));
if (!existsSync('/usr/include/x86_64-linux-gnu/cblas.h') && !existsSync('/usr/include/cblas.h')) {
  console.error(
    'cblas.h not found: install libopenblas-dev (apt-get install -y libopenblas-dev) to build the addon.',
  );
  process.exit(1);
}
// npm exposes its bundled node-gyp through npm_config_node_gyp; fall back to one on PATH.
const gyp = process.env.npm_config_node_gyp;
const [cmd, args] = gyp ? [process.execPath, [gyp]] : ['node-gyp', []];
const nodedir = hasHeaders ? [`--nodedir=${prefix}`] : [];
const r = spawnSync(cmd, [...args, 'rebuild', ...nodedir], { cwd: here, stdio: 'inherit' });
process.exit(r.status ?? 1);
