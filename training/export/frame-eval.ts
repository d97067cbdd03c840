// `npx tsx training/export/frame-eval.ts --model models/<id> --corpus <dir> [--split test] [--record]`: frame-level F1,
// precision and recall of an exported model's frame events at its manifest thresholds on a corpus split's recordings
// with event annotations (the thresholds were fitted on val; this measures them elsewhere). `--record` adds the result
// to the manifest's evaluation block under "frame events on corpus/<split>".
import { parseCli, runCli } from '../cli/args';
import { MANIFEST_FILE, validateManifest } from '../../src/core/manifest/manifest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { scoreSplit } from './calibrate';
import { updateManifest } from './export';
import { frameFit } from './frame-thresholds';

const USAGE =
  'usage: npx tsx training/export/frame-eval.ts --model models/<id> --corpus <dir> [--split test] [--record]';
const OPTIONS = {
  model: { type: 'string' },
  corpus: { type: 'string' },
  split: { type: 'string' },
  record: { type: 'boolean' },
} as const;

async function main(): Promise<void> {
  const { values: a } = parseCli(process.argv.slice(2), {
    usage: USAGE,
    options: OPTIONS,
    required: ['model', 'corpus'],
  });
  const dir = a.model as string;
  const split = a.split ?? 'test';
  const m = validateManifest(JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), 'utf8')));
  const fe = m.frameEvents;
  if (!fe)
    throw new Error(`${dir} has no frame-level events (manifest without frameEvents); nothing to measure`);
  const recs = (await scoreSplit(dir, m, a.corpus as string, split)).flatMap((r) =>
    r.frames ? [r.frames] : [],
  );
  const result: Record<string, unknown> = { createdAt: new Date().toISOString(), recordings: recs.length };
  fe.channels.forEach((c, i) => {
    const x = frameFit(recs, i, fe.channels.length, c.threshold);
    result[c.name] = { threshold: c.threshold, ...x };
    console.log(
      `${c.name} on ${split} at ${c.threshold}: F1 ${x.f1.toFixed(3)}, precision ${x.precision.toFixed(3)}, recall ${x.recall.toFixed(3)} (${x.frames} frames, ${x.positives} positive, ${recs.length} annotated recordings)`,
    );
  });
  if (a.record)
    await updateManifest(dir, (old) => ({
      ...old,
      evaluation: { ...(old.evaluation ?? {}), [`frame events on corpus/${split}`]: result },
    }));
}

runCli(main);
