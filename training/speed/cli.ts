// `npm run bench -- <subcommand>`: `speed` (the default: plain `npm run bench`) measures browser and Node speed
// (training/speed/speed.ts); `first-visit` the bytes of a first visit. `build` is the old spelling of
// `npm run auscultbench -- build` (training/auscultbench), kept working.
import { parseCli, runCli, UsageError } from '../cli/args';

const USAGE = `usage: npm run bench -- <speed|first-visit> [flags]   (npm run bench -- <subcommand> --help for its flags)
       npm run bench                          speed, the default: browser and Node speed → docs/benchmarks.md
       npm run bench -- first-visit ...       the bytes of a first visit, added to the speed results
AuscultBench is built by npm run auscultbench -- build (npm run bench -- build still works).`;

async function main(): Promise<void> {
  const [cmd, ...rest] = process.argv.slice(2);
  switch (cmd) {
    case 'build': // the old spelling of npm run auscultbench -- build
      return (await import('../auscultbench/command')).buildCommand(rest);
    case 'first-visit':
      return (await import('./speed-first-visit')).firstVisitCommand(rest);
    case 'speed':
    case undefined:
      return (await import('./speed')).speedCommand(rest); // loaded on demand: it pulls in Playwright, tfjs, ORT
    default:
      parseCli([cmd], { usage: USAGE, options: {}, positionals: true }); // --help, or an unknown flag
      throw new UsageError(`unknown subcommand '${cmd}'`, USAGE);
  }
}

runCli(main);
