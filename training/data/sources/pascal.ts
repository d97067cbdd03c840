// PASCAL Classifying Heart Sounds 2011 adapter (Kaggle layout): set_a/<label>__<id>.wav,
// set_b/<label>__<patient>_<time>_<x>.wav or <label>_noisy<label>_<patient>_<time>_<x>.wav, set_a_timing.csv.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeWav } from '../../../src/core/audio/wav';
import type { Finding, MurmurAttributes, TimedEvent } from '../../../src/core/clinical/schema';
import type { AdapterIssue, SourceAdapter, SourceListing } from './types';
import { csvRows, filesWithExt, isDir, isFile, readText, stem } from './util';

interface LabelMap {
  findings: Finding[];
  normal: boolean | null;
  murmur?: MurmurAttributes;
  /** Why the mapping is not exactly what the source says (reported as a label-approximated issue). */
  approximation?: string;
}

/** PASCAL labels → schema. See docs/labels.md for why murmur and extrahls are mapped this way. */
export const PASCAL_LABELS: Readonly<Record<string, LabelMap>> = {
  normal: { findings: ['normal-s1s2'], normal: true },
  murmur: {
    findings: ['systolic-murmur'],
    normal: false,
    murmur: { phase: 'systolic' },
    approximation: 'murmur phase not labelled: taken as systolic',
  },
  extrastole: { findings: ['irregular-rhythm'], normal: false },
  extrahls: {
    findings: [],
    normal: null,
    approximation:
      'extra heart sound (S3, S4, split or click) not resolved by the source: no finding asserted',
  },
  artifact: { findings: ['poor-quality'], normal: null },
};

interface ParsedName {
  label: string;
  patient: string;
  splitKey: string;
}

/** Label and patient from a file name; set A ids are recording times, so each set A file is its own patient. */
export function parsePascalName(set: 'a' | 'b', name: string): ParsedName | undefined {
  const m = /^([a-zA-Z]+?)(?:__|_noisy[a-z]+_)(.+)$/.exec(name);
  if (!m) return undefined;
  const [, label, rest] = m;
  if (set === 'a') return { label, patient: `a${rest}`, splitKey: `a${rest}` };
  const patient = rest.split('_')[0];
  return { label, patient: `b${patient}`, splitKey: `b${patient}` };
}

/** set_a_timing.csv: S1/S2 marker positions in samples → zero-length events (the source gives no durations). */
function timings(root: string): Map<string, { sound: string; sample: number }[]> {
  const out = new Map<string, { sound: string; sample: number }[]>();
  const csv = path.join(root, 'set_a_timing.csv');
  if (!isFile(csv)) return out;
  for (const [fname, , sound, location] of csvRows(readText(csv)).slice(1)) {
    const key = path.basename(fname);
    if (!out.has(key)) out.set(key, []);
    out.get(key)?.push({ sound, sample: Number(location) });
  }
  return out;
}

function eventsFor(file: string, marks: { sound: string; sample: number }[] | undefined): TimedEvent[] {
  if (!marks) return [];
  const rateHz = decodeWav(readFileSync(file)).sampleRateHz;
  return marks
    .filter((m) => m.sound === 'S1' || m.sound === 'S2')
    .map((m) => ({ type: m.sound as 'S1' | 'S2', startS: m.sample / rateHz, endS: m.sample / rateHz }));
}

function listSet(root: string, set: 'a' | 'b', out: SourceListing, marks: ReturnType<typeof timings>): void {
  const dir = path.join(root, `set_${set}`);
  for (const wav of filesWithExt(dir, '.wav')) {
    const file = `set_${set}/${wav}`;
    const issue = (kind: AdapterIssue['kind'], message: string) =>
      out.issues.push({ source: 'pascal', kind, file, message });
    const parsed = parsePascalName(set, stem(wav));
    if (parsed && /unlabelledtest$/i.test(parsed.label)) {
      issue('skipped-unlabelled', 'challenge test file without a label');
      continue;
    }
    const map = parsed ? PASCAL_LABELS[parsed.label] : undefined;
    if (!parsed || !map) {
      issue('unknown-label', `cannot read a known label from the file name`);
      continue;
    }
    if (map.approximation) issue('label-approximated', map.approximation);
    const audioPath = path.join(dir, wav);
    out.records.push({
      audioPath,
      splitKey: parsed.splitKey,
      labels: {
        id: `pascal/${stem(wav)}`,
        source: 'pascal',
        patient: parsed.patient,
        domain: 'heart',
        site: 'unknown',
        findings: [...map.findings],
        normal: map.normal,
        ...(map.murmur ? { murmur: { ...map.murmur } } : {}),
        events: set === 'a' ? eventsFor(audioPath, marks.get(wav)) : [],
        diagnosis: [],
      },
    });
  }
}

async function list(root: string): Promise<SourceListing> {
  const out: SourceListing = { records: [], issues: [] };
  const marks = timings(root);
  listSet(root, 'a', out, marks);
  listSet(root, 'b', out, marks);
  const timed = new Set(
    out.records.filter((r) => r.labels.events.length > 0).map((r) => path.basename(r.audioPath)),
  );
  for (const f of marks.keys())
    if (!timed.has(f))
      out.issues.push({
        source: 'pascal',
        kind: 'missing-audio',
        file: `set_a/${f}`,
        message: 'in set_a_timing.csv but not found',
      });
  return out;
}

export const pascal: SourceAdapter = {
  name: 'pascal',
  folder: 'pascal',
  detect: (root) => isDir(path.join(root, 'set_a')) || isDir(path.join(root, 'set_b')),
  list,
};
