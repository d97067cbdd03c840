import { describe, expect, it } from 'vitest';
import { parseArgs, toOptions } from './cli';

describe('npm run data arguments', () => {
  it('parses --key value and --key=value, with defaults', () => {
    const o = toOptions(
      parseArgs(['--datasets', 'd', '--out=o', '--synth-count', '12', '--reuse', '--only', 'circor,yaseen']),
    );
    expect(o).toMatchObject({
      seed: 1,
      synth: { count: 12, balance: 'uniform', durationS: 10 },
      reuse: true,
      only: ['circor', 'yaseen'],
    });
    expect(o.officialTest).toBe('patient');
  });
  it('rejects unknown keys, bad values and missing folders with the usage', () => {
    expect(() => parseArgs(['--datasets', 'd', '--out', 'o', '--sead', '2'])).toThrow(
      /unknown argument '--sead'[\s\S]*usage/,
    );
    expect(() => parseArgs(['--out', 'o'])).toThrow(/--datasets and --out are required/);
    expect(() => toOptions(parseArgs(['--datasets', 'd', '--out', 'o', '--synth-count', '-1']))).toThrow(
      /synth-count/,
    );
    expect(() => toOptions(parseArgs(['--datasets', 'd', '--out', 'o', '--only', 'mimic']))).toThrow(
      /unknown source 'mimic'/,
    );
    expect(() => toOptions(parseArgs(['--datasets', 'd', '--out', 'o', '--synth-balance', 'odd']))).toThrow(
      /synth-balance/,
    );
    expect(() => toOptions(parseArgs(['--datasets', 'd', '--out', 'o', '--synth-duration-s', '0']))).toThrow(
      /synth-duration-s/,
    );
  });
});
