// `npx tsx training/train/curves.ts --outDir=<runs> [--docsDir=docs]`: re-publishes the curves (CSV, PNG, SVG) of every
// stage that has `<outDir>/<stage>.curves.csv`, e.g. after a run made with another docsDir.
import path from 'node:path';
import { CURVE_COLUMNS, publishCurves } from './common';
import type { Stage } from './config';

function main(argv: string[]): void {
  const flags = Object.fromEntries(
    argv.map((a) => {
      const m = /^--(outDir|docsDir)=(.+)$/.exec(a);
      if (!m)
        throw new Error(
          `bad argument "${a}"; usage: npx tsx training/train/curves.ts --outDir=<runs> [--docsDir=docs]`,
        );
      return [m[1], m[2]];
    }),
  );
  if (!flags.outDir) throw new Error('--outDir=<runs> is required');
  const docsDir = flags.docsDir ?? 'docs';
  for (const [stage, cols] of Object.entries(CURVE_COLUMNS)) {
    const written = publishCurves(
      { docsDir },
      stage as Stage,
      path.join(flags.outDir, `${stage}.curves.csv`),
      cols,
    );
    if (written.length) console.log(`${stage}: ${written.join(', ')}`);
  }
}

try {
  main(process.argv.slice(2));
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
