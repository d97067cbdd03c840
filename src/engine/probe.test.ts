// probeBackend picks WebGPU only when an adapter and a device really come up, and always says why.
import { describe, expect, it } from 'vitest';
import { probeBackend } from './probe';

const device = { destroy: () => {} };

describe('probeBackend', () => {
  it('falls back to wasm without navigator.gpu, without an adapter, or when the device fails', async () => {
    expect(await probeBackend(undefined)).toMatchObject({
      backend: 'wasm',
      reason: expect.stringContaining('not available'),
    });
    expect(await probeBackend({ requestAdapter: async () => null })).toMatchObject({
      backend: 'wasm',
      reason: expect.stringContaining('enable-unsafe-webgpu'),
    });
    const broken = {
      requestAdapter: async () => ({ requestDevice: async () => Promise.reject(new Error('lost')) }),
    };
    expect(await probeBackend(broken)).toMatchObject({
      backend: 'wasm',
      reason: expect.stringContaining('lost'),
    });
  });

  it('chooses webgpu and names the adapter', async () => {
    const gpu = {
      requestAdapter: async () => ({
        info: { vendor: 'google', architecture: 'swiftshader' },
        requestDevice: async () => device,
      }),
    };
    expect(await probeBackend(gpu)).toEqual({
      backend: 'webgpu',
      reason: 'WebGPU adapter found (google swiftshader).',
    });
  });
});
