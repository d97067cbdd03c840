// ICBHI 2017 respiratory sound adapter: <pid>_<rec>_<site>_<mode>_<device>.wav with a same-named .txt of
// cycles "start end crackles wheezes", patient_diagnosis.csv (or ICBHI_Challenge_diagnosis.txt), optional
// ICBHI_challenge_train_test.txt (official split) and demographic_info.txt (age, sex).
import path from 'node:path';
import type { Diagnosis, Finding, RecordingLabels, Sex, TimedEvent } from '../../../src/core/clinical/schema';
import { icbhiSite } from '../../../src/core/clinical/sites';
import type { AdapterIssue, SourceAdapter, SourceListing } from './types';
import { ageGroupFromYears, filesWithExt, isDir, isFile, readText, stem } from './util';

/** Folders in which the official and the Kaggle releases keep the recordings. */
const AUDIO_DIRS = ['', 'ICBHI_final_database', 'audio_and_txt_files'];

const DIAGNOSES: Record<string, Diagnosis[]> = {
  Healthy: [],
  URTI: ['urti'],
  LRTI: ['lrti'],
  COPD: ['copd'],
  Asthma: ['asthma'],
  Bronchiectasis: ['bronchiectasis'],
  Pneumonia: ['pneumonia'],
  Bronchiolitis: ['bronchiolitis'],
};

/** ICBHI does not type its crackles; they are taken as coarse (see docs/labels.md). */
const CRACKLE: Finding = 'coarse-crackles';

/** Whitespace- or comma-separated two-column table (pid → value). */
function table(file: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!isFile(file)) return out;
  for (const line of readText(file).split(/\r?\n/)) {
    const cells = line.trim().split(/[\s,]+/);
    if (cells.length >= 2) out.set(cells[0], cells.slice(1));
  }
  return out;
}

/** Cycle annotations → events: each cycle is labelled crackles, wheeze, both, or normal breath sound. */
export function parseCycles(text: string, normalSound: Finding): TimedEvent[] {
  const events: TimedEvent[] = [];
  for (const line of text.split(/\r?\n/)) {
    const [start, end, crackles, wheezes] = line.trim().split(/\s+/);
    if (end === undefined) continue;
    const span = { startS: Number(start), endS: Number(end) };
    if (crackles === '1') events.push({ type: CRACKLE, ...span });
    if (wheezes === '1') events.push({ type: 'wheeze', ...span });
    if (crackles !== '1' && wheezes !== '1') events.push({ type: normalSound, ...span });
  }
  return events;
}

interface Tables {
  diagnosis: Map<string, string[]>;
  official: Map<string, string[]>;
  demographics: Map<string, string[]>;
}

function demographics(row: string[] | undefined): Pick<RecordingLabels, 'ageGroup' | 'sex'> {
  if (!row) return {};
  const age = row[0] === 'NA' ? undefined : ageGroupFromYears(Number(row[0]));
  const sex: Sex | undefined = row[1] === 'F' ? 'female' : row[1] === 'M' ? 'male' : undefined;
  return { ...(age ? { ageGroup: age } : {}), ...(sex ? { sex } : {}) };
}

function labelsOf(
  name: string,
  dir: string,
  t: Tables,
  issue: (k: AdapterIssue['kind'], m: string) => undefined,
): RecordingLabels | undefined {
  const [pid, , siteCode, , device] = name.split('_');
  const site = icbhiSite(siteCode ?? '');
  const diagnosis = DIAGNOSES[t.diagnosis.get(pid)?.[0] ?? ''];
  if (!site || !device) return issue('unknown-label', `cannot read site/device from the file name`);
  if (!diagnosis)
    return issue(
      'unknown-label',
      `no known diagnosis for patient ${pid} ('${t.diagnosis.get(pid)?.[0] ?? ''}')`,
    );
  const txt = path.join(dir, `${name}.txt`);
  if (!isFile(txt)) return issue('missing-labels', 'no cycle annotation .txt');
  const normalSound: Finding = site === 'trachea' ? 'bronchial' : 'vesicular';
  const events = parseCycles(readText(txt), normalSound);
  const adventitious = [...new Set(events.map((e) => e.type))].filter((e): e is Finding => e !== normalSound);
  if (adventitious.includes(CRACKLE))
    issue('label-approximated', 'crackle type not given by ICBHI: taken as coarse crackles');
  const official = t.official.get(name)?.[0];
  const labels: RecordingLabels = {
    id: `icbhi/${name}`,
    source: 'icbhi',
    patient: pid,
    domain: 'lung',
    site,
    findings: adventitious.length > 0 ? adventitious : [normalSound],
    normal: adventitious.length === 0,
    events,
    diagnosis: [...diagnosis],
    device,
    ...demographics(t.demographics.get(pid)),
    ...(official === 'test' || official === 'train' ? { officialSplit: official } : {}),
  };
  return labels;
}

function audioDir(root: string): string | undefined {
  return AUDIO_DIRS.map((d) => path.join(root, d)).find((d) => filesWithExt(d, '.wav').length > 0);
}

async function list(root: string): Promise<SourceListing> {
  const out: SourceListing = { records: [], issues: [] };
  const dir = audioDir(root);
  if (!dir) return out;
  const t: Tables = {
    diagnosis: new Map([
      ...table(path.join(root, 'ICBHI_Challenge_diagnosis.txt')),
      ...table(path.join(root, 'patient_diagnosis.csv')),
    ]),
    official: table(path.join(root, 'ICBHI_challenge_train_test.txt')),
    demographics: table(path.join(root, 'demographic_info.txt')),
  };
  if (t.diagnosis.size === 0)
    out.issues.push({
      source: 'icbhi',
      kind: 'missing-labels',
      file: 'patient_diagnosis.csv',
      message: 'no diagnosis table found',
    });
  for (const wav of filesWithExt(dir, '.wav')) {
    const name = stem(wav);
    const file = path.relative(root, path.join(dir, wav));
    const labels = labelsOf(name, dir, t, (kind, message) => {
      out.issues.push({ source: 'icbhi', kind, file, message });
      return undefined;
    });
    if (labels) out.records.push({ labels, audioPath: path.join(dir, wav) });
  }
  const wavs = new Set(filesWithExt(dir, '.wav').map(stem));
  for (const txt of filesWithExt(dir, '.txt').map(stem))
    if (!wavs.has(txt))
      out.issues.push({
        source: 'icbhi',
        kind: 'missing-audio',
        file: `${txt}.txt`,
        message: 'annotation without audio',
      });
  return out;
}

export const icbhi: SourceAdapter = {
  name: 'icbhi',
  folder: 'icbhi',
  detect: (root) => isDir(root) && audioDir(root) !== undefined,
  list,
};
