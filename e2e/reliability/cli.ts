// npm run reliability:audit (npm audit of production dependencies → reliability/results.json) and
// npm run reliability:doc (reliability/results.json → docs/reliability.md).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseCli, runCli, UsageError } from '../../training/cli/args';
import { auditOutcome, runAudit } from './audit';
import { renderReliabilityDoc } from './doc';
import { readResults, recordSuite } from './results';

const root = resolve(import.meta.dirname, '..', '..');

function audit(): number {
  const summary = runAudit(root);
  const outcome = auditOutcome(summary);
  recordSuite('audit', {
    title: 'Dependency audit',
    source: 'e2e/reliability/audit.ts',
    ranAt: new Date().toISOString(),
    outcomes: [outcome],
  });
  console.log(`[reliability] npm audit: ${outcome.observed}`);
  return outcome.pass ? 0 : 1;
}

function doc(): number {
  const path = resolve(root, 'docs', 'reliability.md');
  writeFileSync(path, renderReliabilityDoc(readResults()));
  console.log(`[reliability] wrote ${path}`);
  return 0;
}

const commands: Record<string, () => number> = { audit, doc };
const USAGE = `usage: npm run reliability:audit   npm audit of production dependencies → reliability/results.json
       npm run reliability:doc     reliability/results.json → docs/reliability.md
       (both run tsx e2e/reliability/cli.ts <audit|doc>)`;

runCli(() => {
  const { positionals } = parseCli(process.argv.slice(2), { usage: USAGE, options: {}, positionals: true });
  const [command, ...rest] = positionals;
  if (!command) throw new UsageError('a command is required', USAGE);
  if (!Object.hasOwn(commands, command)) throw new UsageError(`unknown command '${command}'`, USAGE);
  if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}'`, USAGE);
  return commands[command]();
});
