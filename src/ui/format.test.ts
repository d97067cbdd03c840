// Duration and file name formatting.
import { describe, expect, it } from 'vitest';
import { formatDuration, wavFileName } from './format';

describe('format', () => {
  it('formats durations as m:ss.s', () => {
    expect(formatDuration(5.04)).toBe('0:05.0');
    expect(formatDuration(75.25)).toBe('1:15.3');
    expect(formatDuration(Number.NaN)).toBe('0:00.0');
  });
  it('makes safe WAV file names', () => {
    expect(wavFileName('Recording 1/2/2026 10:00')).toBe('Recording_1_2_2026_10_00.wav');
    expect(wavFileName('///')).toBe('recording.wav');
  });
});
