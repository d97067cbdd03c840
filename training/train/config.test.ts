// The strict argument parser: stages, override files, typed values, and rejection of unknown or bad keys.
import { describe, expect, it } from 'vitest';
import { DEFAULTS, parseArgs } from './config';

describe('train config', () => {
  it('applies the override file, then flags, with typed values', () => {
    const { stage, config } = parseArgs([
      'sft',
      '--config=tiny',
      '--sftLr=0.01',
      '--encChannels=4,8',
      '--sftTrainEncoder=true',
    ]);
    expect(stage).toBe('sft');
    expect(config.hidden).toBe(32);
    expect(config.sftLr).toBe(0.01);
    expect(config.encChannels).toEqual([4, 8]);
    expect(config.sftTrainEncoder).toBe(true);
    expect(config.seed).toBe(DEFAULTS.seed);
  });

  it('rejects unknown stages, keys, malformed flags and ill-typed values', () => {
    expect(() => parseArgs(['rlhf'])).toThrow(/usage/);
    expect(parseArgs(['dpo', '--beta=0.2', '--temperatures=0.5,1']).config.temperatures).toEqual([0.5, 1]);
    expect(() => parseArgs(['sft', '--hiddenSize=3'])).toThrow(/unknown config key "hiddenSize"/);
    expect(() => parseArgs(['sft', 'hidden=3'])).toThrow(/expected --key=value/);
    expect(() => parseArgs(['sft', '--hidden=big'])).toThrow(/expected number/);
    expect(() => parseArgs(['sft', '--augment='])).toThrow(/expected number/);
    expect(() => parseArgs(['sft', '--sftTrainEncoder=yes'])).toThrow(/expected boolean/);
    expect(() => parseArgs(['sft', '--hidden=3', '--hidden=4'])).toThrow(/twice/);
    expect(() => parseArgs(['sft', '--config=nope'])).toThrow(/not found/);
  });
});
