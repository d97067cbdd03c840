// The shared exam: one zip with exam.json (the exam and its recordings' details), the recordings' WAV files exactly
// as stored, the imported files exactly as they came in (originals/), the report as text, the FHIR bundle, and the
// attribution of labelled recordings; and its reading back.
import type { Exam } from '../clinical/exam';
import { isHeartSite, isLungSite, type Site } from '../clinical/schema';
import { siteName } from '../clinical/sites';
import { readZip, writeZip, type ZipEntry } from './zip';

export const ARCHIVE_FORMAT = 'auscult-exam';
export const ARCHIVE_VERSION = 1;

/** What an archive needs of a recording's details; the rest of them travels along unchanged. */
export interface ArchivableMeta {
  id: string;
  name: string;
  site: Site;
  truth?: { attribution: string };
  /** An imported recording's file name as given. */
  originalName?: string;
}
export interface ArchivedRecording<M extends ArchivableMeta = ArchivableMeta> {
  meta: M;
  wav: Uint8Array;
  /** The imported file's bytes as they came in (the WAV is decoded from them); absent for microphone recordings. */
  original?: Uint8Array;
}
interface ExamJson {
  format: typeof ARCHIVE_FORMAT;
  version: number;
  exam: Exam;
  /** `original`: where the imported file is (archives written before originals were kept have none). */
  recordings: { file: string; original?: string; meta: ArchivableMeta }[];
}

const json = (x: unknown) => new TextEncoder().encode(JSON.stringify(x, null, 2) + '\n');
const text = (lines: string[]) => new TextEncoder().encode(lines.join('\n') + '\n');

const siteTag = (i: number, site: Site) =>
  `${String(i + 1).padStart(2, '0')}-${site === 'unknown' ? 'site' : site}`;

function fileName(i: number, site: Site): string {
  return `recordings/${siteTag(i, site)}.wav`;
}

/** originals/01-AV-<the file's own name, reduced to characters every unzip tool keeps>. */
function originalFileName(i: number, meta: ArchivableMeta): string {
  const own = (meta.originalName ?? '').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
  return `originals/${siteTag(i, meta.site)}-${own || 'original'}`;
}

/** Attribution lines: every credit once, with the sites it covers. */
export function attributionLines(recordings: readonly { meta: ArchivableMeta }[]): string[] {
  const bySource = new Map<string, string[]>();
  for (const { meta } of recordings)
    if (meta.truth?.attribution)
      bySource.set(meta.truth.attribution, [
        ...(bySource.get(meta.truth.attribution) ?? []),
        siteName(meta.site),
      ]);
  return [...bySource].map(([credit, sites]) => `${credit} — ${sites.join(', ')}`);
}

export function writeExamArchive(
  exam: Exam,
  recordings: readonly ArchivedRecording[],
  extras: { reportLines: string[]; fhir: unknown },
): Uint8Array {
  const files = recordings.map((r, i) => ({
    r,
    file: fileName(i, r.meta.site),
    ...(r.original ? { original: originalFileName(i, r.meta) } : {}),
  }));
  const manifest: ExamJson = {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exam,
    recordings: files.map(({ r, file, original }) => ({
      file,
      ...(original ? { original } : {}),
      meta: r.meta,
    })),
  };
  const credits = attributionLines(recordings);
  const entries: ZipEntry[] = [
    { name: 'exam.json', bytes: json(manifest) },
    ...files.map(({ r, file }) => ({ name: file, bytes: r.wav })),
    ...files.flatMap(({ r, original }) =>
      original && r.original ? [{ name: original, bytes: r.original }] : [],
    ),
    { name: 'report.txt', bytes: text(extras.reportLines) },
    { name: 'fhir-bundle.json', bytes: json(extras.fhir) },
    ...(credits.length
      ? [{ name: 'ATTRIBUTION.txt', bytes: text(['Recordings from open datasets:', ...credits]) }]
      : []),
  ];
  return writeZip(entries);
}

/** Reads an archive back; throws with what is wrong when it is not an Auscult exam or a part is missing. */
export function readExamArchive(zip: Uint8Array): { exam: Exam; recordings: ArchivedRecording[] } {
  const entries = new Map(readZip(zip).map((e) => [e.name, e.bytes]));
  const raw = entries.get('exam.json');
  if (!raw) throw new Error('This zip file holds no exam.json: it is not an exam exported by Auscult.');
  const m = JSON.parse(new TextDecoder().decode(raw)) as Partial<ExamJson>;
  if (m.format !== ARCHIVE_FORMAT || typeof m.version !== 'number')
    throw new Error('exam.json is not an Auscult exam (format "auscult-exam").');
  if (m.version > ARCHIVE_VERSION)
    throw new Error(
      `This exam was exported by a newer Auscult (format ${m.version}); update the app to open it.`,
    );
  const exam = m.exam;
  if (!exam || typeof exam.id !== 'string' || !Array.isArray(exam.sites) || !Array.isArray(m.recordings))
    throw new Error('exam.json lacks the exam or its recordings.');
  const held = (name: string) => {
    const bytes = entries.get(name);
    if (!bytes) throw new Error(`The archive lists ${name} but does not hold it.`);
    return bytes;
  };
  const recordings = m.recordings.map(({ file, original, meta }) => {
    const wav = held(file);
    if (!validSite(meta.site)) throw new Error(`${file} has an unknown site "${String(meta.site)}".`);
    return { meta, wav, ...(original ? { original: held(original) } : {}) };
  });
  return { exam, recordings };
}

function validSite(s: unknown): s is Site {
  return typeof s === 'string' && (s === 'unknown' || isHeartSite(s) || isLungSite(s));
}
