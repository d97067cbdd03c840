import { describe, expect, it } from 'vitest';
import {
  AUDIO_TOKEN,
  AUDIO_TOKEN_ID,
  SPECIAL_TOKENS,
  countAudioTokens,
  formatExample,
  formatPrompt,
  itemPrompt,
} from './prompt';

describe('prompt format', () => {
  it('fixes the special token ids', () => {
    expect(SPECIAL_TOKENS.indexOf('<unk>')).toBe(0);
    expect(AUDIO_TOKEN_ID).toBe(4);
    expect(SPECIAL_TOKENS[6]).toBe('<|assistant|>');
  });
  it('puts audio tokens per recording and ends with the assistant tag', () => {
    const p = formatPrompt({
      instruction: ' Which one is abnormal? ',
      recordings: [
        { domain: 'heart', site: 'AV' },
        { domain: 'heart', site: 'MV' },
      ],
      audioTokensPerRecording: 16,
    });
    expect(countAudioTokens(p)).toBe(32);
    expect(p.startsWith('<|user|>\nRecording 1 (heart, AV): ' + AUDIO_TOKEN)).toBe(true);
    expect(p.endsWith('\nWhich one is abnormal?\n<|assistant|>\n')).toBe(true);
    expect(formatExample({ instruction: 'x', recordings: [], audioTokensPerRecording: 1 }, 'Normal. ')).toBe(
      '<|user|>\nx\n<|assistant|>\nNormal.</s>',
    );
  });
  it('rejects a non-positive audio token count', () => {
    expect(() => formatPrompt({ instruction: 'x', recordings: [], audioTokensPerRecording: 0 })).toThrow();
  });
  it('builds an item prompt from its labels', () => {
    const p = itemPrompt(
      {
        instruction: 'Compare.',
        labels: [
          { domain: 'lung', site: 'trachea' },
          { domain: 'lung', site: 'posterior-left' },
        ],
      },
      4,
    );
    expect(p).toContain('Recording 2 (lung, posterior-left): ' + AUDIO_TOKEN.repeat(4));
    expect(countAudioTokens(p)).toBe(8);
  });
});
