// Text-delta decoding (incomplete UTF-8 held back) and the abortable delta queue behind Engine.ask.
import { describe, expect, it } from 'vitest';
import { EngineError } from './errors';
import { DeltaDecoder, DeltaQueue } from './stream';

/** Decodes ids as bytes, like a byte-level tokenizer: an incomplete UTF-8 sequence decodes to U+FFFD. */
const bytesDecoder = () => new DeltaDecoder((ids) => new TextDecoder().decode(Uint8Array.from(ids)));

describe('DeltaDecoder', () => {
  it('emits the new suffix per token and holds back a split multi-byte character', () => {
    const d = bytesDecoder();
    const heart = [...new TextEncoder().encode('♥')]; // 3 bytes
    expect(d.push([0x68])).toBe('h');
    expect(d.push([heart[0]])).toBe('');
    expect(d.push([heart[1]])).toBe('');
    expect(d.push([heart[2]])).toBe('♥');
    expect(d.push([0x21])).toBe('!');
    expect(d.flush()).toBe('');
    expect(d.tokenCount).toBe(5);
  });

  it('flushes a dangling partial character at the end', () => {
    const d = bytesDecoder();
    expect(d.push([0xe2])).toBe('');
    expect(d.flush()).toBe('\uFFFD');
  });
});

describe('DeltaQueue', () => {
  it('yields pushed deltas in order and ends on close', async () => {
    const q = new DeltaQueue();
    q.push('a');
    setTimeout(() => (q.push('b'), q.push(''), q.close()), 5);
    const got: string[] = [];
    for await (const s of q) got.push(s);
    expect(got).toEqual(['a', 'b']);
  });

  it('rejects a pending read as soon as the signal aborts', async () => {
    const ac = new AbortController();
    const q = new DeltaQueue(ac.signal);
    const pending = q[Symbol.asyncIterator]().next();
    ac.abort();
    await expect(pending).rejects.toBeInstanceOf(EngineError);
    await expect(pending).rejects.toMatchObject({ name: 'aborted' });
  });

  it('passes a generation failure to the reader', async () => {
    const q = new DeltaQueue();
    q.fail(new EngineError('out-of-memory', 'oom'));
    await expect(q[Symbol.asyncIterator]().next()).rejects.toMatchObject({ name: 'out-of-memory' });
  });
});
