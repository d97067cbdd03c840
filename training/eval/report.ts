// Eval report: the JSON saved per run (eval/reports/*.json) and its markdown rendering.
import type { Summary } from '../../src/core/tasks/metrics';
import { TASK_IDS } from '../../src/core/tasks/types';

export interface EvalReport {
  format: 1;
  /** Responder name, e.g. "baseline:majority" or "<model id>:<dtype>:<backend>". */
  model: string;
  /** Item source, e.g. "bench bench/test" or "circor:training_data". */
  source: string;
  createdAt: string;
  durationS: number;
  /** `degrade`: the audio degradation applied before features (training/dpo/degrade.ts), e.g. "noise10". */
  options: { limit?: number; tasks?: string[]; degrade?: string };
  summary: Summary;
}

export const pct = (x: number | undefined) => (x === undefined ? '–' : (100 * x).toFixed(1));

/** Metric keys per task in the order tables show them. */
export const TASK_METRICS: Readonly<Record<string, string[]>> = {
  classification: ['balancedAccuracy', 'sensitivity', 'specificity'],
  detection: ['microF1', 'macroF1'],
  reporting: ['findingF1', 'rougeL'],
  reasoning: ['findingF1', 'rougeL'],
  differential: ['top1', 'top3'],
  comparison: [],
  location: ['loudestSiteAccuracy'],
};

function groupTable(title: string, groups: Record<string, { n: number; accuracy: number }>): string[] {
  return [
    `| ${title} | n | accuracy % |`,
    '|---|---:|---:|',
    ...Object.entries(groups).map(([k, g]) => `| ${k} | ${g.n} | ${pct(g.accuracy)} |`),
  ];
}

export function reportMarkdown(r: EvalReport): string {
  const s = r.summary;
  const taskRows = TASK_IDS.filter((t) => s.byTask[t]).map((t) => {
    const ts = s.byTask[t];
    const m = (TASK_METRICS[t] ?? []).map((k) => `${k} ${pct(ts?.metrics[k])}`).join(', ');
    return `| ${t} | ${ts?.n ?? 0} | ${pct(ts?.accuracy)} | ${m} |`;
  });
  return [
    `# Eval: ${r.model} on ${r.source}`,
    '',
    `${r.createdAt}, ${s.n} items, ${r.durationS.toFixed(1)} s. Overall clinical accuracy: **${pct(s.accuracy)}%**. Out-of-scope declined: ${pct(s.outOfScope.accuracy)}% of ${s.outOfScope.n}.`,
    '',
    '| task | n | accuracy % | metrics % |',
    '|---|---:|---:|---|',
    ...taskRows,
    '',
    ...groupTable('domain', s.byDomain),
    '',
    ...groupTable('source', s.bySource),
  ].join('\n');
}
