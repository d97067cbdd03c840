// Findings-head evaluation of an exported model on a corpus split, through the same engine code the app runs
// (`npm run eval -- --model models/<id> --findings <corpusDir> [--split test]`): per source and head, balanced accuracy
// at p = 0.5, AUC and counts, plus heart murmur and lung abnormal (the headline numbers) and SPRSound's patients unseen in training.
import type { CorpusEntry } from '../../src/core/clinical/corpus';
import type { Split } from '../../src/core/clinical/schema';
import { FEATURE_CONFIG } from '../../src/core/features/config';
import type { Engine } from '../../src/engine/types';
import type { SignalMeasures } from '../../src/core/manifest/verdict';
import { readCorpus, HEAD_LABELS } from '../train/data';
import { auc, balancedAccuracy, knownTargets } from '../train/metrics';
import { splitPolicyTag } from './items';
import { loadAudio } from './run';

export interface HeadMetric {
  n: number;
  positives: number;
  balancedAccuracy: number;
  auc: number;
}

export interface FindingsReport {
  format: 1;
  kind: 'findings';
  model: string;
  corpus: string;
  split: Split;
  createdAt: string;
  durationS: number;
  recordings: number;
  /** The issue's targets: CirCor murmur present/absent, SPRSound normal/abnormal (all test, and patients unseen in training). */
  targets: Record<string, HeadMetric & { goal?: number }>;
  /** [source][head label] → metric, where that source labels the head. */
  bySource: Record<string, Record<string, HeadMetric>>;
  /** Heart or lung from the audio: per source, how often the domain head (P(lung) ≥ 0.5) names the right one. */
  domain?: Record<string, { n: number; accuracy: number }>;
}

export type ProbabilitySource = (e: CorpusEntry, samples: Float32Array) => Promise<Map<string, number>>;

interface Scored {
  entry: CorpusEntry;
  probs: Map<string, number>;
}

export function headMetric(rows: Scored[], label: string): HeadMetric | undefined {
  const probs = rows.map((r) => HEAD_LABELS.map((l) => r.probs.get(l) ?? NaN));
  const { s, y } = knownTargets(
    probs,
    rows.map((r) => r.entry),
    HEAD_LABELS.indexOf(label),
  );
  const positives = y.filter((l) => l === 1).length;
  if (!positives || positives === y.length) return undefined;
  return { n: y.length, positives, balancedAccuracy: balancedAccuracy(s, y), auc: auc(s, y) };
}

/** Patients of `split` that have no recording in any other split (SPRSound's inter-patient test design). */
export function unseenPatients(corpus: CorpusEntry[], split: Split): Set<string> {
  const elsewhere = new Set(corpus.filter((e) => e.split !== split).map((e) => `${e.source}/${e.patient}`));
  return new Set(
    corpus
      .filter((e) => e.split === split && !elsewhere.has(`${e.source}/${e.patient}`))
      .map((e) => `${e.source}/${e.patient}`),
  );
}

function targets(rows: Scored[], unseen: Set<string>): FindingsReport['targets'] {
  const of = (src: string) => rows.filter((r) => r.entry.source === src);
  const out: FindingsReport['targets'] = {};
  const add = (name: string, m: HeadMetric | undefined, goal?: number) => {
    if (m) out[name] = { ...m, ...(goal !== undefined ? { goal } : {}) };
  };
  add('circor murmur present/absent', headMetric(of('circor'), 'murmur'), 0.8);
  add('sprsound normal/abnormal', headMetric(of('sprsound'), 'abnormal'), 0.75);
  add(
    'sprsound normal/abnormal, patients unseen in training',
    headMetric(
      of('sprsound').filter((r) => unseen.has(`sprsound/${r.entry.patient}`)),
      'abnormal',
    ),
  );
  return out;
}

export async function evaluateFindings(opts: {
  model: string;
  corpusDir: string;
  split: Split;
  probabilities: ProbabilitySource;
  limit?: number;
  onProgress?: (done: number, total: number) => void;
}): Promise<FindingsReport> {
  const t0 = Date.now();
  const corpus = await readCorpus(opts.corpusDir);
  const entries = corpus.filter((e) => e.split === opts.split).slice(0, opts.limit ?? Infinity);
  const rows: Scored[] = [];
  for (const entry of entries) {
    const samples = await loadAudio(opts.corpusDir, entry.audio);
    rows.push({ entry, probs: await opts.probabilities(entry, samples) });
    opts.onProgress?.(rows.length, entries.length);
  }
  const bySource: FindingsReport['bySource'] = {};
  for (const src of [...new Set(rows.map((r) => r.entry.source))].sort()) {
    const mine = rows.filter((r) => r.entry.source === src);
    const heads = HEAD_LABELS.map((l) => [l, headMetric(mine, l)] as const).filter((p) => p[1]);
    bySource[src] = Object.fromEntries(heads) as Record<string, HeadMetric>;
  }
  const domain: NonNullable<FindingsReport['domain']> = {};
  for (const src of [...new Set(rows.map((r) => r.entry.source))].sort()) {
    const mine = rows.filter((r) => r.entry.source === src && r.probs.has('lung'));
    if (mine.length)
      domain[src] = {
        n: mine.length,
        accuracy:
          mine.filter((r) => r.probs.get('lung')! >= 0.5 === (r.entry.domain === 'lung')).length /
          mine.length,
      };
  }
  return {
    format: 1,
    kind: 'findings',
    model: opts.model,
    corpus: `corpus${await splitPolicyTag(opts.corpusDir)}`,
    split: opts.split,
    createdAt: new Date().toISOString(),
    durationS: (Date.now() - t0) / 1000,
    recordings: rows.length,
    targets: targets(rows, unseenPatients(corpus, opts.split)),
    bySource,
    domain,
  };
}

/** The engine's calibrated findings for a corpus recording (audio already at the model rate), over all its windows. */
export function engineProbabilities(engine: Pick<Engine, 'assess'>): ProbabilitySource {
  const measuresOf = engineMeasures(engine);
  return async (e, samples) => (await measuresOf(e, samples)).probabilities;
}

/** A recording's aggregated head probabilities and its signal measures, through the engine (the app's numbers). */
export function engineMeasures(engine: Pick<Engine, 'assess'>) {
  return async (
    e: Pick<CorpusEntry, 'domain' | 'site'>,
    samples: Float32Array,
  ): Promise<{ probabilities: Map<string, number>; signals: Partial<SignalMeasures> }> => {
    const a = await engine.assess({
      samples,
      sampleRateHz: FEATURE_CONFIG.sampleRateHz,
      domain: e.domain,
      site: e.site,
    });
    return {
      probabilities: new Map(a.findings.map((x) => [x.label, x.probability])),
      signals: a.signals?.measures ?? {},
    };
  };
}

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '–');

/** The "Findings heads" section of docs/results.md. */
export function findingsMarkdown(reports: FindingsReport[]): string[] {
  if (!reports.length) return [];
  const out = [
    '## Findings heads (exported model, corpus recordings)',
    '',
    'Calibrated findings-head probabilities from `npm run eval -- --model <model> --findings <corpus> --split test`, averaged',
    "over every window of each recording (at most 64, evenly spaced; the app's findings panel). Balanced accuracy at p = 0.5; recordings whose",
    'source does not label a finding are left out of that finding.',
    '',
    '| model | corpus/split | target | recordings | positives | balanced accuracy | AUC | goal |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of reports)
    for (const [name, m] of Object.entries(r.targets))
      out.push(
        `| ${r.model} | ${r.corpus}/${r.split} | ${name} | ${m.n} | ${m.positives} | **${f3(m.balancedAccuracy)}** | ${f3(m.auc)} | ${m.goal !== undefined ? `≥ ${m.goal}` : ''} |`,
      );
  out.push('', 'Every head and source (balanced accuracy / AUC / n):', '');
  for (const r of reports) {
    out.push(
      `${r.model} on ${r.corpus}/${r.split} (${r.recordings} recordings, ${r.durationS.toFixed(0)} s, ${r.createdAt}):`,
      '',
    );
    out.push(
      '| source | head | n | positives | balanced accuracy | AUC |',
      '| --- | --- | ---: | ---: | ---: | ---: |',
    );
    for (const [src, heads] of Object.entries(r.bySource))
      for (const [label, m] of Object.entries(heads))
        out.push(
          `| ${src} | ${label} | ${m.n} | ${m.positives} | ${f3(m.balancedAccuracy)} | ${f3(m.auc)} |`,
        );
    out.push('');
    if (r.domain && Object.keys(r.domain).length) {
      const all = Object.values(r.domain).reduce(
        (a, d) => ({ n: a.n + d.n, hit: a.hit + d.accuracy * d.n }),
        { n: 0, hit: 0 },
      );
      out.push(
        `Heart or lung from the audio (domain head, P(lung) ≥ 0.5): ${f3(all.hit / all.n)} of ${all.n} recordings; ` +
          Object.entries(r.domain)
            .map(([src, d]) => `${src} ${f3(d.accuracy)} (${d.n})`)
            .join(', ') +
          '.',
        '',
      );
    }
  }
  return out;
}
