// PhysioNet/CinC Challenge 2016 adapter: training-?/ folders, each with REFERENCE.csv ("a0001,-1": -1 normal,
// 1 abnormal; an optional third column is the signal-quality flag, 0 = unusable) and <name>.wav.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { RecordingLabels } from '../../../src/core/clinical/schema';
import type { AdapterIssue, SourceAdapter, SourceListing } from './types';
import { csvRows, filesWithExt, isDir, isFile, readText, stem } from './util';

function folders(root: string): string[] {
  if (!isDir(root)) return [];
  return readdirSync(root)
    .filter((d) => /^training-[a-z]$/.test(d) && isDir(path.join(root, d)))
    .sort();
}

function labelsFor(name: string, label: string, quality: string | undefined): RecordingLabels | undefined {
  const poor = quality === '0';
  const base = {
    source: 'physionet2016' as const,
    domain: 'heart' as const,
    site: 'unknown' as const,
    events: [],
    diagnosis: [],
  };
  // Recording names are unique across the challenge folders; the dataset gives no patient ids, so each recording
  // is its own patient (documented in docs/labels.md).
  const ids = { id: `physionet2016/${name}`, patient: name };
  if (label === '-1')
    return {
      ...base,
      ...ids,
      findings: poor ? ['normal-s1s2', 'poor-quality'] : ['normal-s1s2'],
      normal: true,
    };
  if (label === '1') return { ...base, ...ids, findings: poor ? ['poor-quality'] : [], normal: false };
  return undefined;
}

function listFolder(root: string, folder: string, out: SourceListing): void {
  const dir = path.join(root, folder);
  const issue = (kind: AdapterIssue['kind'], file: string, message: string) =>
    out.issues.push({ source: 'physionet2016', kind, file: `${folder}/${file}`, message });
  const refFile = ['REFERENCE_withSQI.csv', 'REFERENCE.csv'].find((f) => isFile(path.join(dir, f)));
  const wavs = new Set(filesWithExt(dir, '.wav').map(stem));
  if (!refFile) {
    issue('missing-labels', 'REFERENCE.csv', `no REFERENCE.csv: ${wavs.size} recordings unlabelled`);
    return;
  }
  for (const [name, label, quality] of csvRows(readText(path.join(dir, refFile)))) {
    const labels = labelsFor(name, label, quality);
    if (!labels) issue('unknown-label', `${name}.wav`, `${refFile}: label '${label}' is neither 1 nor -1`);
    else if (!wavs.has(name)) issue('missing-audio', `${name}.wav`, `listed in ${refFile} but absent`);
    else out.records.push({ labels, audioPath: path.join(dir, `${name}.wav`) });
    wavs.delete(name);
  }
  for (const name of wavs) issue('missing-labels', `${name}.wav`, `not listed in ${refFile}`);
}

async function list(root: string): Promise<SourceListing> {
  const out: SourceListing = { records: [], issues: [] };
  for (const folder of folders(root)) listFolder(root, folder, out);
  if (isDir(path.join(root, 'validation')))
    out.issues.push({
      source: 'physionet2016',
      kind: 'skipped-duplicate',
      file: 'validation',
      message: 'validation/ repeats recordings of the training-? folders: skipped to avoid duplicates',
    });
  return out;
}

export const physionet2016: SourceAdapter = {
  name: 'physionet2016',
  folder: 'physionet2016',
  detect: (root) => folders(root).length > 0,
  list,
};
