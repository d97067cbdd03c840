// Explicit backend choice: probe a WebGPU adapter (and that a device can be created); otherwise WASM, with the reason.

export interface BackendProbe {
  backend: 'webgpu' | 'wasm';
  reason: string;
}

interface GpuLike {
  requestAdapter(): Promise<{
    info?: { vendor?: string; architecture?: string };
    requestDevice(): Promise<{ destroy(): void }>;
  } | null>;
}

/** Probes WebGPU where `navigator.gpu` exists; never sniffs the user agent. */
export async function probeBackend(
  gpu: GpuLike | undefined = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu,
): Promise<BackendProbe> {
  if (!gpu)
    return {
      backend: 'wasm',
      reason:
        'WebGPU is not available in this browser; running on WASM. Use a current Chrome or Edge for WebGPU.',
    };
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter)
      return {
        backend: 'wasm',
        reason:
          'WebGPU adapter not available; running on WASM. Enable chrome://flags/#enable-unsafe-webgpu or update the GPU driver.',
      };
    const device = await adapter.requestDevice();
    device.destroy();
    const name =
      [adapter.info?.vendor, adapter.info?.architecture].filter(Boolean).join(' ') || 'unknown adapter';
    return { backend: 'webgpu', reason: `WebGPU adapter found (${name}).` };
  } catch (e) {
    return {
      backend: 'wasm',
      reason: `WebGPU failed to start (${e instanceof Error ? e.message : String(e)}); running on WASM.`,
    };
  }
}
