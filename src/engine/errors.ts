// Engine errors with a closed set of names the UI maps to a fix; unknown failures are classified here, once.

export const ENGINE_ERROR_NAMES = [
  'model-not-found',
  'hash-mismatch',
  'backend-unavailable',
  'out-of-memory',
  'bad-audio',
  'aborted',
  'internal',
] as const;
export type EngineErrorName = (typeof ENGINE_ERROR_NAMES)[number];

export class EngineError extends Error {
  override readonly name: EngineErrorName;
  constructor(name: EngineErrorName, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = name;
  }
}

/** Maps any thrown value to an EngineError (keeps EngineErrors as they are). */
export function toEngineError(e: unknown, context: string): EngineError {
  if (e instanceof EngineError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  if (/out of memory|bad_alloc|failed to allocate|OOM|RangeError: Array buffer allocation/i.test(msg))
    return new EngineError(
      'out-of-memory',
      `${context}: out of memory (${msg}). Close other tabs or choose the smaller q4 model.`,
      { cause: e },
    );
  if (/no available backend|GPU adapter|webgpu is not supported|backend not found/i.test(msg))
    return new EngineError(
      'backend-unavailable',
      `${context}: the backend could not start (${msg}). Try the WASM backend.`,
      { cause: e },
    );
  if (e instanceof Error && e.name === 'AbortError')
    return new EngineError('aborted', `${context}: stopped.`, { cause: e });
  return new EngineError('internal', `${context}: ${msg}`, { cause: e });
}

export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new EngineError('aborted', `${what} stopped.`);
}
