// The inference worker: a thin shell that wires the protocol host to src/engine's loadEngine with the web runtime
// (model files kept in the Cache Storage bucket the main thread names), the WebGPU probe and saved recordings' audio.
import { loadEngine, probeBackend } from '../engine';
import { createWebRuntime } from '../engine/runtime-web';
import { isWorkerRequest } from '../inference/protocol';
import { createWorkerHost } from './host';
import { trackWasmMemory } from './memory';
import { readRecording } from './recordingAudio';

/** Before ORT loads: its memory is then created through the counting constructor. */
const wasmMemoryBytes = trackWasmMemory();

/**
 * Counts GPU command-buffer submissions in this worker, so `ready` can prove that WebGPU really computed (a silent
 * fallback to WASM would leave it at 0). Only a counter is added; the call itself is unchanged.
 */
let gpuSubmits = 0;
const queueProto = (globalThis as { GPUQueue?: { prototype: GPUQueue } }).GPUQueue?.prototype;
if (queueProto) {
  const submit = queueProto.submit;
  queueProto.submit = function (this: GPUQueue, buffers: Iterable<GPUCommandBuffer>) {
    gpuSubmits++;
    return submit.call(this, buffers);
  };
}

const host = createWorkerHost({
  post: (ev) => self.postMessage(ev),
  probe: () => probeBackend(),
  async load({ cacheName, ...opts }) {
    const cache = cacheName && typeof caches !== 'undefined' ? await caches.open(cacheName) : undefined;
    return loadEngine(opts, createWebRuntime({ cache }));
  },
  readRecording,
  now: () => performance.now(),
  gpuSubmits: () => gpuSubmits,
  wasmMemoryBytes,
});

self.addEventListener('message', (e: MessageEvent) => {
  if (isWorkerRequest(e.data)) host.handle(e.data);
});
