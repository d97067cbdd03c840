// The inference worker: a thin shell that wires the protocol host to src/engine's loadEngine with the web runtime
// (model files kept in the Cache Storage bucket the main thread names) and the WebGPU probe.
import { loadEngine, probeBackend } from '../engine';
import { createWebRuntime } from '../engine/runtime-web';
import { isWorkerRequest } from '../inference/protocol';
import { createWorkerHost } from './host';

const host = createWorkerHost({
  post: (ev) => self.postMessage(ev),
  probe: () => probeBackend(),
  async load({ cacheName, ...opts }) {
    const cache = cacheName && typeof caches !== 'undefined' ? await caches.open(cacheName) : undefined;
    return loadEngine(opts, createWebRuntime({ cache }));
  },
  now: () => performance.now(),
});

self.addEventListener('message', (e: MessageEvent) => {
  if (isWorkerRequest(e.data)) host.handle(e.data);
});
