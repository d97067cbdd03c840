// The custom cache transformers.js reads through: local-path and hub-style keys both map to verified bytes.
import { describe, expect, it } from 'vitest';
import { VerifiedFiles } from './memory-cache';

describe('VerifiedFiles', () => {
  const files = new VerifiedFiles();
  files.add(
    'auscult-tiny-1',
    new Map([
      ['config.json', new TextEncoder().encode('{"a":1}')],
      ['onnx/x.onnx', Uint8Array.of(1, 2, 3)],
    ]),
  );

  it('answers local-path, bare and hub-URL keys', async () => {
    for (const key of [
      '/models/auscult-tiny-1/config.json',
      'auscult-tiny-1/config.json',
      'https://huggingface.co/auscult-tiny-1/resolve/main/config.json',
    ]) {
      const res = await files.match(key);
      expect(await res?.json()).toEqual({ a: 1 });
    }
    expect(new Uint8Array(await (await files.match('/m/auscult-tiny-1/onnx/x.onnx'))!.arrayBuffer())).toEqual(
      Uint8Array.of(1, 2, 3),
    );
  });

  it('misses unknown files and other models, and forgets removed models', async () => {
    expect(await files.match('/models/auscult-tiny-1/preprocessor_config.json')).toBeUndefined();
    expect(await files.match('/models/auscult-tiny-2/config.json')).toBeUndefined();
    files.remove('auscult-tiny-1');
    expect(await files.match('/models/auscult-tiny-1/config.json')).toBeUndefined();
  });
});
