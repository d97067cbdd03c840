import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWav } from '../../src/core/audio/wav';
import { FEATURE_CONFIG } from '../../src/core/features/config';
import { buildCorpus, readCorpus, type CorpusSummary } from './build';
import { renderCard } from './card';
import type { AdapterIssue } from './sources/types';
import { fixturesRoot } from './sources/util';
import { labelProblems } from './validate';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'auscult-corpus-'));
  dirs.push(d);
  return d;
};
let out: string;
let summary: CorpusSummary;
const issues: AdapterIssue[] = [];
const synth = { count: 4, balance: 'domain' as const, durationS: 2 };
/** The sources ../shared/data/fixtures holds. */
const FIXTURE_SOURCES = ['circor', 'sprsound', 'yaseen', 'pascal', 'bmdhs', 'kauh'];

beforeAll(async () => {
  out = tmp();
  const t = performance.now();
  summary = await buildCorpus({
    datasetsDir: fixturesRoot(),
    outDir: out,
    seed: 3,
    synth,
    onIssue: (i) => issues.push(i),
  });
  console.log(
    `fixture corpus: ${summary.entries} entries built in ${((performance.now() - t) / 1000).toFixed(2)} s`,
  );
}, 120_000); // six sources' fixtures resampled and written: ~10 s on a busy 2-core machine
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true })));

describe('corpus builder on the fixtures', () => {
  it('writes one schema-valid entry per recording, from every fixture source and the synthesizer', () => {
    const { entries } = readCorpus(out);
    expect(entries.length).toBe(summary.entries);
    expect(new Set(entries.map((e) => e.source))).toEqual(new Set([...FIXTURE_SOURCES, 'synth']));
    expect(entries.filter((e) => e.source === 'synth').length).toBe(4);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    for (const e of entries) expect(labelProblems(e)).toEqual([]);
  });
  it('normalizes every recording to mono 16-bit at the model rate, with the stated duration', () => {
    for (const e of readCorpus(out).entries) {
      const wav = decodeWav(new Uint8Array(readFileSync(path.join(out, e.audio))));
      expect(wav.sampleRateHz).toBe(FEATURE_CONFIG.sampleRateHz);
      expect(wav.channels).toBe(1);
      expect(wav.bitsPerSample).toBe(16);
      expect(wav.samples.length / wav.sampleRateHz).toBeCloseTo(e.durationS, 6);
    }
  });
  it('never puts one patient in two splits, and keeps official test patients in test', () => {
    const splits = new Map<string, Set<string>>();
    for (const e of readCorpus(out).entries) {
      const key = `${e.source}/${e.patient}`;
      splits.set(key, (splits.get(key) ?? new Set()).add(e.split));
      if (e.officialSplit === 'test') expect(e.split).toBe('test');
    }
    for (const [key, s] of splits) expect([key, s.size]).toEqual([key, 1]);
  });
  it('reports skipped and repaired files instead of dropping them silently', () => {
    expect(issues.filter((i) => i.kind === 'skipped-unlabelled').length).toBe(4);
    expect(summary.stats.issues.pascal['skipped-unlabelled']).toBe(4);
    expect(summary.stats.issues.sprsound['audio-repaired']).toBe(19);
  });
  it('is deterministic for a seed', async () => {
    const again = tmp();
    await buildCorpus({
      datasetsDir: fixturesRoot(),
      outDir: again,
      seed: 3,
      synth,
      only: ['yaseen', 'pascal'],
    });
    const once = tmp();
    await buildCorpus({
      datasetsDir: fixturesRoot(),
      outDir: once,
      seed: 3,
      synth,
      only: ['yaseen', 'pascal'],
    });
    const read = (d: string) => readFileSync(path.join(d, 'corpus.jsonl'), 'utf8');
    expect(read(again)).toBe(read(once));
    expect(readFileSync(path.join(again, 'audio/synth/000001-normal-lung.wav'))).toEqual(
      readFileSync(path.join(once, 'audio/synth/000001-normal-lung.wav')),
    );
  });
  it('renders a dataset card with every source and no hand-typed numbers', () => {
    const card = renderCard(summary, 'npm run data -- --datasets <datasets> --out <out>');
    for (const s of [...FIXTURE_SOURCES, 'synth']) expect(card).toContain(`| ${s} |`);
    expect(card).toContain(`| **total** | ${summary.entries} |`);
  });
});
