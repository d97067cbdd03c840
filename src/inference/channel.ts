// A single-consumer push/pull queue that turns worker events into an AsyncIterable<T>:
// push() values, then close() or fail(error); the consumer's for-await ends or throws accordingly.

export interface Channel<T> extends AsyncIterable<T> {
  push(value: T): void;
  close(): void;
  fail(error: Error): void;
  readonly settled: boolean;
}

export function createChannel<T>(): Channel<T> {
  const queue: T[] = [];
  let settled = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  async function* iterate(): AsyncGenerator<T> {
    for (;;) {
      if (queue.length > 0) {
        yield queue.shift() as T;
        continue;
      }
      if (failure) throw failure;
      if (settled) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  }
  return {
    push(value) {
      if (settled) return;
      queue.push(value);
      notify();
    },
    close() {
      settled = true;
      notify();
    },
    fail(error) {
      if (settled) return;
      settled = true;
      failure = error;
      queue.length = 0; // a failure (abort, crash) ends the stream at once, dropping buffered tokens
      notify();
    },
    get settled() {
      return settled;
    },
    [Symbol.asyncIterator]: iterate,
  };
}
