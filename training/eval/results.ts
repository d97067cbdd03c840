// docs/results.md, generated from the saved reports in eval/reports/*.json (`npm run eval -- --results`).
import { TASK_IDS } from '../../src/core/tasks/types';
import { DEGRADATIONS } from '../dpo/degrade';
import { pct, TASK_METRICS, type EvalReport } from './report';

function sources(reports: EvalReport[]): string[] {
  return [...new Set(reports.flatMap((r) => Object.keys(r.summary.bySource)))].sort();
}

function domains(reports: EvalReport[]): string[] {
  return [...new Set(reports.flatMap((r) => Object.keys(r.summary.byDomain)))].sort();
}

function row(cells: (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

function overview(reports: EvalReport[]): string[] {
  const doms = domains(reports);
  const head = ['model', 'items', 'overall %', ...TASK_IDS, ...doms.map((d) => `${d} %`), 'declines OOS %'];
  return [
    row(head),
    row(head.map((_, i) => (i === 0 ? '---' : '---:'))),
    ...reports.map((r) =>
      row([
        r.model,
        r.summary.n,
        `**${pct(r.summary.accuracy)}**`,
        ...TASK_IDS.map((t) => pct(r.summary.byTask[t]?.accuracy)),
        ...doms.map((d) => pct(r.summary.byDomain[d]?.accuracy)),
        pct(r.summary.outOfScope.accuracy),
      ]),
    ),
  ];
}

function taskMetrics(reports: EvalReport[]): string[] {
  const cols = TASK_IDS.flatMap((t) => (TASK_METRICS[t] ?? []).map((m) => [t, m] as const));
  const head = ['model', ...cols.map(([t, m]) => `${t} ${m}`)];
  return [
    row(head),
    row(head.map((_, i) => (i === 0 ? '---' : '---:'))),
    ...reports.map((r) => row([r.model, ...cols.map(([t, m]) => pct(r.summary.byTask[t]?.metrics[m]))])),
  ];
}

function byDomainTask(reports: EvalReport[]): string[] {
  const head = ['model', 'domain', ...TASK_IDS];
  const rows = reports.flatMap((r) =>
    Object.entries(r.summary.byDomainTask ?? {}).map(([d, g]) =>
      row([r.model, d, ...TASK_IDS.map((t) => pct(g[t]?.accuracy))]),
    ),
  );
  return [row(head), row(head.map((_, i) => (i < 2 ? '---' : '---:'))), ...rows];
}

function bySource(reports: EvalReport[]): string[] {
  const src = sources(reports);
  const head = ['model', ...src.map((s) => `${s} %`)];
  return [
    row(head),
    row(head.map((_, i) => (i === 0 ? '---' : '---:'))),
    ...reports.map((r) => row([r.model, ...src.map((s) => pct(r.summary.bySource[s]?.accuracy))])),
  ];
}

const baseSource = (r: EvalReport) => r.source.replace(/\+[^+]*$/, '');

/**
 * Looks up a model's report on a source, clean (`cond` undefined) or under one degradation. The clean run on the same
 * items as the degraded ones (same --limit) is preferred, else the latest.
 */
function reportFinder(reports: EvalReport[], degraded: EvalReport[]) {
  const sameItems = (src: string, model: string) =>
    degraded.find((r) => r.model === model && baseSource(r) === src)?.options.limit;
  return (src: string, model: string, cond?: string): EvalReport | undefined => {
    const limit = sameItems(src, model);
    return reports
      .filter(
        (r) =>
          r.model === model &&
          (cond ? r.options.degrade === cond && baseSource(r) === src : r.source === src),
      )
      .sort(
        (a, b) =>
          Number(b.options.limit === limit) - Number(a.options.limit === limit) ||
          b.createdAt.localeCompare(a.createdAt),
      )[0];
  };
}

/** Clean vs degraded audio for every model with degraded-audio reports (eval --degrade), overall and per task. */
function robustness(reports: EvalReport[]): string[] {
  const degraded = reports.filter((r) => r.options.degrade);
  if (!degraded.length) return [];
  const conds = Object.keys(DEGRADATIONS).filter((d) => degraded.some((r) => r.options.degrade === d));
  const keys = [...new Set(degraded.map((r) => `${baseSource(r)}\u0000${r.model}`))]
    .sort()
    .map((k) => k.split('\u0000'));
  const find = reportFinder(reports, degraded);
  const head = ['source', 'model', 'clean % (n)', ...conds.map((c) => `${c} % (n)`)];
  const cell = (r?: EvalReport) => (r ? `${pct(r.summary.accuracy)} (${r.summary.n})` : '–');
  const taskHead = ['model', 'audio', ...TASK_IDS];
  const taskRows = keys.flatMap(([src, model]) =>
    [undefined, ...conds].map((c) =>
      row([
        model,
        c ?? 'clean',
        ...TASK_IDS.map((t) => pct(find(src, model, c)?.summary.byTask[t]?.accuracy)),
      ]),
    ),
  );
  return [
    '## Robustness: clean vs degraded audio',
    '',
    'The same items with the audio degraded before features (`npm run eval -- ... --degrade <name>`, deterministic per item;',
    'training/dpo/degrade.ts): white noise at 20/10/5 dB SNR, band-limited to 1 kHz, 30% of the recording cropped away.',
    'Clinical accuracy (%), with the number of items (the clean column uses the run with the same item limit as the',
    'degraded ones where there is one, so both are measured on the same items):',
    '',
    row(head),
    row(head.map((_, i) => (i < 2 ? '---' : '---:'))),
    ...keys.map(([src, model]) =>
      row([src, model, cell(find(src, model)), ...conds.map((c) => cell(find(src, model, c)))]),
    ),
    '',
    'Per task (%):',
    '',
    row(taskHead),
    row(taskHead.map((_, i) => (i < 2 ? '---' : '---:'))),
    ...taskRows,
    '',
  ];
}

/** The per-source sections and the robustness tables of a set of reports. */
export function resultsSections(reports: EvalReport[]): string[] {
  const sorted = reports
    .filter((r) => !r.options.degrade)
    .sort((a, b) => a.source.localeCompare(b.source) || a.model.localeCompare(b.model));
  const bySrc = new Map<string, EvalReport[]>();
  for (const r of sorted) bySrc.set(r.source, [...(bySrc.get(r.source) ?? []), r]);
  const sections = [...bySrc].flatMap(([src, rs]) => [
    `## ${src}`,
    '',
    'Clinical accuracy (mean per-item correctness, %) overall, per task, per domain, and the share of out-of-scope requests declined:',
    '',
    ...overview(rs),
    '',
    'Task metrics (%): classification balanced accuracy / sensitivity / specificity; detection micro/macro-F1; reporting and reasoning finding-F1 and ROUGE-L; differential top-1/top-3; location loudest-site accuracy:',
    '',
    ...taskMetrics(rs),
    '',
    'Clinical accuracy per domain and task (%):',
    '',
    ...byDomainTask(rs),
    '',
    'Clinical accuracy per source (%):',
    '',
    ...bySource(rs),
    '',
    `Runs: ${rs.map((r) => `${r.model} ${r.createdAt} (${r.durationS.toFixed(0)} s${r.options.limit ? `, limit ${r.options.limit}` : ''})`).join('; ')}.`,
    '',
  ]);
  return [...sections, ...robustness(reports)];
}

/** An earlier model generation whose reports are kept for the record (eval/archive/<name>/). */
export interface ArchivedResults {
  name: string;
  /** The archive's README.md: what that model was and why it was replaced. */
  note: string;
  sections: string[];
}

/** docs/results.md: the current reports, then `current` (the findings-head sections), then earlier generations. */
export function resultsMarkdown(reports: EvalReport[], archives: ArchivedResults[] = [], current: string[] = []): string {
  return [
    '# Results',
    '',
    'Generated by `npm run eval -- --results` from the reports in `eval/reports/*.json`. Do not edit: rerun instead.',
    'Scoring: `src/core/tasks/score.ts` (free-text answers parsed into claims and checked against the labels); items: docs/bench.md.',
    '',
    'An item is correct when: classification: the verdict (normal / abnormal / uncertain for poor-quality or undetermined',
    'labels) matches; detection, reporting, reasoning: the verdict matches and exactly the labeled abnormal findings are',
    'asserted (denied or hedged findings do not count as asserted); differential: the first named diagnosis is the',
    'reference top candidate (labeled diagnosis, else the knowledge-base ranking), or "no differential" for normal;',
    'comparison: the answer names the right abnormal recording (first, second, both, neither); location: the site is named',
    'and the findings match, or for two-site items the loudest site is right; out-of-scope: the answer declines.',
    'Empty answers and declines of in-scope questions are wrong.',
    '',
    ...resultsSections(reports),
    ...current,
    ...archives.flatMap((a) => [
      `# Earlier model: ${a.name}`,
      '',
      `Reports kept in \`eval/archive/${a.name}/\`. Model names there refer to that generation, not to the shipped model.`,
      '',
      a.note.trim(),
      '',
      ...a.sections,
    ]),
  ].join('\n');
}
