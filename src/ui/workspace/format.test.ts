// Display formatters: byte sizes, tokens/s, percentages, the windows an assessment used and its doubts.
import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatPercent,
  formatReasons,
  formatTokensPerSecond,
  formatVerdict,
  formatWindows,
} from './format';

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

  it('says how many windows the findings average, and why an answer abstains', () => {
    const w = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ index: i, startS: i * 10.24, probabilities: [] }));
    expect(formatWindows({ windows: w(1), windowCount: 1, windowSeconds: 10.24 })).toBe(
      '1 window (all of the recording, 10.24 s each)',
    );
    expect(formatWindows({ windows: w(6), windowCount: 6, windowSeconds: 10.24 })).toBe(
      '6 windows (all of the recording, 10.24 s each)',
    );
    expect(formatWindows({ windows: w(64), windowCount: 352, windowSeconds: 10.24 })).toBe(
      '64 of 352 windows (evenly spaced over the recording, 10.24 s each)',
    );
    expect(formatReasons(['poor-quality', 'unlike-training'])).toBe(
      'poor recording quality, unlike the training data',
    );
  });

  it('says what the findings heads decided and on which evidence', () => {
    const v = { evidence: { label: 'murmur', probability: 0.823 }, threshold: 0.5 };
    expect(formatVerdict({ ...v, value: 'abnormal' }, 'murmur')).toBe(
      'Heard as abnormal: murmur 82% (threshold 50%).',
    );
    expect(
      formatVerdict(
        { value: 'normal', evidence: { label: 'wheeze', probability: 0.12 }, threshold: 0.55 },
        'wheeze',
      ),
    ).toBe('Heard as normal: the strongest finding, wheeze, is 12% (below the 55% threshold).');
    expect(
      formatVerdict(
        { value: 'undecided', evidence: { label: 'poor-quality', probability: 0.61 }, threshold: 0.5 },
        'poor quality',
      ),
    ).toBe(
      "No verdict from the findings: the recording may be of poor quality (poor quality 61%, threshold 50%). The answers are the language model's own; consider re-recording.",
    );
    expect(
      formatVerdict(
        {
          value: 'abnormal',
          evidence: { label: 'wheeze', probability: 0.41 },
          threshold: 0.6,
          signal: { signal: 'tonal-wheeze', value: 0.064, threshold: 0.03 },
        },
        'wheeze',
      ),
    ).toBe(
      'Heard as abnormal: a sustained tonal sound (wheeze detector) in 6% of the recording (threshold 3%); the strongest finding head, wheeze, is 41% (threshold 60%).',
    );
  });
});
