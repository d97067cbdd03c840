// The reliability record: each reliability test writes what it tried and what happened into one JSON file
// (reliability/results.json), merged per suite, which `npm run reliability:doc` renders into docs/reliability.md.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface Outcome {
  id: string;
  /** What was tried. */
  what: string;
  /** What the app must do. */
  expected: string;
  /** What it did (messages quoted as shown). */
  observed: string;
  pass: boolean;
  /** Figures measured on the way (ms, MB, counts), printed by the test and rendered in the doc. */
  measured?: Record<string, number>;
}

export interface SuiteResult {
  title: string;
  /** The test file that produced it. */
  source: string;
  ranAt: string;
  outcomes: Outcome[];
  /** Cases covered by other test files, named so the doc can point to them (not re-run here). */
  coveredElsewhere?: { what: string; where: string }[];
}

export interface ReliabilityResults {
  format: 1;
  suites: Record<string, SuiteResult>;
}

export const RESULTS_PATH =
  process.env.AUSCULT_RELIABILITY_RESULTS ??
  resolve(import.meta.dirname, '..', '..', 'reliability', 'results.json');

export function readResults(path = RESULTS_PATH): ReliabilityResults {
  if (!existsSync(path)) return { format: 1, suites: {} };
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as ReliabilityResults;
  if (parsed.format !== 1) throw new Error(`${path}: unknown results format ${String(parsed.format)}`);
  return parsed;
}

/** Replaces one suite's record (other suites are kept); written to a temp file and renamed. */
export function recordSuite(key: string, suite: SuiteResult, path = RESULTS_PATH): void {
  const all = readResults(path);
  all.suites[key] = suite;
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(all, null, 2) + '\n');
  renameSync(tmp, path);
}

/** Collects outcomes during a test file; `save` is called once at the end (also after failures). */
export function suiteRecorder(key: string, title: string, source: string) {
  const outcomes: Outcome[] = [];
  let coveredElsewhere: SuiteResult['coveredElsewhere'];
  return {
    add(o: Outcome): Outcome {
      outcomes.push(o);
      console.log(`[reliability] ${key}/${o.id}: ${o.pass ? 'PASS' : 'FAIL'}: ${o.observed}`);
      return o;
    },
    elsewhere(list: NonNullable<SuiteResult['coveredElsewhere']>): void {
      coveredElsewhere = list;
    },
    save(): void {
      if (outcomes.length === 0) return;
      recordSuite(key, { title, source, ranAt: new Date().toISOString(), outcomes, coveredElsewhere });
    },
  };
}
