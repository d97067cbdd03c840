// Format sniffing from magic bytes.
import { describe, expect, it } from 'vitest';
import { formatFromName, sniffFormat } from './formats';

const bytes = (s: string, pad = 12) => Uint8Array.from([...s.padEnd(pad, '\0')].map((c) => c.charCodeAt(0)));

describe('sniffFormat', () => {
  it('recognises each supported container', () => {
    expect(sniffFormat(bytes('RIFF\0\0\0\0WAVE'))).toBe('wav');
    expect(sniffFormat(bytes('fLaC'))).toBe('flac');
    expect(sniffFormat(bytes('OggS'))).toBe('ogg');
    expect(sniffFormat(bytes('\0\0\0\x20ftypM4A '))).toBe('m4a');
    expect(sniffFormat(bytes('ID3\x04'))).toBe('mp3');
    expect(sniffFormat(Uint8Array.of(0xff, 0xfb, 0x90, 0))).toBe('mp3');
  });
  it('calls text and empty files unknown', () => {
    expect(sniffFormat(bytes('hello, this is text'))).toBe('unknown');
    expect(sniffFormat(new Uint8Array(0))).toBe('unknown');
  });
  it('reads the claimed format from the name', () => {
    expect(formatFromName('a.WAV')).toBe('wav');
    expect(formatFromName('b.opus')).toBe('ogg');
    expect(formatFromName('c')).toBe('unknown');
  });
});
