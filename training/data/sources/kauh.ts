// KAUH lung sounds adapter (Fraiwan et al. 2021): "Audio Files/<B|D|E>P<n>_<diagnosis>,<sounds>,<position>,<age>,<sex>.wav",
// the file name being the whole label. B, D and E are the Littmann 3200's bell, diaphragm and extended filter modes
// of one recording: one patient ("P12"), the mode kept in the id ("kauh/BP12") and in the device.
import path from 'node:path';
import { DIAGNOSIS_KB } from '../../../src/core/clinical/knowledge';
import type {
  AgeGroup,
  Diagnosis,
  Finding,
  LungAspect,
  LungLevel,
  LungSide,
  LungSite,
  RecordingLabels,
  Sex,
  Site,
} from '../../../src/core/clinical/schema';
import { duplicatesOf } from './duplicates';
import type { AdapterIssue, SourceAdapter, SourceListing } from './types';
import { ageGroupFromYears, filesWithExt, isDir, stem } from './util';

const AUDIO_DIR = 'Audio Files';
export const KAUH_DEVICE = 'Littmann 3200';
export type KauhMode = 'bell' | 'diaphragm' | 'extended';
/** File-name letter → filter mode. */
export const KAUH_MODES: Readonly<Record<string, KauhMode>> = { B: 'bell', D: 'diaphragm', E: 'extended' };

/** The filter mode of a KAUH recording id ("kauh/BP12" → "bell"), for pairing the three modes of one recording. */
export function kauhMode(id: string): KauhMode | undefined {
  const letter = /^kauh\/([BDE])P/.exec(id)?.[1];
  return letter ? KAUH_MODES[letter] : undefined;
}

/** Diagnosis words (lower case, single spaces) → schema; null = normal. "Plueral" is a spelling of the release. */
const DIAGNOSES: readonly [RegExp, Diagnosis | null][] = [
  [/^(n|normal)$/, null],
  [/^asthma$/, 'asthma'],
  [/^heart ?failure$/, 'heart-failure'],
  [/^copd$/, 'copd'],
  [/^pneumonia$/, 'pneumonia'],
  [/^(lung|pulmonary) ?fibrosis$/, 'pulmonary-fibrosis'],
  [/^pl(eu|ue)ral ?effusion$/, 'pleural-effusion'],
  // The release lists bronchitis among its seven ailments; BRON is its file-name abbreviation.
  [/^bron(chitis)?$/, 'bronchitis'],
];

type Problem = { kind: AdapterIssue['kind']; message: string };

function parseDiagnosis(text: string, problems: Problem[]): Diagnosis[] {
  const out: Diagnosis[] = [];
  for (const part of text.toLowerCase().split(/\s*(?:\+|&|\/|\band\b)\s*/)) {
    const word = part.replace(/\s+/g, ' ').trim();
    if (!word) continue;
    const hit = DIAGNOSES.find(([re]) => re.test(word));
    if (!hit)
      problems.push({ kind: 'unknown-label', message: `diagnosis '${word}' is not in the schema: left out` });
    else if (hit[1] && !out.includes(hit[1])) out.push(hit[1]);
  }
  return out;
}

const SOUND_TOKENS: Readonly<Record<string, 'normal' | 'crackles' | 'wheeze' | 'phase'>> = {
  N: 'normal',
  C: 'crackles',
  CREP: 'crackles',
  CREPS: 'crackles',
  CRACKLE: 'crackles',
  CRACKLES: 'crackles',
  W: 'wheeze',
  WHEEZE: 'wheeze',
  WHEEZES: 'wheeze',
  I: 'phase',
  E: 'phase',
};

/** Sounds field → kinds present ("I C E W" → crackles, wheeze; I/E only say inspiratory/expiratory); undefined when unreadable. */
export function parseSounds(text: string): Set<'normal' | 'crackles' | 'wheeze'> | undefined {
  const tokens = text
    .toUpperCase()
    .split(/[^A-Z]+/)
    .filter(Boolean);
  // Run-together markers ("IEW") are read letter by letter.
  const spelled = tokens.flatMap((t) => (SOUND_TOKENS[t] || !/^[ICEWN]+$/.test(t) ? [t] : [...t]));
  const kinds = new Set<'normal' | 'crackles' | 'wheeze'>();
  for (const t of spelled) {
    const kind = SOUND_TOKENS[t];
    if (!kind) return undefined;
    if (kind !== 'phase') kinds.add(kind);
  }
  if (kinds.size === 0 || (kinds.has('normal') && kinds.size > 1)) return undefined;
  return kinds;
}

const ASPECTS: Readonly<Record<string, LungAspect>> = { A: 'anterior', P: 'posterior' };
const SIDES: Readonly<Record<string, LungSide>> = { L: 'left', R: 'right' };
const LEVELS: Readonly<Record<string, LungLevel>> = { U: 'upper', M: 'middle', L: 'lower' };

/** Position "P L L" → "posterior-left-lower"; "A R" → "anterior-right"; undefined when it is not one zone ("P L L R"). */
export function parsePosition(text: string): LungSite | undefined {
  const m = /^([AP])([LR])([UML])?$/.exec(text.toUpperCase().replace(/[^A-Z]/g, ''));
  if (!m) return undefined;
  const zone: `${LungAspect}-${LungSide}` = `${ASPECTS[m[1]]}-${SIDES[m[2]]}`;
  return m[3] ? `${zone}-${LEVELS[m[3]]}` : zone;
}

/**
 * KAUH does not say fine or coarse. The knowledge base's typical findings of the clip's diagnoses decide: coarse when
 * they point to coarse crackles only (COPD, bronchitis), otherwise fine (heart failure, lung fibrosis, which carry
 * the crackles of this release). Always reported as an approximation.
 */
function crackleType(diagnosis: Diagnosis[]): Finding {
  const typical = diagnosis.flatMap((d) => DIAGNOSIS_KB[d].typicalFindings);
  return typical.includes('coarse-crackles') && !typical.includes('fine-crackles')
    ? 'coarse-crackles'
    : 'fine-crackles';
}

/** The sounds field as findings (N → vesicular), the crackle type chosen and reported; undefined when unreadable. */
function soundFindings(text: string, diagnosis: Diagnosis[], problems: Problem[]): Finding[] | undefined {
  const sounds = parseSounds(text);
  if (!sounds) {
    problems.push({ kind: 'unknown-label', message: `sounds '${text}' not understood: skipped` });
    return undefined;
  }
  const crackle = crackleType(diagnosis);
  if (sounds.has('crackles')) {
    const why = diagnosis.length > 0 ? ` (typical of ${diagnosis.join(' + ')})` : '';
    problems.push({
      kind: 'label-approximated',
      message: `crackle type not given by KAUH: taken as ${crackle}${why}`,
    });
  }
  return [...sounds].map((s) => (s === 'normal' ? 'vesicular' : s === 'wheeze' ? 'wheeze' : crackle));
}

export interface KauhName {
  /** "BP12": mode letter, P, patient number. */
  clip: string;
  mode: KauhMode;
  /** "P12": shared by the three filter modes of one recording. */
  patient: string;
  diagnosis: Diagnosis[];
  /** Undefined when the sounds field cannot be read (the clip is then skipped). */
  findings?: Finding[];
  normal: boolean;
  site: Site;
  ageGroup?: AgeGroup;
  sex?: Sex;
  problems: Problem[];
}

/** Reads a KAUH file name; undefined when it is not `<B|D|E>P<n>_<diagnosis>,<sounds>,<position>,<age>,<sex>`. */
export function parseKauhName(file: string): KauhName | undefined {
  const m = /^([BDE])P0*(\d+)\s*_\s*(.*)$/i.exec(stem(file).trim());
  const fields = m?.[3].split(/\s*[,;]\s*/) ?? [];
  if (!m || fields.length < 5) return undefined;
  const [diagText, soundText] = fields;
  const positionText = fields.slice(2, -2).join(' ');
  const [ageText, sexText] = fields.slice(-2);
  const letter = m[1].toUpperCase();
  const problems: Problem[] = [];
  const diagnosis = parseDiagnosis(diagText, problems);
  const findings = soundFindings(soundText, diagnosis, problems);
  const site = parsePosition(positionText);
  if (!site)
    problems.push({
      kind: 'label-approximated',
      message: `position '${positionText}' is not one zone: site unknown`,
    });
  const age = ageGroupFromYears(parseFloat(ageText));
  const sex = /^m/i.test(sexText) ? 'male' : /^f/i.test(sexText) ? 'female' : undefined;
  return {
    clip: `${letter}P${m[2]}`,
    mode: KAUH_MODES[letter],
    patient: `P${m[2]}`,
    diagnosis,
    ...(findings ? { findings } : {}),
    normal: findings?.includes('vesicular') ?? false,
    site: site ?? 'unknown',
    ...(age ? { ageGroup: age } : {}),
    ...(sex ? { sex } : {}),
    problems,
  };
}

function labelsOf(p: KauhName & { findings: Finding[] }): RecordingLabels {
  return {
    id: `kauh/${p.clip}`,
    source: 'kauh',
    patient: p.patient,
    domain: 'lung',
    site: p.site,
    findings: p.findings,
    normal: p.normal,
    events: [],
    diagnosis: p.diagnosis,
    ...(p.ageGroup ? { ageGroup: p.ageGroup } : {}),
    ...(p.sex ? { sex: p.sex } : {}),
    device: `${KAUH_DEVICE} ${p.mode}`,
  };
}

async function list(root: string): Promise<SourceListing> {
  const out: SourceListing = { records: [], issues: [] };
  const dir = path.join(root, AUDIO_DIR);
  const wavs = filesWithExt(dir, '.wav');
  const issue = (kind: AdapterIssue['kind'], wav: string, message: string) => {
    out.issues.push({ source: 'kauh', kind, file: path.join(AUDIO_DIR, wav), message });
  };
  if (wavs.length === 0) issue('missing-audio', '', 'no .wav files');
  const copies = duplicatesOf(wavs.map((w) => path.join(dir, w)));
  const ids = new Map<string, string>();
  for (const wav of wavs) {
    const copyOf = copies.get(path.join(dir, wav));
    const p = parseKauhName(wav);
    if (copyOf) issue('skipped-duplicate', wav, `byte-identical to ${path.basename(copyOf)}`);
    else if (!p)
      issue('unknown-label', wav, 'file name is not <B|D|E>P<n>_<diagnosis>,<sounds>,<position>,<age>,<sex>');
    else if (ids.has(p.clip))
      issue('skipped-duplicate', wav, `a second ${p.clip} clip (first: ${ids.get(p.clip)})`);
    if (copyOf || !p || ids.has(p.clip)) continue;
    ids.set(p.clip, wav);
    for (const pr of p.problems) issue(pr.kind, wav, pr.message);
    if (p.findings)
      out.records.push({ labels: labelsOf({ ...p, findings: p.findings }), audioPath: path.join(dir, wav) });
  }
  return out;
}

export const kauh: SourceAdapter = {
  name: 'kauh',
  folder: 'kauh',
  detect: (root) => isDir(path.join(root, AUDIO_DIR)),
  list,
};
