// Reads the corpus (corpus.jsonl) and AuscultBench (<split>.jsonl), and derives the findings-head targets
// (with a mask where the source does not label a finding) from each recording's labels.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CorpusEntry } from '../../src/core/clinical/corpus';
import type { Finding, RecordingLabels, Split } from '../../src/core/clinical/schema';
import type { BenchItem } from '../../src/core/tasks/types';
import { readJsonl } from '../auscultbench/jsonl';

/** A built JSONL file's rows, or an error that says how to build it. */
async function readBuilt<T>(file: string): Promise<T[]> {
  if (!existsSync(file))
    throw new Error(
      `${file} not found: build it first (npm run data / npm run bench) or pass the folder with --corpusDir / --benchDir`,
    );
  return readJsonl<T>(file);
}

export const readCorpus = (dir: string) => readBuilt<CorpusEntry>(path.join(dir, 'corpus.jsonl'));
export const readBench = (dir: string, split: Split) =>
  readBuilt<BenchItem>(path.join(dir, `${split}.jsonl`));

type Target = 0 | 1 | null;
interface HeadDef {
  label: string;
  domain: 'heart' | 'lung' | 'any';
  /** Any of these findings makes the target positive. */
  findings?: Finding[];
}

/** The findings heads, in output order (architecture.heads.labels). */
export const HEAD_DEFS: HeadDef[] = [
  { label: 'abnormal', domain: 'any' },
  {
    label: 'murmur',
    domain: 'heart',
    findings: ['systolic-murmur', 'diastolic-murmur', 'continuous-murmur'],
  },
  { label: 'systolic-murmur', domain: 'heart', findings: ['systolic-murmur'] },
  { label: 'diastolic-murmur', domain: 'heart', findings: ['diastolic-murmur'] },
  {
    label: 'extra-sound',
    domain: 'heart',
    findings: ['s3', 's4', 'ejection-click', 'mid-systolic-click', 'opening-snap'],
  },
  { label: 'irregular-rhythm', domain: 'heart', findings: ['irregular-rhythm'] },
  { label: 'crackles', domain: 'lung', findings: ['fine-crackles', 'coarse-crackles'] },
  { label: 'fine-crackles', domain: 'lung', findings: ['fine-crackles'] },
  { label: 'coarse-crackles', domain: 'lung', findings: ['coarse-crackles'] },
  { label: 'wheeze', domain: 'lung', findings: ['wheeze'] },
  { label: 'rhonchi', domain: 'lung', findings: ['rhonchi'] },
  { label: 'stridor', domain: 'lung', findings: ['stridor'] },
  { label: 'poor-quality', domain: 'any', findings: ['poor-quality'] },
  { label: 'lung', domain: 'any' },
];
export const HEAD_LABELS = HEAD_DEFS.map((h) => h.label);

/**
 * Target per head: 1/0 where the labels tell, null (masked) where they do not. A finding counts as absent
 * only on recordings of its domain whose normal/abnormal status is known (an unlabelled finding is not a negative).
 */
export function headTargets(r: RecordingLabels): Target[] {
  return HEAD_DEFS.map((h): Target => {
    if (h.label === 'lung') return r.domain === 'lung' ? 1 : 0;
    if (h.label === 'abnormal') return r.normal === null ? null : r.normal ? 0 : 1;
    const present = h.findings!.some((f) => r.findings.includes(f));
    if (present) return 1;
    if (h.domain !== 'any' && h.domain !== r.domain) return null;
    if (h.label === 'poor-quality') return 0;
    return r.normal === null ? null : 0;
  });
}
