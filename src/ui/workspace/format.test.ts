// Display formatters: byte sizes, tokens/s and percentages.
import { describe, expect, it } from 'vitest';
import { formatBytes, formatPercent, formatTokensPerSecond } from './format';

describe('workspace formatters', () => {
  it('formats sizes, speeds and probabilities', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(93093)).toBe('90.9 KB');
    expect(formatBytes(30 * 1024 * 1024)).toBe('30.0 MB');
    expect(formatTokensPerSecond(null)).toBe('– tokens/s');
    expect(formatTokensPerSecond(4.25)).toBe('4.3 tokens/s');
    expect(formatTokensPerSecond(123.4)).toBe('123 tokens/s');
    expect(formatPercent(0.914)).toBe('91%');
  });
});
