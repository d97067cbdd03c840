// `npm run auscultbench -- build`: writes AuscultBench (the instruction–response benchmark) from a corpus
// (training/auscultbench/command.ts). Speed benchmarking is elsewhere: training/speed (`npm run bench`).
import { parseCli, runCli, UsageError } from '../cli/args';
import { buildCommand } from './command';

const USAGE = `usage: npm run auscultbench -- build [flags]   (npm run auscultbench -- build --help for its flags)
       npm run auscultbench -- build ...      AuscultBench from a corpus`;

async function main(): Promise<void> {
  const [cmd, ...rest] = process.argv.slice(2);
  if (cmd === 'build') return buildCommand(rest);
  parseCli(cmd === undefined ? [] : [cmd], { usage: USAGE, options: {}, positionals: true }); // --help, or an unknown flag
  throw new UsageError(cmd === undefined ? 'a subcommand is required' : `unknown subcommand '${cmd}'`, USAGE);
}

runCli(main);
