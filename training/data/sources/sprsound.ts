// SPRSound 2022 adapter: {train,test}_wav/<patient>_<age>_<sex>_<site>_<recno>.wav with a same-named JSON holding
// the record label (Normal/CAS/DAS/CAS & DAS/Poor Quality) and timed events. Official test recordings stay test.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Finding, RecordingLabels, Split, TimedEvent } from '../../../src/core/clinical/schema';
import { sprsoundSite } from '../../../src/core/clinical/sites';
import type { AdapterIssue, SourceAdapter, SourceListing } from './types';
import { ageGroupFromYears, filesWithExt, isDir, readText, stem } from './util';

const EVENT_FINDINGS: Record<string, Finding[]> = {
  Normal: ['vesicular'],
  'Fine Crackle': ['fine-crackles'],
  'Coarse Crackle': ['coarse-crackles'],
  Wheeze: ['wheeze'],
  Rhonchi: ['rhonchi'],
  Stridor: ['stridor'],
  'Wheeze+Crackle': ['wheeze', 'fine-crackles'],
};
const CAS: Finding[] = ['wheeze', 'rhonchi', 'stridor'];
const DAS: Finding[] = ['fine-crackles', 'coarse-crackles'];
const RECORD_LABELS = ['Normal', 'CAS', 'DAS', 'CAS & DAS', 'Poor Quality'];

interface Annotation {
  record_annotation?: string;
  recording_annotation?: string;
  event_annotation?: { start: number | string; end: number | string; type: string }[];
}

type Issue = (kind: AdapterIssue['kind'], message: string) => void;

/**
 * Timed events in seconds. SPRSound's "Wheeze+Crackle" does not say which crackle: it takes the crackle type
 * found elsewhere in the same recording, else fine crackles (by far the commoner type in SPRSound), reported.
 */
function eventsOf(a: Annotation, issue: Issue): TimedEvent[] {
  const raw = a.event_annotation ?? [];
  const coarseOnly =
    raw.some((e) => e.type === 'Coarse Crackle') && !raw.some((e) => e.type === 'Fine Crackle');
  const events: TimedEvent[] = [];
  for (const e of raw) {
    const types = EVENT_FINDINGS[e.type];
    if (!types) {
      issue('unknown-label', `unknown event type '${e.type}'`);
      continue;
    }
    const mixed = e.type === 'Wheeze+Crackle';
    if (mixed && !coarseOnly)
      issue('label-approximated', "'Wheeze+Crackle' crackle type unspecified: taken as fine crackles");
    for (const t of types) {
      const type = mixed && coarseOnly && t === 'fine-crackles' ? 'coarse-crackles' : t;
      events.push({ type, startS: Number(e.start) / 1000, endS: Number(e.end) / 1000 });
    }
  }
  return events;
}

function findingsOf(
  record: string,
  events: TimedEvent[],
  issue: Issue,
): { findings: Finding[]; normal: boolean | null } {
  if (record === 'Poor Quality') return { findings: ['poor-quality'], normal: null };
  if (record === 'Normal') return { findings: ['vesicular'], normal: true };
  const present = [...new Set(events.map((e) => e.type))].filter((t): t is Finding => t !== 'vesicular');
  const findings = present.filter((f) => CAS.includes(f) || DAS.includes(f));
  const needCas = record.includes('CAS');
  const needDas = record.includes('DAS');
  if (needCas !== findings.some((f) => CAS.includes(f)) || needDas !== findings.some((f) => DAS.includes(f)))
    issue('count-mismatch', `record label '${record}' disagrees with event types [${findings.join(', ')}]`);
  return { findings, normal: false };
}

function labelsOf(name: string, a: Annotation, split: Split, issue: Issue): RecordingLabels | undefined {
  const [patient, age, sex, siteCode] = name.split('_');
  const site = sprsoundSite(siteCode ?? '');
  const record = a.record_annotation ?? a.recording_annotation ?? '';
  if (!site || !RECORD_LABELS.includes(record)) {
    issue('unknown-label', `cannot read site '${siteCode}' or record label '${record}'`);
    return undefined;
  }
  const events = eventsOf(a, issue);
  return {
    id: `sprsound/${name}`,
    source: 'sprsound',
    patient,
    domain: 'lung',
    site,
    ...findingsOf(record, events, issue),
    events,
    diagnosis: [],
    ageGroup: ageGroupFromYears(Number(age)),
    sex: sex === '0' ? 'male' : sex === '1' ? 'female' : undefined,
    device: 'Yunting model II',
    officialSplit: split,
  };
}

/** JSON files under a folder, searched one level deep (test_json/{intra,inter}_test_json/). */
function jsonFiles(dir: string): string[] {
  if (!isDir(dir)) return [];
  const nested = readdirSync(dir).filter((d) => isDir(path.join(dir, d)));
  return [
    ...filesWithExt(dir, '.json').map((f) => path.join(dir, f)),
    ...nested.flatMap((d) => filesWithExt(path.join(dir, d), '.json').map((f) => path.join(dir, d, f))),
  ];
}

function listSplit(root: string, split: 'train' | 'test', out: SourceListing): void {
  const wavDir = path.join(root, `${split}_wav`);
  const jsons = new Map(jsonFiles(path.join(root, `${split}_json`)).map((f) => [stem(f), f]));
  for (const wav of filesWithExt(wavDir, '.wav')) {
    const name = stem(wav);
    const file = `${split}_wav/${wav}`;
    const issue: Issue = (kind, message) => out.issues.push({ source: 'sprsound', kind, file, message });
    const json = jsons.get(name);
    jsons.delete(name);
    if (!json) {
      issue('missing-labels', 'no annotation JSON');
      continue;
    }
    const labels = labelsOf(name, JSON.parse(readText(json)) as Annotation, split, issue);
    if (labels) out.records.push({ labels, audioPath: path.join(wavDir, wav) });
  }
  for (const [name, json] of jsons)
    out.issues.push({
      source: 'sprsound',
      kind: 'missing-audio',
      file: path.relative(root, json),
      message: `no ${name}.wav`,
    });
}

async function list(root: string): Promise<SourceListing> {
  const out: SourceListing = { records: [], issues: [] };
  listSplit(root, 'train', out);
  listSplit(root, 'test', out);
  return out;
}

export const sprsound: SourceAdapter = {
  name: 'sprsound',
  folder: 'sprsound',
  detect: (root) => isDir(path.join(root, 'train_wav')) || isDir(path.join(root, 'test_wav')),
  list,
};
