// The shared CLI parser: typed values, strict errors that show the usage, --help, and the exit codes of runCli.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CliHelp, parseCli, runCli, UsageError } from './args';

const USAGE = 'usage: npm run demo -- --out <dir> [--seed 1] [--quick] [--tag t ...]';
const OPTIONS = {
  out: { type: 'string' },
  seed: { type: 'string', default: '1' },
  quick: { type: 'boolean' },
  tag: { type: 'string', multiple: true },
} as const;
const parse = (argv: string[]) => parseCli(argv, { usage: USAGE, options: OPTIONS });

describe('parseCli', () => {
  it('takes --key value and --key=value alike, switches alone, defaults and repeated multiple options', () => {
    const { values } = parse(['--out', 'o', '--quick', '--tag=a', '--tag', 'b']);
    expect(values).toEqual({ out: 'o', seed: '1', quick: true, tag: ['a', 'b'] });
    expect(parse(['--out=o', '--seed', '7']).values).toEqual({ out: 'o', seed: '7' });
    expect(parse(['--out=-3']).values.out).toBe('-3');
  });

  it('takes --switch=true and --switch=false, nothing else', () => {
    expect(parse(['--quick=false']).values.quick).toBe(false);
    expect(parse(['--quick=true']).values.quick).toBe(true);
    expect(() => parse(['--quick=yes'])).toThrow(/--quick is a switch/);
  });

  it('rejects an unknown flag by name and shows the usage', () => {
    const e = (() => {
      try {
        parse(['--out', 'o', '--sead', '2']);
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(UsageError);
    expect((e as Error).message).toBe(`unknown argument '--sead'\n${USAGE}`);
    expect(() => parse(['-x'])).toThrow(`unknown argument '-x'\n${USAGE}`);
  });

  it('rejects missing or flag-like values, repeats, positionals and missing required flags', () => {
    expect(() => parse(['--out'])).toThrow(/^--out needs a value\nusage:/);
    expect(() => parse(['--out', '--quick'])).toThrow(/--out needs a value, got the flag-like '--quick'/);
    expect(() => parse(['--out', '-3'])).toThrow(/write --out=-3/);
    expect(() => parse(['--seed=1', '--seed=2'])).toThrow(/--seed given twice/);
    expect(() => parse(['stray'])).toThrow(/unexpected argument 'stray'\nusage:/);
    const spec = { usage: USAGE, options: OPTIONS, required: ['out', 'seed'] } as const;
    expect(() => parseCli(['--quick'], { ...spec, required: ['out', 'tag'] })).toThrow(
      /^--out and --tag are required\n/,
    );
    expect(() => parseCli([], { ...spec, required: ['out'] })).toThrow(/^--out is required\n/);
    const { values } = parseCli(['--out', 'o'], spec);
    expect(values.out.length).toBe(1); // typed as string: required
  });

  it('answers --help and -h with the usage, whatever else is on the line', () => {
    for (const argv of [['--help'], ['-h'], ['--out', 'o', '--bogus', '-h']]) {
      expect(() => parse(argv)).toThrow(CliHelp);
      expect(() => parse(argv)).toThrow(USAGE);
    }
  });

  it('collects positionals and open-ended --key=value flags when asked', () => {
    const spec = { usage: USAGE, options: OPTIONS, positionals: true, keyValues: true } as const;
    const r = parseCli(['sft', '--out=o', '--sftLr=0.01', '--encChannels=4,8', '--augment='], spec);
    expect(r.positionals).toEqual(['sft']);
    expect(r.values.out).toBe('o');
    expect(r.extra).toEqual({ sftLr: '0.01', encChannels: '4,8', augment: '' });
    expect(() => parseCli(['--hidden', '3'], spec)).toThrow(
      /unknown argument '--hidden' \(expected --key=value/,
    );
    expect(() => parseCli(['--hidden=3', '--hidden=4'], spec)).toThrow(/--hidden given twice/);
  });
});

describe('runCli', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('prints the usage on stdout for --help and exits 0', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => undefined as never);
    runCli(() => void parse(['--help']));
    await settle();
    expect(log).toHaveBeenCalledWith(USAGE);
    expect(exit).not.toHaveBeenCalled();
    expect(process.exitCode ?? 0).toBe(0);
  });

  it('exits 2 on a usage error, 1 on any other error, and with the number main returns', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => undefined as never);
    runCli(() => void parse(['--bogus']), '[demo] ');
    await settle();
    expect(err).toHaveBeenCalledWith(`[demo] unknown argument '--bogus'\n${USAGE}`);
    expect(exit).toHaveBeenLastCalledWith(2);
    runCli(async () => {
      throw new Error('no corpus at x: run npm run data first');
    });
    await settle();
    expect(exit).toHaveBeenLastCalledWith(1);
    runCli(() => 3);
    await settle();
    expect(process.exitCode).toBe(3);
  });
});
