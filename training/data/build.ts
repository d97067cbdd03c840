// Corpus builder: runs the adapters over a datasets folder, normalizes every recording to the model's rate,
// splits by patient, appends the synthesized share, and streams corpus.jsonl in a deterministic order.
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CorpusEntry } from '../../src/core/clinical/corpus';
import type { SourceName } from '../../src/core/clinical/schema';
import { FEATURE_CONFIG, featureConfigHash } from '../../src/core/features/config';
import { normalizeWav } from './normalize';
import { ADAPTERS } from './sources';
import type { AdapterIssue, SourceRecord } from './sources/types';
import { DEFAULT_RATIOS, assignSplits, type OfficialTestPolicy, type SplitRatios } from './split';
import { StatsAccumulator, type CorpusStats } from './stats';
import { synthJobs, type SynthOptions } from './synth';

export interface BuildOptions {
  datasetsDir: string;
  outDir: string;
  seed: number;
  ratios?: SplitRatios;
  /** How official test sets (SPRSound) constrain their patients' other recordings; default 'patient'. */
  officialTest?: OfficialTestPolicy;
  /** Sources to include (default: every adapter whose folder is present). */
  only?: SourceName[];
  synth: SynthOptions;
  /** Recordings processed at once; bounds memory (each holds one decoded file). */
  concurrency?: number;
  /** Keep already-normalized WAVs in outDir instead of re-encoding them. */
  reuse?: boolean;
  onProgress?: (done: number, total: number, label: string) => void;
  onIssue?: (issue: AdapterIssue) => void;
}

export interface CorpusSummary {
  seed: number;
  featureConfigHash: string;
  sampleRateHz: number;
  ratios: SplitRatios;
  officialTest: OfficialTestPolicy;
  synth: SynthOptions;
  sources: string[];
  entries: number;
  stats: CorpusStats;
  buildSeconds: number;
}

/** A unit of work that yields one corpus entry (or undefined after reporting an issue). */
export type Job = () => Promise<CorpusEntry | undefined>;

async function listSources(opts: BuildOptions, report: (i: AdapterIssue) => void): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  for (const adapter of ADAPTERS) {
    if (opts.only && !opts.only.includes(adapter.name)) continue;
    const root = path.join(opts.datasetsDir, adapter.folder);
    if (!adapter.detect(root)) continue;
    const listing = await adapter.list(root);
    listing.issues.forEach(report);
    records.push(...listing.records);
  }
  return records;
}

/** Duration of a 16-bit mono WAV this builder wrote earlier, from its size. */
function writtenDurationS(file: string): number {
  return (statSync(file).size - 44) / 2 / FEATURE_CONFIG.sampleRateHz;
}

function recordJob(
  r: SourceRecord,
  split: CorpusEntry['split'],
  opts: BuildOptions,
  report: (i: AdapterIssue) => void,
): Job {
  return async () => {
    const audio = `audio/${r.labels.id}.wav`;
    const target = path.join(opts.outDir, audio);
    let durationS: number;
    if (opts.reuse && existsSync(target)) durationS = writtenDurationS(target);
    else {
      try {
        const norm = normalizeWav(new Uint8Array(await readFile(r.audioPath)));
        mkdirSync(path.dirname(target), { recursive: true });
        await writeFile(target, norm.wav);
        durationS = norm.durationS;
        for (const w of norm.warnings)
          report({ source: r.labels.source, kind: 'audio-repaired', file: r.audioPath, message: w });
      } catch (err) {
        const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        report({ source: r.labels.source, kind: 'unreadable-audio', file: r.audioPath, message });
        return undefined;
      }
    }
    return { ...r.labels, audio, durationS, split };
  };
}

/** Runs jobs with bounded concurrency and hands results to `sink` in job order (deterministic output). */
export async function runOrdered(
  jobs: Job[],
  concurrency: number,
  sink: (e: CorpusEntry | undefined, i: number) => void,
) {
  const inflight: Promise<CorpusEntry | undefined>[] = [];
  let next = 0;
  for (const job of jobs) {
    inflight.push(job());
    if (inflight.length >= concurrency) sink(await inflight.shift(), next++);
  }
  while (inflight.length > 0) sink(await inflight.shift(), next++);
}

export async function buildCorpus(opts: BuildOptions): Promise<CorpusSummary> {
  const started = performance.now();
  const stats = new StatsAccumulator();
  const report = (i: AdapterIssue) => {
    stats.addIssue(i);
    opts.onIssue?.(i);
  };
  const ratios = opts.ratios ?? DEFAULT_RATIOS;
  const records = await listSources(opts, report);
  const splits = assignSplits(records, opts.seed, ratios, opts.officialTest ?? 'patient');
  const jobs: Job[] = records.map((r, i) => recordJob(r, splits[i], opts, report));
  jobs.push(...synthJobs(opts.synth, opts.seed, ratios, opts.outDir));
  mkdirSync(opts.outDir, { recursive: true });
  // Written under a temporary name and renamed at the end, so readers never see a half-built corpus.
  const jsonl = path.join(opts.outDir, 'corpus.jsonl');
  const out = createWriteStream(`${jsonl}.partial`);
  let entries = 0;
  await runOrdered(jobs, opts.concurrency ?? 4, (e, i) => {
    opts.onProgress?.(i + 1, jobs.length, e?.source ?? '');
    if (!e) return;
    entries++;
    stats.add(e);
    out.write(`${JSON.stringify(e)}\n`);
  });
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
  const summary: CorpusSummary = {
    seed: opts.seed,
    featureConfigHash: featureConfigHash(FEATURE_CONFIG),
    sampleRateHz: FEATURE_CONFIG.sampleRateHz,
    ratios,
    officialTest: opts.officialTest ?? 'patient',
    synth: opts.synth,
    sources: [...new Set(records.map((r) => r.labels.source)), ...(opts.synth.count > 0 ? ['synth'] : [])],
    entries,
    stats: stats.result(),
    buildSeconds: (performance.now() - started) / 1000,
  };
  await writeFile(path.join(opts.outDir, 'corpus.json.partial'), `${JSON.stringify(summary, null, 2)}\n`);
  renameSync(`${jsonl}.partial`, jsonl);
  renameSync(path.join(opts.outDir, 'corpus.json.partial'), path.join(opts.outDir, 'corpus.json'));
  return summary;
}

/** Reads a built corpus back (for the card, the benchmark, tests). */
export function readCorpus(outDir: string): { summary: CorpusSummary; entries: CorpusEntry[] } {
  const summary = JSON.parse(readFileSync(path.join(outDir, 'corpus.json'), 'utf8')) as CorpusSummary;
  const lines = readFileSync(path.join(outDir, 'corpus.jsonl'), 'utf8').split('\n').filter(Boolean);
  return { summary, entries: lines.map((l) => JSON.parse(l) as CorpusEntry) };
}
