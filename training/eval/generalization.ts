// Leave-one-source-out generalization: train a recipe with one source removed from every stage, then measure it on
// that source (recording-level normal/abnormal, crackle/wheeze detection, clinical accuracy). The proxy stops after
// pretraining and scores the findings heads; the full protocol runs pretrain → SFT → QAT → export and answers the
// left-out source's bench items through the engine, as the app would.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { CorpusEntry } from '../../src/core/clinical/corpus';
import type { Split } from '../../src/core/clinical/schema';
import { featureWindows, logMel } from '../../src/core/features/logmel';
import { summarize, type ScoredItem } from '../../src/core/tasks/metrics';
import type { BenchItem } from '../../src/core/tasks/types';
import { initBackend } from '../backend/index';
import { readCheckpoint } from '../checkpoint/index';
import { degrade, degradationByName } from '../dpo/degrade';
import { encode, headLogits, pool } from '../model/encoder';
import { mulberry32 } from '../model/params';
import { disposeVars, toVars, type Vars } from '../model/vars';
import { loadFeatureCache, type FeatureCache } from '../train/cache';
import { applyOverrides, cacheDirOf, DEFAULTS, type TrainConfig } from '../train/config';
import { HEAD_LABELS, readCorpus } from '../train/data';
import { auc, balancedAccuracy, binaryRates } from '../train/metrics';
import { sourceOfId } from '../train/sampling';
import { runPretrain } from '../stages/pretrain';
import { runQat } from '../stages/qat';
import { runSft } from '../stages/sft';
import { portablePath } from '../export/report';
import type { SignalMeasures } from '../../src/core/manifest/verdict';
import { verdictOf } from '../../src/engine/verdict';
import { benchItems, filterItems } from './items';
import { loadAudio, runItems } from './run';

/** One recipe's numbers on one left-out source. */
export interface HeldOutResult {
  recipe: string;
  source: string;
  protocol: 'proxy' | 'full';
  recordings: number;
  /** Recording-level normal/abnormal: from the classification answers (full) or the abnormal head at 0.5 (proxy). */
  balancedAccuracy: number;
  sensitivity: number;
  specificity: number;
  /** The abnormal head's AUC over the left-out source's recordings. */
  auc: number;
  /** The abnormal head's balanced accuracy at 0.5 (both protocols). */
  headBalancedAccuracy: number;
  /** Lung sources: micro-F1 over {any crackle, any wheeze} (full: detection answers; proxy: heads at 0.5). */
  crackleWheezeMicroF1: number | null;
  /**
   * Full protocol, a model with a `verdict` rule: the rule's recording-level balanced accuracy (sensitivity,
   * specificity) over the scored recordings it decides (`recordings`; the rest are left undecided as possibly poor
   * quality), the same decision that opens the app's answers.
   */
  verdict?: { balancedAccuracy: number; sensitivity: number; specificity: number; recordings: number };
  /** Heart or lung from the audio (the domain head at 0.5). */
  domainAccuracy: number;
  /** Full protocol: clinical accuracy of the seven tasks on the left-out source's bench items. */
  clinicalAccuracy: number | null;
  items?: number;
  /** How accurately a linear probe on the encoder's pooled embedding tells the training sources apart (chance 1/k). */
  sourceProbe?: { accuracy: number; chance: number; sources: number };
  /** Full protocol: each scored recording's calibrated head probabilities (for the abstention calibration). */
  perRecording?: {
    id: string;
    normal: boolean | null;
    domain: string;
    probabilities: Record<string, number>;
    /** Signal measures (src/engine/signals.ts); absent from runs made before they existed. */
    signals?: Record<string, number>;
  }[];
  /** The abnormal head's balanced accuracy on the test split, clean and degraded (proxy protocol). */
  degraded?: Record<string, number>;
  steps: Record<string, number>;
  createdAt: string;
}

/** The config a recipe names (training/configs/<name>.json) with overrides, trained without `source`. */
export function recipeConfig(
  name: string,
  overrides: Record<string, string>,
  source: string,
  dirs: { corpus: string; bench: string; runs: string },
): TrainConfig {
  const file = path.resolve(import.meta.dirname, '../configs', `${name}.json`);
  let cfg = { ...DEFAULTS };
  if (existsSync(file))
    cfg = applyOverrides(cfg, JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>, file);
  else if (name !== 'defaults') throw new Error(`recipe '${name}': ${file} not found`);
  cfg = applyOverrides(cfg, overrides, 'recipe overrides');
  // Every run shares one feature cache (the features do not depend on the recipe).
  const cacheDir = cfg.cacheDir || path.join(path.dirname(path.dirname(dirs.runs)), 'cache');
  return applyOverrides(
    cfg,
    {
      excludeSources: source,
      corpusDir: dirs.corpus,
      benchDir: dirs.bench,
      outDir: dirs.runs,
      docsDir: '',
      cacheDir,
    },
    'generalization',
  );
}

/** "augBand=0,encNorm=window" → overrides. */
export function parseOverrides(spec: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (spec ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = part.indexOf('=');
    if (at < 1) throw new Error(`--override: bad entry '${part}' (expected key=value)`);
    out[part.slice(0, at)] = part.slice(at + 1);
  }
  return out;
}

/** Window batches of log-mel windows [n, nMels, windowFrames] → sigmoid head outputs and pooled embeddings. */
function forward(
  v: Vars,
  arch: Parameters<typeof encode>[1],
  windows: Float32Array[],
): { probs: number[][]; emb: number[][] } {
  const probs: number[][] = [];
  const emb: number[][] = [];
  for (let i = 0; i < windows.length; i += 32) {
    const chunk = windows.slice(i, i + 32);
    const flat = new Float32Array(chunk.length * chunk[0].length);
    chunk.forEach((w, j) => flat.set(w, j * w.length));
    const [p, e] = tf.tidy(() => {
      const frames = encode(
        v,
        arch,
        tf.tensor3d(flat, [chunk.length, arch.encoder.nMels, arch.encoder.windowFrames]),
      );
      return [tf.sigmoid(headLogits(v, frames)), pool(frames)];
    });
    probs.push(...(p.arraySync() as number[][]));
    emb.push(...(e.arraySync() as number[][]));
    p.dispose();
    e.dispose();
  }
  return { probs, emb };
}

/** The windows of a cached recording (at most 2: the cache holds its first cacheFrames frames), averaged as the engine averages. */
function cachedWindows(cache: FeatureCache, id: string): Float32Array[] {
  return featureWindows(cache.get(id)).slice(0, 2);
}

/** Recording-level probabilities per head: the mean over the recording's windows. */
function recordingProbs(
  v: Vars,
  arch: Parameters<typeof encode>[1],
  windowsOf: Float32Array[][],
): { probs: number[][]; emb: number[][] } {
  const flat = windowsOf.flat();
  const { probs, emb } = forward(v, arch, flat);
  const out: number[][] = [];
  const outEmb: number[][] = [];
  let k = 0;
  for (const ws of windowsOf) {
    const n = ws.length;
    out.push(HEAD_LABELS.map((_, j) => probs.slice(k, k + n).reduce((s, p) => s + p[j], 0) / n));
    outEmb.push(emb[k].map((_, d) => emb.slice(k, k + n).reduce((s, e) => s + e[d], 0) / n));
    k += n;
  }
  return { probs: out, emb: outEmb };
}

/** Micro-F1 over {any crackle, any wheeze}: predicted and true sets per recording. */
export function crackleWheezeF1(rows: { predicted: Set<string>; truth: Set<string> }[]): number {
  let tp = 0,
    fp = 0,
    fn = 0;
  for (const r of rows)
    for (const f of ['crackles', 'wheeze']) {
      const p = r.predicted.has(f);
      const t = r.truth.has(f);
      if (p && t) tp++;
      else if (p) fp++;
      else if (t) fn++;
    }
  return tp + fp + fn === 0 ? NaN : (2 * tp) / (2 * tp + fp + fn);
}

const family = (f: string): string | null =>
  f.endsWith('-crackles') ? 'crackles' : f === 'wheeze' ? 'wheeze' : null;
const families = (fs: readonly string[]) => new Set(fs.map(family).filter((x): x is string => x !== null));

/**
 * Softmax regression on standardised embeddings, trained on every other row of each class and tested on the rest:
 * the test accuracy says how linearly separable the classes (sources) are.
 */
export function linearProbe(
  x: number[][],
  y: number[],
  classes: number,
  epochs = 300,
  lr = 0.5,
  l2 = 1e-3,
): number {
  const seen = new Array<number>(classes).fill(0);
  const half = y.map((c) => seen[c]++ % 2); // alternate within each class: both halves hold every source
  const d = x[0].length;
  const mean = Array.from({ length: d }, (_, j) => x.reduce((s, r) => s + r[j], 0) / x.length);
  const sd = Array.from(
    { length: d },
    (_, j) => Math.sqrt(x.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / x.length) || 1,
  );
  const z = x.map((r) => r.map((v, j) => (v - mean[j]) / sd[j]));
  const train = z.map((_, i) => i).filter((i) => half[i] === 0);
  const test = z.map((_, i) => i).filter((i) => half[i] === 1);
  const W = Array.from({ length: classes }, () => new Float64Array(d + 1));
  const scores = (r: number[]) => W.map((w) => r.reduce((s, v, j) => s + v * w[j], w[d]));
  for (let e = 0; e < epochs; e++) {
    const grad = Array.from({ length: classes }, () => new Float64Array(d + 1));
    for (const i of train) {
      const s = scores(z[i]);
      const m = Math.max(...s);
      const ex = s.map((v) => Math.exp(v - m));
      const sum = ex.reduce((a, b) => a + b, 0);
      for (let c = 0; c < classes; c++) {
        const g = ex[c] / sum - (y[i] === c ? 1 : 0);
        for (let j = 0; j < d; j++) grad[c][j] += g * z[i][j];
        grad[c][d] += g;
      }
    }
    for (let c = 0; c < classes; c++)
      for (let j = 0; j <= d; j++) W[c][j] -= lr * (grad[c][j] / train.length + (j < d ? l2 * W[c][j] : 0));
  }
  let hit = 0;
  for (const i of test) {
    const s = scores(z[i]);
    if (s.indexOf(Math.max(...s)) === y[i]) hit++;
  }
  return hit / test.length;
}

/** Up to `per` recordings of each source from `entries`, interleaved by source, seeded. */
export function perSource(entries: CorpusEntry[], per: number, seed: number): CorpusEntry[] {
  const rand = mulberry32(seed);
  const bySource = new Map<string, CorpusEntry[]>();
  for (const e of entries) (bySource.get(e.source) ?? bySource.set(e.source, []).get(e.source)!).push(e);
  const lists = [...bySource.values()].map((l) =>
    l
      .map((e) => [rand(), e] as const)
      .sort((a, b) => a[0] - b[0])
      .slice(0, per)
      .map((p) => p[1]),
  );
  const out: CorpusEntry[] = [];
  for (let i = 0; i < per; i++) for (const l of lists) if (i < l.length) out.push(l[i]);
  return out;
}

/** A recording degraded as eval --degrade does, then its first two windows. */
async function degradedWindows(
  corpusDir: string,
  e: CorpusEntry,
  name: string | null,
): Promise<Float32Array[]> {
  const x = await loadAudio(corpusDir, e.audio);
  const y = name ? degrade(x, 4000, degradationByName(name), `${e.id}/0`) : x;
  return featureWindows(logMel(y)).slice(0, 2);
}

export const DEGRADED_NAMES = ['lowpass1k', 'noise20', 'noise10', 'device'] as const;

/** Heads of a pretrain (or later) checkpoint on the left-out source, plus the source probe and degraded test split. */
export async function proxyMetrics(
  ckptDir: string,
  corpusDir: string,
  cacheDir: string,
  sources: string[],
  opts: { probePerSource?: number; degradedPerSource?: number } = {},
) {
  const c = await readCheckpoint(ckptDir);
  const arch = c.meta.architecture;
  const vars = toVars(c.weights);
  const corpus = await readCorpus(corpusDir);
  const cache = await loadFeatureCache(cacheDir, corpusDir, corpus, Number(c.meta.config.cacheFrames ?? 768));
  try {
    const col = (l: string) => HEAD_LABELS.indexOf(l);
    const heldOut = sources.map((source) => {
      const held = corpus.filter((e) => e.source === source);
      const { probs } = recordingProbs(
        vars,
        arch,
        held.map((e) => cachedWindows(cache, e.id)),
      );
      const known = held.map((e, i) => [e, probs[i]] as const).filter(([e]) => e.normal !== null);
      const s = known.map(([, p]) => p[col('abnormal')]);
      const y = known.map(([e]) => (e.normal ? 0 : 1) as 0 | 1);
      const rates = binaryRates(s, y);
      const lung = known.filter(([e]) => e.domain === 'lung');
      const crackleWheezeMicroF1 = lung.length
        ? crackleWheezeF1(
            lung.map(([e, p]) => ({
              predicted: new Set([
                ...(p[col('crackles')] >= 0.5 ? ['crackles'] : []),
                ...(p[col('wheeze')] >= 0.5 ? ['wheeze'] : []),
              ]),
              truth: families(e.findings),
            })),
          )
        : null;
      const domainHits = held.filter((e, i) => probs[i][col('lung')] >= 0.5 === (e.domain === 'lung')).length;
      return {
        source,
        recordings: held.length,
        ...rates,
        auc: auc(s, y),
        headBalancedAccuracy: rates.balancedAccuracy,
        crackleWheezeMicroF1,
        domainAccuracy: domainHits / held.length,
      };
    });
    // Source probe: pooled embeddings of held-out-split recordings of every training source.
    const probeSet = perSource(
      corpus.filter((e) => e.split !== 'train' && !sources.includes(e.source)),
      opts.probePerSource ?? 120,
      5,
    );
    const { emb } = recordingProbs(
      vars,
      arch,
      probeSet.map((e) => cachedWindows(cache, e.id)),
    );
    const names = [...new Set(probeSet.map((e) => e.source))].sort();
    const sourceProbe = {
      accuracy: linearProbe(
        emb,
        probeSet.map((e) => names.indexOf(e.source)),
        names.length,
      ),
      chance: 1 / names.length,
      sources: names.length,
    };
    // Degraded test split (real sources): the abnormal head's balanced accuracy, clean and under each degradation.
    const test = perSource(
      corpus.filter(
        (e) => e.split === 'test' && e.normal !== null && e.source !== 'synth' && !sources.includes(e.source),
      ),
      opts.degradedPerSource ?? 80,
      9,
    );
    const degraded: Record<string, number> = {};
    for (const name of [null, ...DEGRADED_NAMES]) {
      const windows = await Promise.all(test.map((e) => degradedWindows(corpusDir, e, name)));
      const p = recordingProbs(vars, arch, windows).probs.map((r) => r[col('abnormal')]);
      degraded[name ?? 'clean'] = balancedAccuracy(
        p,
        test.map((e) => (e.normal ? 0 : 1) as 0 | 1),
      );
    }
    return { heldOut, sourceProbe, degraded, step: c.meta.step };
  } finally {
    disposeVars(vars);
  }
}

/** Bench items (all splits) whose recordings all come from `source`: the left-out source never trained on. */
export async function heldOutItems(
  benchDir: string,
  corpusDir: string,
  source: string,
  limit: number,
): Promise<{ items: BenchItem[]; audioRoot: string }> {
  const all: BenchItem[] = [];
  let audioRoot = corpusDir;
  for (const split of ['train', 'val', 'test'] as Split[]) {
    const set = await benchItems(benchDir, split, corpusDir);
    audioRoot = set.audioRoot;
    all.push(...set.items.filter((it) => it.recordings.every((id) => sourceOfId(id) === source)));
  }
  return { items: filterItems(all, undefined, limit), audioRoot };
}

/** Recording-level and task metrics of an exported model's answers on the left-out source's bench items. */
export function answerMetrics(scored: ScoredItem[]) {
  const s = summarize(scored);
  const cls = scored.filter((x) => x.item.task === 'classification' && x.score.truthVerdict !== 'uncertain');
  const y = cls.map((x) => (x.score.truthVerdict === 'abnormal' ? 1 : 0) as 0 | 1);
  // Recall per truth class; an 'uncertain' or unparsed answer is a miss on either class.
  const recall = (c: 0 | 1) => {
    const of = cls.filter((_, i) => y[i] === c);
    return of.length
      ? of.filter((x) => x.score.verdict === (c ? 'abnormal' : 'normal')).length / of.length
      : NaN;
  };
  const rates = {
    sensitivity: recall(1),
    specificity: recall(0),
    balancedAccuracy: (recall(1) + recall(0)) / 2,
  };
  const det = scored.filter((x) => x.item.task === 'detection' && x.item.labels?.[0]?.domain === 'lung');
  const f1 = det.length
    ? crackleWheezeF1(
        det.map((x) => ({
          predicted: families([...x.score.tp, ...x.score.fp]),
          truth: families([...x.score.tp, ...x.score.fn]),
        })),
      )
    : null;
  return {
    clinicalAccuracy: s.accuracy,
    items: s.n,
    classificationItems: cls.length,
    ...rates,
    crackleWheezeMicroF1: f1,
  };
}

/** A config whose folders are written as portable paths (result files name no folder of this machine). */
const portableConfig = (cfg: TrainConfig): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(cfg).map(([k, v]) => [
      k,
      typeof v === 'string' && v.startsWith('/') ? portablePath(v) : v,
    ]),
  );

/** Where a recipe's run for one left-out source lives, and its result files. */
export function runPaths(runsRoot: string, label: string, source: string) {
  const slug = `${label}__${source.replace(/,/g, '+')}`;
  return {
    runs: path.join(runsRoot, label, source.replace(/,/g, '+')),
    proxy: path.join('eval', 'generalization', 'proxy', `${slug}.json`),
    full: path.join('eval', 'generalization', 'full', `${slug}.json`),
  };
}

export interface GeneralizationArgs {
  /** Left-out sources, comma-separated: each is evaluated on its own, all are left out of the one training run. */
  sources: string;
  recipe: string;
  label: string;
  overrides: Record<string, string>;
  corpus: string;
  bench: string;
  runsRoot: string;
  proxy: boolean;
  /** Full protocol: bench items of each left-out source answered through the engine. */
  items: number;
  /** Full protocol: recordings of each left-out source scored by the findings heads through the engine. */
  recordings: number;
  /** Evaluate this exported model (trained on neither source) instead of training the recipe. */
  model?: string;
  /** How this run differs from its recipe, for the doc (e.g. which model was evaluated as is). */
  note?: string;
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(value, null, 2) + '\n');
}

/** Trains (resuming) and evaluates one recipe with `sources` left out; writes eval/generalization/{proxy,full}/. */
export async function runGeneralization(a: GeneralizationArgs): Promise<HeldOutResult[]> {
  const p = runPaths(a.runsRoot, a.label, a.sources);
  const sources = a.sources
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (a.model)
    return heldOutFull(a.model, sources, a, {}, p.full, {
      recipe: a.recipe,
      overrides: a.overrides,
      leftOut: sources,
      model: portablePath(a.model),
      ...(a.note ? { note: a.note } : {}),
    });
  const cfg = recipeConfig(a.recipe, a.overrides, a.sources, {
    corpus: a.corpus,
    bench: a.bench,
    runs: p.runs,
  });
  await initBackend();
  const steps: Record<string, number> = { pretrain: cfg.pretrainSteps };
  await runPretrain(cfg);
  const results: HeldOutResult[] = [];
  if (a.proxy) {
    const m = await proxyMetrics(path.join(p.runs, 'pretrain'), a.corpus, cacheDirOf(cfg), sources);
    for (const h of m.heldOut)
      results.push({
        recipe: a.label,
        protocol: 'proxy',
        clinicalAccuracy: null,
        steps,
        createdAt: new Date().toISOString(),
        ...h,
        sourceProbe: m.sourceProbe,
        degraded: m.degraded,
      });
    await writeJson(p.proxy, {
      recipe: a.recipe,
      overrides: a.overrides,
      leftOut: sources,
      config: portableConfig(cfg),
      results,
    });
    return results;
  }
  Object.assign(steps, { sft: cfg.sftSteps, qat: cfg.qatSteps });
  await runSft(cfg);
  await runQat(cfg);
  const modelDir = path.join(p.runs, 'model');
  if (!existsSync(path.join(modelDir, 'manifest.json'))) {
    const args = [
      'tsx',
      'training/export/cli.ts',
      '--checkpoint',
      path.join(p.runs, 'qat'),
      '--out',
      modelDir,
      '--corpus',
      a.corpus,
      '--calibrate',
    ];
    const r = spawnSync('npx', args, { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`export failed (npx ${args.join(' ')})`);
  }
  return heldOutFull(modelDir, sources, a, steps, p.full, {
    recipe: a.recipe,
    overrides: a.overrides,
    leftOut: sources,
    config: portableConfig(cfg),
    ...(a.note ? { note: a.note } : {}),
  });
}

/** The full protocol's measurements of an exported model on each of `sources`, written to `out`. */
async function heldOutFull(
  modelDir: string,
  sources: string[],
  a: GeneralizationArgs,
  steps: Record<string, number>,
  out: string,
  meta: Record<string, unknown>,
): Promise<HeldOutResult[]> {
  const results: HeldOutResult[] = [];
  const { createEngineResponder } = await import('../export/responder');
  const { engineMeasures } = await import('./findings-eval');
  const corpus = await readCorpus(a.corpus);
  for (const source of sources) {
    const responder = await createEngineResponder(modelDir, { backend: 'cpu' });
    try {
      const { items, audioRoot } = await heldOutItems(a.bench, a.corpus, source, a.items);
      let last = 0;
      const scored = await runItems(responder, items, {
        audioRoot,
        onProgress: (done, total) => {
          if (Date.now() - last > 10000 || done === total) {
            last = Date.now();
            console.log(`${source}: ${done}/${total} items`);
          }
        },
      });
      const answers = answerMetrics(scored);
      // The findings heads through the engine, over every window of each recording (the app's numbers).
      const held = perSource(
        corpus.filter((e) => e.source === source),
        a.recordings,
        3,
      );
      const measuresOf = engineMeasures(responder.engine);
      const rows: { e: CorpusEntry; p: Map<string, number>; signals: Partial<SignalMeasures> }[] = [];
      for (const e of held) {
        const m = await measuresOf(e, await loadAudio(a.corpus, e.audio));
        rows.push({ e, p: m.probabilities, signals: m.signals });
      }
      const known = rows.filter((r) => r.e.normal !== null);
      const s = known.map((r) => r.p.get('abnormal') ?? NaN);
      const y = known.map((r) => (r.e.normal ? 0 : 1) as 0 | 1);
      const rule = responder.engine.manifest.verdict;
      const decided = known.flatMap((r, i) => {
        const findings = [...r.p].map(([label, probability]) => ({ label, probability }));
        const v = rule ? verdictOf(findings, r.e.domain, rule, r.signals) : null;
        return v && v.value !== 'undecided' ? [{ abnormal: v.value === 'abnormal' ? 1 : 0, y: y[i] }] : [];
      });
      const verdict = rule
        ? {
            ...binaryRates(
              decided.map((d) => d.abnormal),
              decided.map((d) => d.y),
            ),
            recordings: decided.length,
          }
        : undefined;
      results.push({
        recipe: a.label,
        source,
        protocol: 'full',
        recordings: rows.length,
        balancedAccuracy: answers.balancedAccuracy,
        sensitivity: answers.sensitivity,
        specificity: answers.specificity,
        auc: auc(s, y),
        headBalancedAccuracy: balancedAccuracy(s, y),
        crackleWheezeMicroF1: answers.crackleWheezeMicroF1,
        ...(verdict ? { verdict } : {}),
        domainAccuracy:
          rows.filter((r) => (r.p.get('lung') ?? 0) >= 0.5 === (r.e.domain === 'lung')).length / rows.length,
        clinicalAccuracy: answers.clinicalAccuracy,
        items: answers.items,
        perRecording: rows.map((r) => ({
          id: r.e.id,
          normal: r.e.normal,
          domain: r.e.domain,
          probabilities: Object.fromEntries([...r.p].map(([k, v]) => [k, Number(v.toFixed(5))])),
          signals: Object.fromEntries(Object.entries(r.signals).map(([k, v]) => [k, Number(v.toFixed(5))])),
        })),
        steps,
        createdAt: new Date().toISOString(),
      });
    } finally {
      await responder.dispose();
    }
  }
  await writeJson(out, { ...meta, results });
  return results;
}
