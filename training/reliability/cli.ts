// npm run reliability:audit (npm audit of production dependencies → reliability/results.json) and
// npm run reliability:doc (reliability/results.json → docs/reliability.md).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { auditOutcome, runAudit } from './audit';
import { renderReliabilityDoc } from './doc';
import { readResults, recordSuite } from './results';

const root = resolve(import.meta.dirname, '..', '..');

function audit(): number {
  const summary = runAudit(root);
  const outcome = auditOutcome(summary);
  recordSuite('audit', {
    title: 'Dependency audit',
    source: 'training/reliability/audit.ts',
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

const command = process.argv[2];
const commands: Record<string, () => number> = { audit, doc };
if (!command || !commands[command]) {
  console.error(`usage: tsx training/reliability/cli.ts <${Object.keys(commands).join('|')}>`);
  process.exit(2);
}
process.exit(commands[command]());
