// `npm run adapt -- --manifest <file.jsonl> --base models/<id> --out models/<new-id> [--checkpoint <dir>] ...`: LoRA
// fine-tuning of an exported model on a clinic's labelled recordings, exported as a new model, scored before and after.
import path from 'node:path';
import { pct, TASK_METRICS } from '../eval/report';
import { initBackend } from '../backend/index';
import { parseCli, runCli } from '../cli/args';
import { runAdapt, type AdaptReport } from './adapt';

const USAGE = `usage: npm run adapt -- --manifest <file.jsonl> --base models/<id> --out models/<new-id> [flags]
  [--checkpoint <dir>]   the training checkpoint the base model was exported from. Exported ONNX weights are not read
                         back: by default it is <outDir>/<stage> from the base manifest's training block, checked
                         against the manifest's architecture and step; pass it when the run folder moved.
  [--steps 150] [--lr 0.002] [--held-out 0.3]   fine-tuning steps, LoRA learning rate, share of patients held out
  [--train-items 2000]   bench items generated from the train recordings
  [--eval-limit N]       score at most N held-out items (even stride over tasks and sources)
  [--report eval/adapt/<new-id>.json]
  [--key=value ...]      training config keys (training/train/config.ts), e.g. --sftBatch=8 --loraRank=4 --loraTargets=q,v
The manifest is the JSONL format of docs/labels.md ("Bring your own recordings"); audio paths are relative to it.`;

const OPTIONS = {
  manifest: { type: 'string' },
  base: { type: 'string' },
  out: { type: 'string' },
  checkpoint: { type: 'string' },
  steps: { type: 'string' },
  lr: { type: 'string' },
  'held-out': { type: 'string' },
  'train-items': { type: 'string' },
  'eval-limit': { type: 'string' },
  report: { type: 'string' },
} as const;

function table(r: AdaptReport): string {
  const tasks = Object.keys(r.after.byTask) as (keyof AdaptReport['after']['byTask'])[];
  return [
    `| items | model | clinical accuracy % | ${tasks.join(' | ')} |`,
    `|---|---|---:|${tasks.map(() => '---:').join('|')}|`,
    ...(
      [
        ['before', r.base, r.before],
        ['after', r.model, r.after],
      ] as const
    ).map(
      ([label, id, s]) =>
        `| ${label} (${s.n}) | ${id} | **${pct(s.accuracy)}** | ${tasks.map((t) => pct(s.byTask[t]?.accuracy)).join(' | ')} |`,
    ),
    '',
    `Task metrics after: ${tasks
      .filter((t) => TASK_METRICS[t]?.length)
      .map(
        (t) => `${t} ${TASK_METRICS[t].map((m) => `${m} ${pct(r.after.byTask[t]?.metrics[m])}`).join(' ')}`,
      )
      .join('; ')}`,
  ].join('\n');
}

async function main(): Promise<void> {
  const { values: a, extra: overrides } = parseCli(process.argv.slice(2), {
    usage: USAGE,
    options: OPTIONS,
    required: ['manifest', 'base', 'out'],
    keyValues: true,
  });
  await initBackend();
  const id = path.basename(path.resolve(a.out));
  const report = await runAdapt({
    manifest: a.manifest,
    base: a.base,
    out: a.out,
    checkpoint: a.checkpoint,
    steps: Number(a.steps ?? 150),
    lr: Number(a.lr ?? 2e-3),
    heldOut: Number(a['held-out'] ?? 0.3),
    trainItems: Number(a['train-items'] ?? 2000),
    evalLimit: a['eval-limit'] ? Number(a['eval-limit']) : undefined,
    overrides,
    report: a.report ?? path.join('eval', 'adapt', `${id}.json`),
  });
  console.log(table(report));
  console.log(`\nmodel -> ${a.out}; report -> ${a.report ?? path.join('eval', 'adapt', `${id}.json`)}`);
}

runCli(main, '[adapt] ');
