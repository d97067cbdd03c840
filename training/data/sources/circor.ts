// CirCor DigiScope 1.0.3 adapter: training_data/<patient>.txt (recordings, murmur attributes, outcome),
// <patient>_<site>[_n].wav and the .tsv S1/systole/S2/diastole segmentation.
import path from 'node:path';
import type {
  Finding,
  HeartSite,
  MurmurAttributes,
  RecordingLabels,
  TimedEvent,
} from '../../../src/core/clinical/schema';
import { circorSite } from '../../../src/core/clinical/sites';
import { parseCircorMurmur, parseCircorAge, type CircorHeader } from './circor-fields';
import type { AdapterIssue, SourceAdapter, SourceListing, SourceRecord } from './types';
import { csvRows, filesWithExt, isDir, isFile, readText, stem } from './util';

interface PatientFile {
  id: string;
  declaredCount: number;
  recordings: { site: string; wav: string; tsv: string }[];
  header: CircorHeader;
}

function parsePatientFile(text: string): PatientFile {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const [id, count] = lines[0].trim().split(/\s+/);
  const recordings: PatientFile['recordings'] = [];
  const header: CircorHeader = {};
  for (const line of lines.slice(1)) {
    if (line.startsWith('#')) {
      const at = line.indexOf(':');
      if (at > 0) header[line.slice(1, at).trim()] = line.slice(at + 1).trim();
      continue;
    }
    const [site, , wav, tsv] = line.trim().split(/\s+/);
    recordings.push({ site, wav, tsv });
  }
  return { id, declaredCount: Number(count), recordings, header };
}

const STATES: Record<string, TimedEvent['type']> = { '1': 'S1', '2': 'systole', '3': 'S2', '4': 'diastole' };

/** Reads a CirCor .tsv (start, end, state 0–4); state 0 (unannotated) is skipped. */
export function parseSegmentation(text: string): TimedEvent[] {
  const events: TimedEvent[] = [];
  for (const line of text.split(/\r?\n/)) {
    const [start, end, state] = line.trim().split(/\s+/);
    const type = STATES[state];
    if (type) events.push({ type, startS: Number(start), endS: Number(end) });
  }
  return events;
}

interface SiteLabels {
  findings: Finding[];
  normal: boolean | null;
  murmur?: MurmurAttributes;
}

/**
 * Findings at one site. A murmur-present patient's murmur is asserted only at the sites listed in
 * "#Murmur locations"; elsewhere it was not heard, so the recording counts as normal heart sounds.
 */
function siteLabels(p: PatientFile, site: HeartSite, issues: AdapterIssue[], file: string): SiteLabels {
  const status = p.header['Murmur'];
  if (status === 'Absent') return { findings: ['normal-s1s2'], normal: true };
  if (status === 'Unknown') return { findings: ['poor-quality'], normal: null };
  if (status !== 'Present') {
    issues.push({ source: 'circor', kind: 'missing-labels', file, message: `#Murmur is '${status ?? ''}'` });
    return { findings: [], normal: null };
  }
  const where = (p.header['Murmur locations'] ?? '').split('+');
  if (!where.includes(site)) return { findings: ['normal-s1s2'], normal: true };
  const { findings, murmur } = parseCircorMurmur(p.header);
  if (findings.length === 0)
    issues.push({
      source: 'circor',
      kind: 'missing-labels',
      file,
      message: 'murmur present but no timing given',
    });
  return { findings, normal: false, murmur };
}

function recordingOf(
  p: PatientFile,
  rec: PatientFile['recordings'][number],
  dir: string,
  issues: AdapterIssue[],
) {
  const site = circorSite(rec.site);
  const wav = path.join(dir, rec.wav);
  const file = `training_data/${rec.wav}`;
  if (!site) {
    issues.push({ source: 'circor', kind: 'unknown-label', file, message: `unknown site '${rec.site}'` });
    return undefined;
  }
  if (!isFile(wav)) {
    issues.push({
      source: 'circor',
      kind: 'missing-audio',
      file,
      message: `listed in ${p.id}.txt but absent`,
    });
    return undefined;
  }
  const tsv = path.join(dir, rec.tsv);
  const events = isFile(tsv) ? parseSegmentation(readText(tsv)) : [];
  if (events.length === 0)
    issues.push({
      source: 'circor',
      kind: 'missing-labels',
      file,
      message: 'no S1/S2 segmentation (.tsv missing or empty)',
    });
  const h = p.header;
  const labels: RecordingLabels = {
    id: `circor/${stem(rec.wav)}`,
    source: 'circor',
    patient: p.id,
    domain: 'heart',
    site,
    ...siteLabels(p, site, issues, file),
    events,
    diagnosis: [],
    outcome: h['Outcome'] === 'Abnormal' ? 'abnormal' : h['Outcome'] === 'Normal' ? 'normal' : undefined,
    ageGroup: parseCircorAge(h['Age']),
    sex: h['Sex'] === 'Female' ? 'female' : h['Sex'] === 'Male' ? 'male' : undefined,
  };
  return labels;
}

/** Patients who were recorded in both campaigns carry each other's id in "#Additional ID": split them together. */
function splitKeyOf(p: PatientFile): string {
  const other = Number(p.header['Additional ID']);
  return Number.isFinite(other) && other < Number(p.id) ? String(other) : p.id;
}

function checkCounts(root: string, patients: PatientFile[], wavs: string[], issues: AdapterIssue[]): void {
  const listed = new Set(patients.flatMap((p) => p.recordings.map((r) => r.wav)));
  for (const w of wavs)
    if (!listed.has(w))
      issues.push({
        source: 'circor',
        kind: 'missing-labels',
        file: `training_data/${w}`,
        message: 'no patient file lists it',
      });
  for (const p of patients)
    if (p.declaredCount !== p.recordings.length)
      issues.push({
        source: 'circor',
        kind: 'count-mismatch',
        file: `training_data/${p.id}.txt`,
        message: `header declares ${p.declaredCount} recordings, lists ${p.recordings.length}`,
      });
  const csv = path.join(root, 'training_data.csv');
  if (isFile(csv)) {
    const rows = csvRows(readText(csv)).length - 1;
    if (rows !== patients.length)
      issues.push({
        source: 'circor',
        kind: 'count-mismatch',
        file: 'training_data.csv',
        message: `${rows} patients in CSV, ${patients.length} patient files`,
      });
  }
}

async function list(root: string): Promise<SourceListing> {
  const dir = path.join(root, 'training_data');
  const issues: AdapterIssue[] = [];
  const patients = filesWithExt(dir, '.txt').map((f) => parsePatientFile(readText(path.join(dir, f))));
  const records: SourceRecord[] = [];
  for (const p of patients) {
    for (const rec of p.recordings) {
      const labels = recordingOf(p, rec, dir, issues);
      if (labels) records.push({ labels, audioPath: path.join(dir, rec.wav), splitKey: splitKeyOf(p) });
    }
  }
  checkCounts(root, patients, filesWithExt(dir, '.wav'), issues);
  return { records, issues };
}

export const circor: SourceAdapter = {
  name: 'circor',
  folder: 'circor',
  detect: (root) => isDir(path.join(root, 'training_data')),
  list,
};
