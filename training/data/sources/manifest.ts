// Generic JSONL manifest adapter, the documented way to bring your own labelled recordings: every *.jsonl file in
// <datasets>/manifest/ holds one recording per line (see docs/labels.md). Unknown labels are reported with the line.
import path from 'node:path';
import {
  AGE_GROUPS,
  DOMAINS,
  isDiagnosis,
  isFinding,
  isHeartSite,
  isLungSite,
  type Diagnosis,
  type Domain,
  type Finding,
  type RecordingLabels,
  type Site,
  type TimedEvent,
} from '../../../src/core/clinical/schema';
import { parseSite } from '../../../src/core/clinical/sites';
import { labelProblems } from '../validate';
import type { SourceAdapter, SourceListing, SourceRecord } from './types';
import { filesWithExt, isDir, isFile, readText, stem } from './util';

/** Thrown for a manifest line that cannot be used; the message names the line and the field. */
export class ManifestError extends Error {
  override name = 'ManifestError';
}

type Raw = Record<string, unknown>;

function need<T>(ok: boolean, value: T, message: string): T {
  if (!ok) throw new ManifestError(message);
  return value;
}

function stringList(raw: Raw, key: string): string[] {
  const v = raw[key] ?? [];
  return need(
    Array.isArray(v) && v.every((x) => typeof x === 'string'),
    v as string[],
    `'${key}' must be an array of strings`,
  );
}

function siteOf(raw: Raw, domain: Domain): Site {
  const text = need(typeof raw.site === 'string', String(raw.site), `'site' must be a string`);
  const site = parseSite(text);
  const fits =
    site === 'unknown' || (site !== undefined && (domain === 'heart' ? isHeartSite(site) : isLungSite(site)));
  return need(fits, site as Site, `unknown ${domain} site '${text}'`);
}

function eventsOf(raw: Raw): TimedEvent[] {
  const v = raw.events ?? [];
  need(Array.isArray(v), v, `'events' must be an array`);
  return (v as Raw[]).map((e) => ({
    type: e.type as TimedEvent['type'],
    startS: Number(e.startS),
    endS: Number(e.endS),
  }));
}

/** Parses one manifest line into labels; throws ManifestError naming what is wrong. */
export function parseManifestLine(
  line: string,
  fallbackName: string,
): { labels: RecordingLabels; audio: string } {
  let raw: Raw;
  try {
    raw = JSON.parse(line) as Raw;
  } catch {
    throw new ManifestError('not valid JSON');
  }
  const audio = need(
    typeof raw.audio === 'string' && raw.audio !== '',
    String(raw.audio),
    `'audio' (path to a WAV file) is required`,
  );
  const domain = need(
    (DOMAINS as readonly unknown[]).includes(raw.domain),
    raw.domain as Domain,
    `'domain' must be heart or lung`,
  );
  const findings = stringList(raw, 'findings');
  for (const f of findings) need(isFinding(f), f, `unknown finding '${f}'`);
  const diagnosis = stringList(raw, 'diagnosis');
  for (const d of diagnosis) need(isDiagnosis(d), d, `unknown diagnosis '${d}'`);
  const normal = need(
    raw.normal === true || raw.normal === false || raw.normal === null,
    raw.normal as boolean | null,
    `'normal' must be true, false or null`,
  );
  const name = typeof raw.id === 'string' ? raw.id : stem(audio) || fallbackName;
  const labels: RecordingLabels = {
    id: `manifest/${name}`,
    source: 'manifest',
    patient: typeof raw.patient === 'string' && raw.patient ? raw.patient : name,
    domain,
    site: siteOf(raw, domain),
    findings: findings as Finding[],
    normal,
    events: eventsOf(raw),
    diagnosis: diagnosis as Diagnosis[],
    ...(typeof raw.ageGroup === 'string' && (AGE_GROUPS as readonly string[]).includes(raw.ageGroup)
      ? { ageGroup: raw.ageGroup as RecordingLabels['ageGroup'] }
      : {}),
    ...(raw.sex === 'female' || raw.sex === 'male' ? { sex: raw.sex } : {}),
    ...(typeof raw.device === 'string' ? { device: raw.device } : {}),
  };
  const problems = labelProblems(labels);
  need(problems.length === 0, labels, problems.join('; '));
  return { labels, audio };
}

function listFile(root: string, file: string, out: SourceListing, ids: Set<string>): void {
  const lines = readText(path.join(root, file)).split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const at = `${file}:${i + 1}`;
    try {
      const { labels, audio } = parseManifestLine(line, `${stem(file)}-${i + 1}`);
      const audioPath = path.resolve(root, audio);
      if (ids.has(labels.id)) throw new ManifestError(`duplicate id '${labels.id}'`);
      ids.add(labels.id);
      if (!isFile(audioPath)) {
        out.issues.push({
          source: 'manifest',
          kind: 'missing-audio',
          file: at,
          message: `no file at ${audio}`,
        });
        return;
      }
      const record: SourceRecord = { labels, audioPath };
      out.records.push(record);
    } catch (err) {
      if (!(err instanceof ManifestError)) throw err;
      out.issues.push({
        source: 'manifest',
        kind: 'unknown-label',
        file: at,
        message: `line ${i + 1}: ${err.message}`,
      });
    }
  });
}

async function list(root: string): Promise<SourceListing> {
  const out: SourceListing = { records: [], issues: [] };
  const ids = new Set<string>();
  for (const file of filesWithExt(root, '.jsonl')) listFile(root, file, out, ids);
  return out;
}

export const manifest: SourceAdapter = {
  name: 'manifest',
  folder: 'manifest',
  detect: (root) => isDir(root) && filesWithExt(root, '.jsonl').length > 0,
  list,
};
