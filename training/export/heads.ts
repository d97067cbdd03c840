// The manifest's `findings.heads`: what each findings-head output stands for, read from training's head definitions
// (training/train/data.ts HEAD_DEFS), so the app names schema findings rather than training's head labels.
import type { FindingHead } from '../../src/core/manifest/heads';
import { HEAD_DEFS } from '../train/data';

/** One entry per label, in output order; a label training does not define fails (the app could not name it). */
export function exportHeads(labels: readonly string[]): FindingHead[] {
  return labels.map((label) => {
    const def = HEAD_DEFS.find((h) => h.label === label);
    if (!def)
      throw new Error(
        `findings head '${label}' is not in training/train/data.ts HEAD_DEFS; export it with the code that trained it`,
      );
    if (label === 'abnormal') return { label, kind: 'abnormal', findings: [], domain: def.domain };
    if (label === 'lung') return { label, kind: 'domain', findings: [], domain: 'lung' };
    return { label, kind: 'finding', findings: [...(def.findings ?? [])], domain: def.domain };
  });
}
