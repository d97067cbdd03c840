// `npm run eval -- --model <x> (--bench <dir> | --dataset <adapter>:<path> | --manifest <file.jsonl>) [--out r.json]`
// scores a model or baseline on task items and writes a JSON report plus markdown; `--results` regenerates
// docs/results.md from eval/reports/*.json.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { summarize, type ScoredItem } from '../../src/core/tasks/metrics';
import { isTaskId, type BenchItem, type TaskId } from '../../src/core/tasks/types';
import type { Split } from '../../src/core/clinical/schema';
import { readJsonl, writeJsonl } from '../auscultbench/jsonl';
import { parseCli, runCli, UsageError, type CliValues } from '../cli/args';
import { createMajorityResponder, createTextOnlyResponder } from './baselines';
import { createClassifierResponder, probabilitiesFromLines } from './classifier-responder';
import { benchItems, datasetItems, filterItems, manifestItems, type ItemSet } from './items';
import { reportMarkdown, type EvalReport } from './report';
import type { Responder } from './responder';
import { resultsMarkdown, resultsSections } from './results';
import { runItems } from './run';
import {
  engineProbabilities,
  evaluateFindings,
  findingsMarkdown,
  type FindingsReport,
} from './findings-eval';
import { updateManifest } from '../export/export';
import { degradeItems } from '../dpo/degrade';

const OPTIONS = {
  model: { type: 'string' },
  bench: { type: 'string' },
  split: { type: 'string' },
  corpus: { type: 'string' },
  limit: { type: 'string' },
  tasks: { type: 'string' },
  dataset: { type: 'string' },
  manifest: { type: 'string' },
  out: { type: 'string' },
  reports: { type: 'string' },
  docs: { type: 'string' },
  train: { type: 'string' },
  probs: { type: 'string' },
  heads: { type: 'string' },
  answers: { type: 'string' },
  backend: { type: 'string' },
  dtype: { type: 'string' },
  findings: { type: 'string' },
  degrade: { type: 'string' },
  generalization: { type: 'string' },
  recipe: { type: 'string' },
  label: { type: 'string' },
  override: { type: 'string' },
  runs: { type: 'string' },
  items: { type: 'string' },
  recordings: { type: 'string' },
  final: { type: 'string' },
  note: { type: 'string' },
  'fit-uncertainty': { type: 'string' },
  'fit-verdict': { type: 'string' },
  exclude: { type: 'string' },
  'max-undecided': { type: 'string' },
  'no-signals': { type: 'boolean' },
  results: { type: 'boolean' },
  proxy: { type: 'boolean' },
  'generalization-doc': { type: 'boolean' },
} as const;
type Flags = CliValues<typeof OPTIONS>;

const USAGE =
  'usage: npm run eval -- --model <baseline:majority|baseline:text-only|baseline:classifier|checkpoint dir|model dir> ' +
  '(--bench <dir> [--split test] | --dataset <adapter>:<path> | --manifest <file.jsonl>) [--limit N] [--tasks a,b] [--out report.json]\n' +
  '       [--degrade noise20|noise10|noise5|lowpass1k|crop30]  (audio degraded before features, deterministic per item)\n' +
  '       [--corpus <dir>]   the audio of the --bench items (default: the corpus bench.json names)\n' +
  '       [--backend cpu|wasm|webgpu] [--dtype q4|q8|fp32]   how an exported model runs   [--answers a.jsonl]   every answer, scored\n' +
  '       [--train <train.jsonl>]   baseline:majority and baseline:text-only learn from it (default <bench>/train.jsonl)\n' +
  '       [--probs <file.jsonl> | --heads <exported model dir>]   baseline:classifier\'s findings probabilities\n' +
  '       npm run eval -- --model <model dir> --findings <corpus dir> [--split test] [--limit N] [--out f.json]\n' +
  '       npm run eval -- --results [--reports eval/reports] [--docs docs/results.md]\n' +
  '       npm run eval -- --generalization <source[,source]> --corpus <dir> --bench <dir> --runs <dir outside the repo>\n' +
  '                       (--recipe <config> [--override key=value,...] [--proxy] | --model <exported model dir>) [--label name]\n' +
  '                       [--items 300] [--recordings 300] [--note text]   leave-one-source-out: train without the sources, measure on them\n' +
  '       npm run eval -- --generalization-doc [--final <label>]   eval/generalization/summary.json + docs/generalization.md\n' +
  '       npm run eval -- --fit-uncertainty <label> [--model <dir>]   abstention rule from a full run -> the manifest\n' +
  '       npm run eval -- --fit-verdict <label> --model <dir> --corpus <dir> [--exclude a,b] [--recordings 200] [--max-undecided 0.1] [--no-signals]\n' +
  '                       normal/abnormal rule from the findings heads on val recordings of the trained sources -> the manifest';

/** The flags of `npm run eval` (training/cli/args.ts): strict, `--key value` or `--key=value`, switches alone. */
export function parseArgs(argv: string[]): Flags {
  return parseCli(argv, { usage: USAGE, options: OPTIONS }).values;
}

async function trainItems(f: Flags, set: ItemSet): Promise<BenchItem[]> {
  const file = f.train ?? set.trainFile ?? (f.bench ? path.join(f.bench, 'train.jsonl') : undefined);
  if (!file)
    throw new Error('text baselines need training items: pass --bench <dir> or --train <train.jsonl>');
  return readJsonl<BenchItem>(file);
}

async function classifierResponder(f: Flags): Promise<Responder> {
  if (f.probs)
    return createClassifierResponder(
      'baseline:classifier',
      probabilitiesFromLines(await readJsonl(f.probs)),
      false,
    );
  if (!f.heads)
    throw new Error(
      'baseline:classifier needs --probs <file.jsonl> or --heads <exported model dir> (its findings heads)',
    );
  const { createEngineResponder, itemRecordings } = await import('../export/responder');
  const r = await createEngineResponder(f.heads, { backend: 'cpu' });
  const source = (item: BenchItem, audio: Float32Array[]) =>
    Promise.all(itemRecordings(item, audio).map(async (rec) => (await r.engine.assess(rec)).findings));
  return {
    ...createClassifierResponder(`baseline:classifier(${r.name})`, source, true),
    dispose: () => r.dispose(),
  };
}

async function resolveResponder(f: Flags, set: ItemSet): Promise<Responder> {
  const model = f.model ?? '';
  if (model === 'baseline:majority') return createMajorityResponder(await trainItems(f, set));
  if (model === 'baseline:text-only') return createTextOnlyResponder(await trainItems(f, set));
  if (model === 'baseline:classifier') return classifierResponder(f);
  if (existsSync(path.join(model, 'checkpoint.json'))) {
    const modPath = '../model/responder';
    const mod = (await import(modPath)) as {
      createCheckpointResponder?: (dir: string) => Promise<Responder>;
    };
    if (!mod.createCheckpointResponder)
      throw new Error('training/model/responder.ts does not export createCheckpointResponder yet');
    return mod.createCheckpointResponder(model);
  }
  if (existsSync(path.join(model, 'manifest.json'))) {
    const { createEngineResponder } = await import('../export/responder');
    const backend = (f.backend ?? 'cpu') as 'cpu' | 'wasm' | 'webgpu';
    return createEngineResponder(model, { backend, ...(f.dtype ? { dtype: f.dtype as 'fp32' } : {}) });
  }
  throw new UsageError(`--model '${model}' is neither a baseline nor a folder with checkpoint.json or manifest.json`, USAGE);
}

async function itemSet(f: Flags): Promise<ItemSet> {
  if (f.dataset) {
    const at = f.dataset.indexOf(':');
    if (at < 0) throw new Error('--dataset expects <adapter>:<path>, e.g. circor:/data/circor');
    return datasetItems(f.dataset.slice(0, at), f.dataset.slice(at + 1));
  }
  if (f.manifest) return manifestItems(f.manifest);
  if (f.bench) return benchItems(f.bench, (f.split ?? 'test') as Split, f.corpus);
  throw new UsageError(`no items: pass --bench, --dataset or --manifest`, USAGE);
}

const slug = (s: string) => s.replace(/[^a-zA-Z0-9.-]+/g, '_').replace(/^_+|_+$/g, '');

async function evaluate(f: Flags): Promise<void> {
  if (!f.model) throw new UsageError('--model is required', USAGE);
  const set = await itemSet(f);
  const tasks = f.tasks?.split(',').map((t) => t.trim());
  const bad = tasks?.find((t) => !isTaskId(t));
  if (bad) throw new Error(`unknown task '${bad}'`);
  const items = filterItems(set.items, tasks as TaskId[] | undefined, f.limit ? Number(f.limit) : undefined);
  const audioTransform = f.degrade ? degradeItems(f.degrade) : undefined;
  const responder = await resolveResponder(f, set);
  const t0 = Date.now();
  let last = 0;
  const scored = await runItems(responder, items, {
    audioRoot: set.audioRoot,
    audioTransform,
    onProgress: (done, total) => {
      if (Date.now() - last > 5000 || done === total) {
        last = Date.now();
        console.log(`${responder.name}: ${done}/${total}`);
      }
    },
  }).finally(() => responder.dispose?.());
  const report: EvalReport = {
    format: 1,
    model: responder.name,
    source: set.description + (f.degrade ? `+${f.degrade}` : ''),
    createdAt: new Date().toISOString(),
    durationS: (Date.now() - t0) / 1000,
    options: {
      ...(f.limit ? { limit: Number(f.limit) } : {}),
      ...(tasks ? { tasks } : {}),
      ...(f.degrade ? { degrade: f.degrade } : {}),
    },
    summary: summarize(scored),
  };
  await saveReport(f, report, scored);
  await recordInManifest(f.model, report);
}

/** An exported model keeps its evaluation summary in its manifest (the app and docs read model facts only there). */
async function recordInManifest(model: string, report: EvalReport): Promise<void> {
  if (!existsSync(path.join(model, 'manifest.json'))) return;
  const o = report.options;
  const sample = [o.limit ? `${o.limit}-item sample` : '', o.tasks ? o.tasks.join(', ') : ''].filter(Boolean).join(', ');
  const key = `${report.model} on ${report.source}${sample ? ` (${sample})` : ''}`;
  const s = report.summary;
  const pick = (g: Record<string, { n: number; accuracy: number }>) =>
    Object.fromEntries(Object.entries(g).map(([k, v]) => [k, { n: v.n, accuracy: v.accuracy }]));
  const entry = {
    createdAt: report.createdAt,
    items: s.n,
    clinicalAccuracy: s.accuracy,
    byTask: Object.fromEntries(
      Object.entries(s.byTask).map(([k, v]) => [k, { n: v!.n, accuracy: v!.accuracy }]),
    ),
    byDomain: pick(s.byDomain),
    bySource: pick(s.bySource),
  };
  await updateManifest(model, (m) => ({ ...m, evaluation: { ...(m.evaluation ?? {}), [key]: entry } }));
  console.log(`evaluation summary -> ${path.join(model, 'manifest.json')}`);
}

async function saveReport(
  f: Flags,
  report: EvalReport,
  scored: ScoredItem[],
): Promise<void> {
  const out = f.out ?? path.join('eval', 'reports', `${slug(report.model)}__${slug(report.source)}.json`);
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, JSON.stringify(report, null, 2) + '\n');
  await writeFile(out.replace(/\.json$/, '') + '.md', reportMarkdown(report) + '\n');
  if (f.answers) {
    const rows = scored.map((s) => ({
      id: s.item.id,
      task: s.item.task,
      correct: s.score.correct,
      answer: s.answer,
      reference: s.item.response,
    }));
    await writeJsonl(f.answers, rows);
  }
  console.log(reportMarkdown(report));
  console.log(`\nreport -> ${out}`);
}

async function readJsonDir<T>(dir: string): Promise<T[]> {
  const files = existsSync(dir) ? (await readdir(dir)).filter((n) => n.endsWith('.json')).sort() : [];
  return Promise.all(files.map(async (n) => JSON.parse(await readFile(path.join(dir, n), 'utf8')) as T));
}

/** Task reports and findings reports of one folder pair (<root>/reports, <root>/findings) as markdown sections. */
async function readResults(reportsDir: string) {
  const reports = (await readJsonDir<EvalReport>(reportsDir)).filter((r) => r.format === 1);
  const heads = await readJsonDir<FindingsReport>(path.join(path.dirname(reportsDir), 'findings'));
  return { reports, heads };
}

async function results(f: Flags): Promise<void> {
  const dir = f.reports ?? path.join('eval', 'reports');
  const { reports, heads } = await readResults(dir);
  // Earlier model generations, kept for the record: eval/archive/<name>/{README.md,reports/,findings/}.
  const archiveDir = path.join(path.dirname(dir), 'archive');
  const names = existsSync(archiveDir) ? (await readdir(archiveDir)).sort() : [];
  const archives = await Promise.all(
    names.map(async (name) => {
      const a = await readResults(path.join(archiveDir, name, 'reports'));
      const readme = path.join(archiveDir, name, 'README.md');
      const note = existsSync(readme) ? await readFile(readme, 'utf8') : '';
      return {
        name,
        note,
        sections: [...resultsSections(a.reports), ...findingsMarkdown(a.heads)],
        count: a.reports.length,
      };
    }),
  );
  const docs = f.docs ?? path.join('docs', 'results.md');
  const text = resultsMarkdown(reports, archives, findingsMarkdown(heads));
  await writeFile(docs, text + '\n');
  const archived = archives.reduce((n, a) => n + a.count, 0);
  console.log(`${reports.length} reports${archived ? ` (+ ${archived} archived)` : ''} -> ${docs}`);
}

/** Findings-head metrics of an exported model on a corpus split, saved under eval/findings/. */
async function findings(f: Flags, corpusDir: string): Promise<void> {
  if (!f.model || !existsSync(path.join(f.model, 'manifest.json')))
    throw new UsageError(`--findings needs --model <exported model dir>`, USAGE);
  const { createEngineResponder } = await import('../export/responder');
  const r = await createEngineResponder(f.model, { backend: (f.backend ?? 'cpu') as 'cpu' });
  let last = 0;
  const report = await evaluateFindings({
    model: r.name,
    corpusDir,
    split: (f.split ?? 'test') as Split,
    probabilities: engineProbabilities(r.engine),
    limit: f.limit ? Number(f.limit) : undefined,
    onProgress: (done, total) => {
      if (Date.now() - last > 5000 || done === total) {
        last = Date.now();
        console.log(`findings ${r.name}: ${done}/${total}`);
      }
    },
  }).finally(() => r.dispose());
  const out =
    f.out ??
    path.join('eval', 'findings', `${slug(report.model)}__${slug(report.corpus)}_${report.split}.json`);
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, JSON.stringify(report, null, 2) + '\n');
  console.log(findingsMarkdown([report]).join('\n'));
  console.log(`\nreport -> ${out}`);
  await updateManifest(f.model, (m) => ({
    ...m,
    evaluation: {
      ...(m.evaluation ?? {}),
      [`findings on ${report.corpus}/${report.split}`]: { createdAt: report.createdAt, ...report.targets },
    },
  }));
}

async function generalization(f: Flags, sources: string): Promise<void> {
  const { runGeneralization, parseOverrides } = await import('./generalization');
  if (!f.corpus || !f.bench || !f.runs)
    throw new UsageError(`--generalization needs --corpus, --bench and --runs`, USAGE);
  if (!f.recipe && !f.model)
    throw new UsageError(`--generalization needs --recipe <config> or --model <exported model dir>`, USAGE);
  const overrides = parseOverrides(f.override);
  const results = await runGeneralization({
    sources,
    recipe: f.recipe ?? '',
    label:
      f.label ??
      (f.recipe ? f.recipe + (f.override ? `+${f.override}` : '') : path.basename(path.resolve(f.model ?? ''))),
    overrides,
    corpus: f.corpus,
    bench: f.bench,
    runsRoot: f.runs,
    proxy: f.proxy ?? false,
    items: Number(f.items ?? 300),
    recordings: Number(f.recordings ?? 300),
    ...(f.model ? { model: f.model } : {}),
    ...(f.note ? { note: f.note } : {}),
  });
  console.log(JSON.stringify(results, null, 2));
}

/** --fit-verdict: the rule into the model's manifest, the fit into eval/generalization/verdict/<label>.json. */
async function fitVerdictCli(f: Flags): Promise<void> {
  if (!f.model || !f.corpus) throw new UsageError(`--fit-verdict needs --model and --corpus`, USAGE);
  const { fitVerdictForModel } = await import('./verdict-fit');
  const exclude = (f.exclude ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const maxUndecided = f['max-undecided'] === undefined ? undefined : Number(f['max-undecided']);
  const fit = await fitVerdictForModel({ modelDir: f.model, corpus: f.corpus, exclude, per: Number(f.recordings ?? 200), write: true, maxUndecided, signals: !f['no-signals'] });
  const out = path.join('eval', 'generalization', 'verdict', `${f['fit-verdict']}.json`);
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, JSON.stringify({ label: f['fit-verdict'], exclude, ...fit }, null, 2) + '\n');
  console.log(JSON.stringify(fit.fits, null, 2), `\nverdict rule -> ${path.join(f.model, 'manifest.json')}, fit -> ${out}`);
}

async function main(): Promise<void> {
  const f = parseArgs(process.argv.slice(2));
  if (f['generalization-doc']) {
    const { writeGeneralizationDoc } = await import('./generalization-doc');
    return writeGeneralizationDoc(f.final);
  }
  if (f['fit-uncertainty']) {
    const { fitUncertaintyFor } = await import('./generalization-doc');
    return fitUncertaintyFor(f['fit-uncertainty'], f.model);
  }
  if (f['fit-verdict']) return fitVerdictCli(f);
  if (f.generalization) return generalization(f, f.generalization);
  await (f.results ? results(f) : f.findings ? findings(f, f.findings) : evaluate(f));
}

runCli(main);
