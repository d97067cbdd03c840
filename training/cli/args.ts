// The one argument parser of every training CLI: node:util parseArgs with typed options, strict errors that show the
// usage, and --help / -h printing that same usage (exit 0). `runCli` is the matching entry point for every command.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export type CliOptions = NonNullable<ParseArgsConfig['options']>;

/** The typed values of a set of options, as node:util's strict parseArgs types them (a `default` makes one defined). */
export type CliValues<O extends CliOptions> = ReturnType<
  typeof parseArgs<{ options: O; strict: true }>
>['values'];

export interface CliSpec<O extends CliOptions, R extends keyof O & string = never> {
  /** The whole usage text, starting `usage: npm run <command> -- …`: printed by --help and after every argument error. */
  usage: string;
  options: O;
  /** Options without which the command cannot run: missing ones are an error that names them all. */
  required?: readonly R[];
  /** Positional arguments are allowed (a stage, a subcommand); otherwise each is an error. */
  positionals?: boolean;
  /**
   * Unknown `--key=value` flags go to `extra` instead of being rejected: open-ended training-config overrides, which
   * the caller validates against the config's defaults. They must use the `=` form.
   */
  keyValues?: boolean;
}

export interface ParsedCli<O extends CliOptions, R extends keyof O & string> {
  values: CliValues<O> & Required<Pick<CliValues<O>, Extract<R, keyof CliValues<O>>>>;
  positionals: string[];
  extra: Record<string, string>;
}

/** A wrong command line: the message says what is wrong, then shows the usage. `runCli` exits with 2. */
export class UsageError extends Error {
  constructor(problem: string, usage: string) {
    super(`${problem}\n${usage}`);
    this.name = 'UsageError';
  }
}

/** --help or -h was given: `runCli` prints the usage to stdout and exits with 0. */
export class CliHelp extends Error {
  constructor(readonly usage: string) {
    super(usage);
    this.name = 'CliHelp';
  }
}

const HELP = { help: { type: 'boolean', short: 'h' } } as const;

type Value = string | boolean | (string | boolean)[];

type Fail = (problem: string) => never;

/** One option token's value; `fail` says why it is not acceptable. */
function valueOf(
  o: CliOptions[string],
  raw: string,
  value: string | undefined,
  inline: boolean,
  fail: Fail,
): string | boolean {
  if (o.type === 'boolean') {
    if (value === undefined) return true;
    if (value === 'true' || value === 'false') return value === 'true';
    return fail(`${raw} is a switch: give it alone (or ${raw}=true / ${raw}=false), got '${raw}=${value}'`);
  }
  if (value === undefined) return fail(`${raw} needs a value`);
  // A separate value that looks like a flag is most likely a forgotten value; negative numbers use the = form.
  if (!inline && value.length > 1 && value.startsWith('-'))
    return fail(
      `${raw} needs a value, got the flag-like '${value}' (write ${raw}=${value} if that is the value)`,
    );
  return value;
}

function listNames(names: string[]): string {
  const flags = names.map((n) => `--${n}`);
  return flags.length === 1 ? flags[0] : `${flags.slice(0, -1).join(', ')} and ${flags[flags.length - 1]}`;
}

/**
 * Parses `argv` (flags as `--key value` or `--key=value`, switches alone). Throws `CliHelp` for --help / -h, and
 * `UsageError` for an unknown flag, a missing or flag-like value, a flag given twice, a stray positional or a missing
 * required flag.
 */
export function parseCli<const O extends CliOptions, const R extends keyof O & string = never>(
  argv: readonly string[],
  spec: CliSpec<O, R>,
): ParsedCli<O, R> {
  const { tokens } = parseArgs({
    args: [...argv],
    options: { ...spec.options, ...HELP },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  if (tokens.some((t) => t.kind === 'option' && t.name === 'help')) throw new CliHelp(spec.usage);
  const fail: Fail = (problem) => {
    throw new UsageError(problem, spec.usage);
  };
  const values: Record<string, Value> = {};
  const extra: Record<string, string> = {};
  const positionals: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'positional') {
      if (!spec.positionals) fail(`unexpected argument '${t.value}'`);
      positionals.push(t.value);
    }
    if (t.kind !== 'option') continue;
    const o = Object.hasOwn(spec.options, t.name) ? spec.options[t.name] : undefined;
    if (!o) {
      if (!spec.keyValues) fail(`unknown argument '${t.rawName}'`);
      if (!t.inlineValue) fail(`unknown argument '${t.rawName}' (expected --key=value for a config key)`);
      if (Object.hasOwn(extra, t.name)) fail(`${t.rawName} given twice`);
      extra[t.name] = t.value ?? '';
      continue;
    }
    const v = valueOf(o, t.rawName, t.value, t.inlineValue === true, fail);
    if (o.multiple) values[t.name] = [...((values[t.name] as (string | boolean)[] | undefined) ?? []), v];
    else if (Object.hasOwn(values, t.name)) fail(`${t.rawName} given twice`);
    else values[t.name] = v;
  }
  for (const [name, o] of Object.entries(spec.options))
    if (!Object.hasOwn(values, name) && o.default !== undefined) values[name] = o.default;
  const required = spec.required ?? [];
  if (required.some((n) => !Object.hasOwn(values, n)))
    fail(`${listNames([...required])} ${required.length === 1 ? 'is' : 'are'} required`);
  // The loop above checked every value against its option's type, which is what node's strict mode would guarantee.
  return { values: values as ParsedCli<O, R>['values'], positionals, extra };
}

/**
 * Runs a command's `main`: its number (if any) becomes the exit code; `CliHelp` prints the usage (exit 0); an error
 * prints its message after `tag` (exit 2 for a `UsageError`, else 1).
 */
export function runCli(main: () => Promise<number | void> | number | void, tag = ''): void {
  Promise.resolve()
    .then(main)
    .then(
      (code) => {
        if (typeof code === 'number') process.exitCode = code;
      },
      (e: unknown) => {
        if (e instanceof CliHelp) return console.log(e.usage);
        console.error(`${tag}${e instanceof Error ? e.message : String(e)}`);
        process.exit(e instanceof UsageError ? 2 : 1);
      },
    );
}
