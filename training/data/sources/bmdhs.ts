// BUET Multi-disease Heart Sound (BMD-HS) adapter: train/<class>_<patient>_<sit|sup>_<Aor|Pul|Tri|Mit>.wav,
// train.csv (per patient: AS, AR, MR, MS, N flags and the 8 file names) and additional_metadata.csv (age, sex).
// The lesions are per patient, so each lesion's textbook murmur is asserted in all 8 of the patient's recordings.
import path from 'node:path';
import {
  FINDINGS,
  type Diagnosis,
  type Finding,
  type HeartSite,
  type MurmurAttributes,
  type RecordingLabels,
  type Sex,
} from '../../../src/core/clinical/schema';
import { duplicatesOf } from './duplicates';
import type { AdapterIssue, SourceAdapter, SourceListing, SourceRecord } from './types';
import { ageGroupFromYears, csvRows, filesWithExt, isDir, isFile, readText, stem } from './util';
import { YASEEN_CLASSES } from './yaseen';

type LesionLabels = (typeof YASEEN_CLASSES)[string];

/** BMD-HS lesion flags → schema; AS, MR and MS carry the same textbook murmurs as Yaseen's classes (docs/labels.md). */
export const BMDHS_LESIONS: Readonly<Record<'AS' | 'AR' | 'MR' | 'MS', LesionLabels>> = {
  AS: YASEEN_CLASSES.AS,
  AR: {
    findings: ['diastolic-murmur'],
    normal: false,
    diagnosis: ['aortic-regurgitation'],
    murmur: { phase: 'diastolic', timing: 'early-diastolic', shape: 'decrescendo' },
  },
  MR: YASEEN_CLASSES.MR,
  MS: YASEEN_CLASSES.MS,
};
const LESION_CODES = Object.keys(BMDHS_LESIONS) as (keyof typeof BMDHS_LESIONS)[];

const SITES: Readonly<Record<string, HeartSite>> = { Aor: 'AV', Pul: 'PV', Tri: 'TV', Mit: 'MV' };
/** `<class>_<patient>_<posture>_<site>`; the posture stays in the id, which is this file name. */
const NAME = /^([A-Z]+)_(\d+)_(sit|sup)_(Aor|Pul|Tri|Mit)$/;

export type PatientLabels = Pick<RecordingLabels, 'findings' | 'normal' | 'diagnosis' | 'murmur'>;

/** The murmur attributes every lesion agrees on; none when their phases differ (e.g. AS with AR). */
export function agreedMurmur(murmurs: MurmurAttributes[]): MurmurAttributes | undefined {
  const [first] = murmurs;
  if (!first || murmurs.some((m) => m.phase !== first.phase)) return undefined;
  const same = (k: 'timing' | 'shape' | 'pitch' | 'quality') => murmurs.every((m) => m[k] === first[k]);
  return {
    phase: first.phase,
    ...(same('timing') && first.timing ? { timing: first.timing } : {}),
    ...(same('shape') && first.shape ? { shape: first.shape } : {}),
    ...(same('pitch') && first.pitch ? { pitch: first.pitch } : {}),
    ...(same('quality') && first.quality ? { quality: first.quality } : {}),
  };
}

/** One train.csv row's flags (column → '0'/'1') → labels, or the reason they cannot be read. */
export function patientLabels(flags: Readonly<Record<string, string | undefined>>): PatientLabels | string {
  const bad = [...LESION_CODES, 'N'].filter((c) => flags[c] !== '0' && flags[c] !== '1');
  if (bad.length > 0) return `flags ${bad.map((c) => `${c}='${flags[c] ?? ''}'`).join(', ')} are not 0 or 1`;
  const lesions = LESION_CODES.filter((c) => flags[c] === '1');
  if (flags.N === '1' && lesions.length > 0) return `N=1 together with ${lesions.join(', ')}`;
  if (flags.N === '1') return { findings: ['normal-s1s2'], normal: true, diagnosis: [] };
  if (lesions.length === 0) return 'no flag set (neither N nor a lesion)';
  const present = new Set<Finding>(lesions.flatMap((c) => BMDHS_LESIONS[c].findings));
  const murmur = agreedMurmur(lesions.flatMap((c) => BMDHS_LESIONS[c].murmur ?? []));
  return {
    findings: FINDINGS.filter((f) => present.has(f)),
    normal: false,
    diagnosis: lesions.flatMap((c): Diagnosis[] => BMDHS_LESIONS[c].diagnosis),
    ...(murmur ? { murmur } : {}),
  };
}

interface Demographics {
  ageGroup?: RecordingLabels['ageGroup'];
  sex?: Sex;
}

/** Rows of a CSV as header → cell objects. */
function csvObjects(file: string): Record<string, string>[] {
  const [header, ...rows] = csvRows(readText(file));
  return rows.map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i] ?? ''])));
}

function demographics(root: string): Map<string, Demographics> {
  const file = path.join(root, 'additional_metadata.csv');
  const out = new Map<string, Demographics>();
  if (!isFile(file)) return out;
  for (const row of csvObjects(file)) {
    const age = row.Age ? ageGroupFromYears(Number(row.Age)) : undefined;
    const sex: Sex | undefined = row.Gender === 'M' ? 'male' : row.Gender === 'F' ? 'female' : undefined;
    out.set(row.patient_id, { ...(age ? { ageGroup: age } : {}), ...(sex ? { sex } : {}) });
  }
  return out;
}

/** Class prefixes of the file names that contradict the flags (MD = several lesions, N = normal, else the lesion). */
function classMismatch(names: string[], labels: PatientLabels): string | undefined {
  const expected = labels.normal
    ? 'N'
    : labels.diagnosis.length > 1
      ? 'MD'
      : LESION_CODES.find((c) => BMDHS_LESIONS[c].diagnosis[0] === labels.diagnosis[0]);
  const wrong = [...new Set(names.map((n) => NAME.exec(n)?.[1]))].filter(
    (c) => c !== undefined && c !== expected,
  );
  return wrong.length > 0
    ? `file-name class ${wrong.join(', ')} disagrees with the flags (${expected ?? '?'})`
    : undefined;
}

interface Context {
  dir: string;
  unlisted: Set<string>;
  out: SourceListing;
}

/** The audio of a listed name: the file itself, else the one unlisted file that extends the name (MD_085_sit_Tri6_06). */
function audioFor(name: string, ctx: Context): string | undefined {
  const issue = (kind: AdapterIssue['kind'], message: string) =>
    ctx.out.issues.push({ source: 'bmdhs', kind, file: `train/${name}.wav`, message });
  if (ctx.unlisted.delete(name)) return path.join(ctx.dir, `${name}.wav`);
  const near = [...ctx.unlisted].filter((u) => u.startsWith(name) && !/^[A-Za-z]/.test(u.slice(name.length)));
  if (near.length === 1) {
    ctx.unlisted.delete(near[0]);
    issue(
      'label-approximated',
      `listed in train.csv but absent; taken from ${near[0]}.wav, the one unlisted file extending the name`,
    );
    return path.join(ctx.dir, `${near[0]}.wav`);
  }
  issue('missing-audio', 'listed in train.csv but absent');
  return undefined;
}

function listPatient(row: Record<string, string>, who: Demographics | undefined, ctx: Context): void {
  const issue = (kind: AdapterIssue['kind'], message: string) => {
    ctx.out.issues.push({
      source: 'bmdhs',
      kind,
      file: 'train.csv',
      message: `${row.patient_id}: ${message}`,
    });
  };
  const labels = patientLabels(row);
  const names = Object.keys(row)
    .filter((k) => /^recording_\d+$/.test(k) && row[k] !== '')
    .map((k) => row[k].replace(/\.wav$/i, ''));
  if (typeof labels === 'string') return issue('unknown-label', labels);
  const mismatch = classMismatch(names, labels);
  if (mismatch) issue('count-mismatch', mismatch);
  if (!who) issue('missing-labels', 'not in additional_metadata.csv: no age or sex');
  for (const name of names) {
    const m = NAME.exec(name);
    if (!m) {
      issue('unknown-label', `recording '${name}' is not <class>_<patient>_<sit|sup>_<Aor|Pul|Tri|Mit>`);
      continue;
    }
    const audioPath = audioFor(name, ctx);
    if (!audioPath) continue;
    const murmur = labels.murmur ? { murmur: { ...labels.murmur } } : {};
    ctx.out.records.push({
      audioPath,
      labels: {
        id: `bmdhs/${name}`,
        source: 'bmdhs',
        patient: m[2],
        domain: 'heart',
        site: SITES[m[4]],
        findings: [...labels.findings],
        normal: labels.normal,
        ...murmur,
        events: [],
        diagnosis: [...labels.diagnosis],
        ...who,
      },
    });
  }
}

/**
 * Byte-identical copies (the release has 5, each within one patient under two sites): the first listed is kept and,
 * since its true site is then one of two, its site becomes unknown; the other is reported and skipped.
 */
function dropDuplicates(out: SourceListing): SourceRecord[] {
  const copies = duplicatesOf(out.records.map((r) => r.audioPath));
  const byPath = new Map(out.records.map((r) => [r.audioPath, r]));
  for (const [copy, first] of copies) {
    const kept = byPath.get(first);
    const skipped = byPath.get(copy);
    if (!kept || !skipped) continue;
    const siteNote =
      kept.labels.site !== skipped.labels.site ? `; ${kept.labels.id}'s site set to unknown` : '';
    if (siteNote) kept.labels.site = 'unknown';
    const file = `train/${path.basename(copy)}`;
    out.issues.push({
      source: 'bmdhs',
      kind: 'skipped-duplicate',
      file,
      message: `byte-identical to ${path.basename(first)}${siteNote}`,
    });
  }
  return out.records.filter((r) => !copies.has(r.audioPath));
}

async function list(root: string): Promise<SourceListing> {
  const out: SourceListing = { records: [], issues: [] };
  const csv = path.join(root, 'train.csv');
  if (!isFile(csv)) {
    out.issues.push({
      source: 'bmdhs',
      kind: 'missing-labels',
      file: 'train.csv',
      message: 'train.csv not found',
    });
    return out;
  }
  const dir = path.join(root, 'train');
  const ctx: Context = { dir, unlisted: new Set(filesWithExt(dir, '.wav').map(stem)), out };
  const who = demographics(root);
  for (const row of csvObjects(csv)) listPatient(row, who.get(row.patient_id), ctx);
  for (const name of ctx.unlisted)
    out.issues.push({
      source: 'bmdhs',
      kind: 'missing-labels',
      file: `train/${name}.wav`,
      message: 'not listed in train.csv: skipped',
    });
  out.records = dropDuplicates(out);
  return out;
}

export const bmdhs: SourceAdapter = {
  name: 'bmdhs',
  folder: 'bmdhs',
  detect: (root) => isFile(path.join(root, 'train.csv')) || isDir(path.join(root, 'train')),
  list,
};
