// Measures the worker's WebAssembly memory (ORT's heap: model weights, activations, KV cache), which no page-side
// heap figure includes. ORT's threaded builds create their memory with `new WebAssembly.Memory`, so counting
// the memories made through the constructor sees it; the memory objects themselves are unchanged.

type MemoryCtor = typeof WebAssembly.Memory;

/** Wraps `wasm.Memory` so memories created from now on are counted; returns a reader of their current total bytes. */
export function trackWasmMemory(wasm: { Memory: MemoryCtor } = WebAssembly): () => number | null {
  const made: WeakRef<WebAssembly.Memory>[] = [];
  const Original = wasm.Memory;
  class CountedMemory extends Original {
    constructor(descriptor: WebAssembly.MemoryDescriptor) {
      super(descriptor);
      made.push(new WeakRef(this));
    }
  }
  wasm.Memory = CountedMemory;
  return () => {
    let bytes = 0;
    let live = 0;
    for (const ref of made) {
      const m = ref.deref();
      if (!m) continue;
      live += 1;
      bytes += m.buffer.byteLength;
    }
    return live === 0 ? null : bytes;
  };
}
