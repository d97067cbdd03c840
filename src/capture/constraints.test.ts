// Microphone constraints, ignored-constraint warnings and error messages.
import { describe, expect, it } from 'vitest';
import { AUDIO_CONSTRAINTS, micErrorMessage, settingsWarnings } from './constraints';

describe('microphone constraints', () => {
  it('turns all voice processing off and does not force a sample rate', () => {
    expect(AUDIO_CONSTRAINTS).toMatchObject({
      echoCancellation: false,
      noiseSuppression: false,
      autoGainControl: false,
    });
    expect(AUDIO_CONSTRAINTS).not.toHaveProperty('sampleRate');
  });
  it('warns once per processing feature the browser kept on', () => {
    expect(
      settingsWarnings({ echoCancellation: false, noiseSuppression: false, autoGainControl: false }),
    ).toEqual([]);
    const w = settingsWarnings({ echoCancellation: true, noiseSuppression: false, autoGainControl: true });
    expect(w).toHaveLength(2);
    expect(w[0]).toContain('echo cancellation');
    expect(w[1]).toContain('automatic gain control');
  });
  it('explains denied, missing and busy microphones', () => {
    expect(micErrorMessage({ name: 'NotAllowedError' })).toMatch(/denied/);
    expect(micErrorMessage({ name: 'NotFoundError' })).toMatch(/No microphone/);
    expect(micErrorMessage({ name: 'NotReadableError' })).toMatch(/in use/);
    expect(micErrorMessage(new Error('weird'))).toContain('weird');
  });
});
