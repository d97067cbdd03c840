// The browser wiring of the inference client: a module Web Worker built by Vite from src/worker.
import { InferenceClient, webWorkerFactory, type ClientOptions } from './client';

export function createWebInferenceClient(opts: ClientOptions): InferenceClient {
  const factory = webWorkerFactory(
    () =>
      new Worker(new URL('../worker/inference.worker.ts', import.meta.url), {
        type: 'module',
        name: 'auscult-inference',
      }),
  );
  return new InferenceClient(factory, opts);
}
