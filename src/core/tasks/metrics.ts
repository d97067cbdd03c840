// Aggregate metrics over scored bench items: per task (accuracy, balanced accuracy, sensitivity, specificity,
// detection micro/macro-F1, finding-F1, ROUGE-L, differential top-1/top-3), and clinical accuracy per domain/source.
import type { Finding } from '../clinical/schema';
import type { ItemScore } from './score';
import type { BenchItem, TaskId } from './types';

export interface ScoredItem {
  item: BenchItem;
  answer: string;
  score: ItemScore;
}

export interface Group {
  n: number;
  /** Mean per-item correctness. */
  accuracy: number;
}
export interface TaskSummary extends Group {
  metrics: Record<string, number>;
}
export interface Summary {
  n: number;
  /** Overall clinical accuracy: mean per-item correctness over every item, out-of-scope included. */
  accuracy: number;
  byTask: Partial<Record<TaskId, TaskSummary>>;
  byDomain: Record<string, Group>;
  bySource: Record<string, Group>;
  /** Clinical accuracy per domain and task (in-scope items). */
  byDomainTask: Record<string, Record<string, Group>>;
  outOfScope: Group;
}

const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
const f1 = (tp: number, fp: number, fn: number) => (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));

function group(xs: ScoredItem[]): Group {
  return { n: xs.length, accuracy: mean(xs.map((x) => (x.score.correct ? 1 : 0))) };
}

function groupBy(xs: ScoredItem[], key: (x: ScoredItem) => string): Record<string, Group> {
  const m = new Map<string, ScoredItem[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return Object.fromEntries([...m].sort((a, b) => a[0].localeCompare(b[0])).map(([k, v]) => [k, group(v)]));
}

/** Recall of the truth class `c`: items of that class whose parsed verdict matches. */
function recall(xs: ScoredItem[], c: string): number | undefined {
  const of = xs.filter((x) => x.score.truthVerdict === c);
  return of.length === 0 ? undefined : mean(of.map((x) => (x.score.verdict === c ? 1 : 0)));
}

function classificationMetrics(xs: ScoredItem[]): Record<string, number> {
  const recalls = ['normal', 'abnormal', 'uncertain']
    .map((c) => recall(xs, c))
    .filter((r) => r !== undefined);
  return {
    balancedAccuracy: mean(recalls),
    sensitivity: recall(xs, 'abnormal') ?? 0,
    specificity: recall(xs, 'normal') ?? 0,
  };
}

function findingMetrics(xs: ScoredItem[]): Record<string, number> {
  const per = new Map<Finding, { tp: number; fp: number; fn: number }>();
  const bump = (f: Finding, k: 'tp' | 'fp' | 'fn') => {
    const c = per.get(f) ?? { tp: 0, fp: 0, fn: 0 };
    c[k]++;
    per.set(f, c);
  };
  for (const { score } of xs) {
    score.tp.forEach((f) => bump(f, 'tp'));
    score.fp.forEach((f) => bump(f, 'fp'));
    score.fn.forEach((f) => bump(f, 'fn'));
  }
  const tot = [...per.values()].reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), {
    tp: 0,
    fp: 0,
    fn: 0,
  });
  return {
    microF1: f1(tot.tp, tot.fp, tot.fn),
    macroF1: mean([...per.values()].map((c) => f1(c.tp, c.fp, c.fn))),
  };
}

function taskMetrics(task: TaskId, xs: ScoredItem[]): Record<string, number> {
  const rouge = mean(xs.map((x) => x.score.rougeL));
  switch (task) {
    case 'classification':
      return classificationMetrics(xs);
    case 'detection':
      return findingMetrics(xs);
    case 'reporting':
    case 'reasoning':
      return { findingF1: findingMetrics(xs).microF1, rougeL: rouge };
    case 'differential': {
      const withTarget = xs.filter((x) => x.score.top1 !== undefined);
      return {
        top1: mean(withTarget.map((x) => (x.score.top1 ? 1 : 0))),
        top3: mean(withTarget.map((x) => (x.score.top3 ? 1 : 0))),
      };
    }
    case 'comparison':
      return {};
    case 'location': {
      const loud = xs.filter((x) => x.item.loudest);
      return loud.length > 0 ? { loudestSiteAccuracy: group(loud).accuracy } : {};
    }
  }
}

export function summarize(scored: ScoredItem[]): Summary {
  const inScope = scored.filter((x) => !x.item.outOfScope);
  const byTask: Partial<Record<TaskId, TaskSummary>> = {};
  for (const x of inScope) byTask[x.item.task] ??= { n: 0, accuracy: 0, metrics: {} };
  for (const task of Object.keys(byTask) as TaskId[]) {
    const xs = inScope.filter((x) => x.item.task === task);
    byTask[task] = { ...group(xs), metrics: taskMetrics(task, xs) };
  }
  return {
    ...group(scored),
    byTask,
    byDomain: groupBy(scored, (x) => x.item.domain),
    bySource: groupBy(scored, (x) => x.item.source),
    byDomainTask: Object.fromEntries(
      [...new Set(inScope.map((x) => x.item.domain))].sort().map((d) => [
        d,
        groupBy(
          inScope.filter((x) => x.item.domain === d),
          (x) => x.item.task,
        ),
      ]),
    ),
    outOfScope: group(scored.filter((x) => x.item.outOfScope)),
  };
}
