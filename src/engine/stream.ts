// Turns transformers.js's callback-driven generation into an AsyncIterable of text deltas that stops at once on abort.
import { StoppingCriteria } from '@huggingface/transformers';
import { EngineError } from './errors';

/** Stops generation (every batch row) as soon as the signal fires; checked after each generated token. */
export class AbortCriteria extends StoppingCriteria {
  constructor(private readonly signal: AbortSignal) {
    super();
  }

  override _call(inputIds: number[][]): boolean[] {
    return inputIds.map(() => this.signal.aborted);
  }
}

/**
 * Decoded-text deltas from token ids: decodes everything generated so far and emits the new suffix, holding back
 * an incomplete UTF-8 sequence (a trailing U+FFFD) until the next token completes it.
 */
export class DeltaDecoder {
  private readonly ids: number[] = [];
  private emitted = 0;

  constructor(private readonly decode: (ids: number[]) => string) {}

  push(ids: number[]): string {
    this.ids.push(...ids);
    const text = this.decode(this.ids);
    const stable = text.endsWith('\uFFFD') ? text.slice(0, -1) : text;
    return this.take(stable);
  }

  flush(): string {
    return this.take(this.decode(this.ids));
  }

  get tokenCount(): number {
    return this.ids.length;
  }

  private take(text: string): string {
    if (text.length <= this.emitted) return '';
    const delta = text.slice(this.emitted);
    this.emitted = text.length;
    return delta;
  }
}

type Waiter = { resolve: (r: IteratorResult<string>) => void; reject: (e: unknown) => void };

/** A single-consumer queue of strings; fails at once (pending read included) when `signal` aborts. */
export class DeltaQueue implements AsyncIterable<string> {
  private readonly items: string[] = [];
  private waiter: Waiter | null = null;
  private closed = false;
  private error: unknown = null;

  constructor(signal?: AbortSignal) {
    signal?.addEventListener('abort', () => this.fail(new EngineError('aborted', 'Generation stopped.')), {
      once: true,
    });
    if (signal?.aborted) this.fail(new EngineError('aborted', 'Generation stopped.'));
  }

  push(s: string): void {
    if (this.closed || this.error || s === '') return;
    if (this.waiter) this.settle({ value: s, done: false });
    else this.items.push(s);
  }

  close(): void {
    this.closed = true;
    if (this.waiter && this.items.length === 0) this.settle({ value: undefined, done: true });
  }

  fail(e: unknown): void {
    if (this.error) return;
    this.error = e;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w.reject(e);
    }
  }

  private settle(r: IteratorResult<string>): void {
    const w = this.waiter;
    this.waiter = null;
    w?.resolve(r);
  }

  [Symbol.asyncIterator](): AsyncIterator<string> {
    return {
      next: () => {
        if (this.error) return Promise.reject(this.error);
        const item = this.items.shift();
        if (item !== undefined) return Promise.resolve({ value: item, done: false });
        if (this.closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
      },
    };
  }
}
