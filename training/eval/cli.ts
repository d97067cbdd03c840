// `npm run eval -- --model <x> (--bench <dir> | --dataset <adapter>:<path> | --manifest <file.jsonl>) [--out r.json]`
// scores a model or baseline on task items and writes a JSON report plus markdown; `--results` regenerates
// docs/results.md from eval/reports/*.json.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { summarize, type ScoredItem } from '../../src/core/tasks/metrics';
import { isTaskId, type BenchItem, type TaskId } from '../../src/core/tasks/types';
import type { Split } from '../../src/core/clinical/schema';
import { readJsonl, writeJsonl } from '../bench/jsonl';
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

const FLAGS = [
  'model',
  'bench',
  'split',
  'corpus',
  'limit',
  'tasks',
  'dataset',
  'manifest',
  'out',
  'results',
  'reports',
  'docs',
  'train',
  'probs',
  'heads',
  'answers',
  'backend',
  'dtype',
  'findings',
  'degrade',
  'generalization',
  'recipe',
  'label',
  'override',
  'runs',
  'proxy',
  'items',
  'recordings',
  'generalization-doc',
  'final',
  'note',
  'fit-uncertainty',
  'fit-verdict',
  'exclude',
  'max-undecided',
];
const USAGE =
  'usage: npm run eval -- --model <baseline:majority|baseline:text-only|baseline:classifier|checkpoint dir|model dir> ' +
  '(--bench <dir> [--split test] | --dataset <adapter>:<path> | --manifest <file.jsonl>) [--limit N] [--tasks a,b] [--out report.json]\n' +
  '       [--degrade noise20|noise10|noise5|lowpass1k|crop30]  (audio degraded before features, deterministic per item)\n' +
  '       npm run eval -- --model <model dir> --findings <corpus dir> [--split test] [--limit N] [--out f.json]\n' +
  '       npm run eval -- --results [--reports eval/reports] [--docs docs/results.md]\n' +
  '       npm run eval -- --generalization <source[,source]> --corpus <dir> --bench <dir> --runs <dir outside the repo>\n' +
  '                       (--recipe <config> [--override key=value,...] [--proxy] | --model <exported model dir>) [--label name]\n' +
  '                       [--items 300] [--recordings 300] [--note text]   leave-one-source-out: train without the sources, measure on them\n' +
  '       npm run eval -- --generalization-doc [--final <label>]   eval/generalization/summary.json + docs/generalization.md\n' +
  '       npm run eval -- --fit-uncertainty <label> [--model <dir>]   abstention rule from a full run -> the manifest\n' +
  '       npm run eval -- --fit-verdict <label> --model <dir> --corpus <dir> [--exclude a,b] [--recordings 200] [--max-undecided 0.1]\n' +
  '                       normal/abnormal rule from the findings heads on val recordings of the trained sources -> the manifest';

export function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m || !FLAGS.includes(m[1])) throw new Error(`unknown argument '${argv[i]}'\n${USAGE}`);
    const next = argv[i + 1];
    out[m[1]] = m[2] ?? (next !== undefined && !next.startsWith('--') ? argv[++i] : 'true');
  }
  return out;
}

async function trainItems(f: Record<string, string>, set: ItemSet): Promise<BenchItem[]> {
  const file = f.train ?? set.trainFile ?? (f.bench ? path.join(f.bench, 'train.jsonl') : undefined);
  if (!file)
    throw new Error('text baselines need training items: pass --bench <dir> or --train <train.jsonl>');
  return readJsonl<BenchItem>(file);
}

async function classifierResponder(f: Record<string, string>): Promise<Responder> {
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

async function resolveResponder(f: Record<string, string>, set: ItemSet): Promise<Responder> {
  const model = f.model;
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
  throw new Error(
    `--model '${model}' is neither a baseline nor a folder with checkpoint.json or manifest.json\n${USAGE}`,
  );
}

async function itemSet(f: Record<string, string>): Promise<ItemSet> {
  if (f.dataset) {
    const at = f.dataset.indexOf(':');
    if (at < 0) throw new Error('--dataset expects <adapter>:<path>, e.g. circor:/data/circor');
    return datasetItems(f.dataset.slice(0, at), f.dataset.slice(at + 1));
  }
  if (f.manifest) return manifestItems(f.manifest);
  if (f.bench) return benchItems(f.bench, (f.split ?? 'test') as Split, f.corpus);
  throw new Error(`no items: pass --bench, --dataset or --manifest\n${USAGE}`);
}

const slug = (s: string) => s.replace(/[^a-zA-Z0-9.-]+/g, '_').replace(/^_+|_+$/g, '');

async function evaluate(f: Record<string, string>): Promise<void> {
  if (!f.model) throw new Error(USAGE);
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
  const key = `${report.model} on ${report.source}${report.options.limit ? ` (${report.options.limit}-item sample)` : ''}`;
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
  f: Record<string, string>,
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

async function results(f: Record<string, string>): Promise<void> {
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
async function findings(f: Record<string, string>): Promise<void> {
  if (!f.model || !existsSync(path.join(f.model, 'manifest.json')))
    throw new Error(`--findings needs --model <exported model dir>\n${USAGE}`);
  const { createEngineResponder } = await import('../export/responder');
  const r = await createEngineResponder(f.model, { backend: (f.backend ?? 'cpu') as 'cpu' });
  let last = 0;
  const report = await evaluateFindings({
    model: r.name,
    corpusDir: f.findings,
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

async function generalization(f: Record<string, string>): Promise<void> {
  const { runGeneralization, parseOverrides } = await import('./generalization');
  if (!f.corpus || !f.bench || !f.runs)
    throw new Error(`--generalization needs --corpus, --bench and --runs\n${USAGE}`);
  if (!f.recipe && !f.model)
    throw new Error(`--generalization needs --recipe <config> or --model <exported model dir>\n${USAGE}`);
  const overrides = parseOverrides(f.override);
  const results = await runGeneralization({
    sources: f.generalization,
    recipe: f.recipe ?? '',
    label:
      f.label ??
      (f.recipe ? f.recipe + (f.override ? `+${f.override}` : '') : path.basename(path.resolve(f.model))),
    overrides,
    corpus: f.corpus,
    bench: f.bench,
    runsRoot: f.runs,
    proxy: f.proxy === 'true',
    items: Number(f.items ?? 300),
    recordings: Number(f.recordings ?? 300),
    ...(f.model ? { model: f.model } : {}),
    ...(f.note ? { note: f.note } : {}),
  });
  console.log(JSON.stringify(results, null, 2));
}

/** --fit-verdict: the rule into the model's manifest, the fit into eval/generalization/verdict/<label>.json. */
async function fitVerdictCli(f: Record<string, string>): Promise<void> {
  if (!f.model || !f.corpus) throw new Error(`--fit-verdict needs --model and --corpus\n${USAGE}`);
  const { fitVerdictForModel } = await import('./verdict-fit');
  const exclude = (f.exclude ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const maxUndecided = f['max-undecided'] === undefined ? undefined : Number(f['max-undecided']);
  const fit = await fitVerdictForModel({ modelDir: f.model, corpus: f.corpus, exclude, per: Number(f.recordings ?? 200), write: true, maxUndecided });
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
  if (f.generalization) return generalization(f);
  await (f.results ? results(f) : f.findings ? findings(f) : evaluate(f));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
