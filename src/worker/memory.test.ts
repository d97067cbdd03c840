// The wasm memory counter sees memories made through the wrapped constructor, including growth.
import { describe, expect, it } from 'vitest';
import { trackWasmMemory } from './memory';

const PAGE = 64 * 1024;

describe('trackWasmMemory', () => {
  it('counts memories created after tracking starts, and their growth', () => {
    const wasm = { Memory: WebAssembly.Memory };
    const before = new wasm.Memory({ initial: 1 });
    const read = trackWasmMemory(wasm);
    expect(read()).toBeNull(); // nothing created yet
    const a = new wasm.Memory({ initial: 2, maximum: 10 });
    const b = new wasm.Memory({ initial: 3 });
    expect(a).toBeInstanceOf(WebAssembly.Memory);
    expect(read()).toBe(5 * PAGE);
    a.grow(4);
    console.log(`tracked wasm memory: ${read()} bytes (untracked ${before.buffer.byteLength})`);
    expect(read()).toBe(9 * PAGE);
    expect(b.buffer.byteLength).toBe(3 * PAGE);
  });
});
