// The engine's Node runtime (used by `npm run eval` and tests): files from disk, node:crypto hashing, onnxruntime-node
// (the same copy transformers.js loads in Node) for the findings head.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { EngineError } from './errors';
import type { Backend, EngineRuntime, FloatSession, ReadFileOptions } from './types';

function toPath(location: string): string {
  return location.startsWith('file:') ? fileURLToPath(location) : location;
}

async function createSession(model: Uint8Array, backend: Backend): Promise<FloatSession> {
  const session = await ort.InferenceSession.create(model, {
    executionProviders: [backend === 'cpu' ? 'cpu' : backend],
  });
  return {
    async run(inputName, data, dims) {
      const out = await session.run({ [inputName]: new ort.Tensor('float32', data, dims) });
      const outputs = Object.fromEntries(
        session.outputNames.map((n) => [n, { data: out[n].data as Float32Array, dims: [...out[n].dims] }]),
      );
      return { ...outputs[session.outputNames[0]], outputs };
    },
    release: () => session.release(),
  };
}

export function createNodeRuntime(): EngineRuntime {
  return {
    name: 'node',
    backends: ['cpu'],
    resolve: (modelUrl, relPath) => path.join(toPath(modelUrl), ...relPath.split('/')),
    async readFile(location: string, opts: ReadFileOptions = {}) {
      if (opts.signal?.aborted) throw new EngineError('aborted', 'Model loading stopped.');
      try {
        const bytes = new Uint8Array(await readFile(toPath(location)));
        opts.onBytes?.(bytes.length);
        return bytes;
      } catch (e) {
        throw new EngineError(
          'model-not-found',
          `Cannot read ${location}: ${(e as Error).message}. Export the model with \`npm run export\`.`,
          { cause: e },
        );
      }
    },
    sha256Hex: async (bytes) => createHash('sha256').update(bytes).digest('hex'),
    configure: () => {},
    createSession,
  };
}
