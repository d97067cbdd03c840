// Reference answers for single-recording tasks, rendered only from what the labels support (./truth) with
// varied wording. Reasoning and differential text comes from the clinical knowledge base.
import { DIAGNOSIS_KB, FINDING_KB, siteMeaning } from '../clinical/knowledge';
import type { Domain, RecordingLabels, Site } from '../clinical/schema';
import { siteName } from '../clinical/sites';
import { VERDICT_OPENINGS } from './openings';
import { pick, type Rng } from './random';
import { findingPhrase, heartRateBpm, joinList, truthOf } from './truth';

/** The openings every verdict-carrying task has (./openings.ts): the renderers use the same words. */
const OPEN = VERDICT_OPENINGS as Required<typeof VERDICT_OPENINGS>;

const RERECORD = [
  'Please re-record in a quiet room with the stethoscope held firmly on bare skin.',
  'Please re-record for at least 15 seconds with less movement and background noise.',
  'Please repeat the recording with steady skin contact and the patient still.',
];

/** The answer for a recording that cannot be judged (poor quality or undetermined label). */
export function uncertainAnswer(labels: RecordingLabels, rng: Rng): string {
  const why = labels.findings.includes('poor-quality')
    ? pick(rng, ['the recording quality is too poor', 'there is too much noise in the recording'])
    : pick(rng, ['the sounds are not clear enough', 'the recording does not allow a confident call']);
  const lead = pick(rng, [
    'Uncertain:',
    'I cannot judge this recording reliably:',
    'This cannot be determined:',
  ]);
  return `${lead} ${why}. ${pick(rng, RERECORD)}`;
}

/** The wordings of normal sounds per domain (the first is the one the engine's lung-report opening writes). */
export const NORMAL_SOUNDS: Record<Domain, readonly string[]> = {
  heart: ['normal S1 and S2 with no murmur', 'normal S1 and S2, no murmur, click or gallop'],
  lung: [
    'normal vesicular breath sounds with no crackles or wheeze',
    'normal vesicular breath sounds, no added sounds',
  ],
};

export function normalSounds(domain: Domain, rng: Rng): string {
  return pick(rng, NORMAL_SOUNDS[domain]);
}

function findingList(labels: RecordingLabels, withTimes = false): string {
  return joinList(truthOf(labels).findings.map((f) => findingPhrase(labels, f, withTimes)));
}

function where(labels: RecordingLabels): string {
  return labels.site === 'unknown' ? '' : ` at the ${siteName(labels.site)}`;
}

export function renderClassification(labels: RecordingLabels, rng: Rng): string {
  const t = truthOf(labels);
  if (t.verdict === 'uncertain') return uncertainAnswer(labels, rng);
  if (t.verdict === 'normal') {
    return `${pick(rng, [OPEN.classification.normal, 'This recording is normal.', 'Normal recording.'])} ${cap(normalSounds(labels.domain, rng))}.`;
  }
  const what =
    t.findings.length > 0
      ? `There is ${findingList(labels)}${where(labels)}.`
      : `The ${labels.domain} sounds are not normal.`;
  return `${pick(rng, [OPEN.classification.abnormal, 'This recording is abnormal.', 'Abnormal recording.'])} ${what}`;
}

export function renderDetection(labels: RecordingLabels, rng: Rng): string {
  const t = truthOf(labels);
  if (t.verdict === 'uncertain') return `${uncertainAnswer(labels, rng)} No sound events can be reported.`;
  if (t.verdict === 'normal') {
    const none =
      labels.domain === 'heart'
        ? 'No murmur, click, gallop or rub.'
        : 'No crackles, wheeze, rhonchi or stridor.';
    return `${pick(rng, [OPEN.detection.normal, 'Nothing abnormal detected.'])} ${none}`;
  }
  if (t.findings.length === 0)
    return `Abnormal ${labels.domain} sounds are present, but their type is not labeled.`;
  return `${pick(rng, [OPEN.detection.abnormal, 'Sounds detected:', 'Abnormal sounds present:'])} ${findingList(labels, true)}.`;
}

/** A report's quality line for a recording that can be judged (the engine's lung-report opening writes it too). */
export const REPORT_QUALITY_ADEQUATE = 'Quality: adequate.';

/** A normal report's findings and impression lines, the findings worded as `sounds`. */
export function normalReportLines(domain: Domain, sounds: string): [string, string] {
  return [`Findings: ${sounds}.`, `Impression: normal ${domain} sounds.`];
}

/** A report's first line, e.g. "Site: mitral area (MV)." (the engine opens lung reports with it too). */
export function reportSiteLine(site: Site): string {
  return `Site: ${siteName(site)}${site === 'unknown' ? '' : ` (${site})`}.`;
}

export function renderReporting(labels: RecordingLabels, rng: Rng): string {
  const t = truthOf(labels);
  const lines = [reportSiteLine(labels.site)];
  const bpm = labels.domain === 'heart' ? heartRateBpm(labels.events) : null;
  if (bpm !== null) lines.push(`Heart rate: about ${bpm} bpm.`);
  if (t.verdict === 'uncertain')
    return [...lines, `Quality: inadequate.`, `Impression: ${uncertainAnswer(labels, rng)}`].join('\n');
  lines.push(REPORT_QUALITY_ADEQUATE);
  if (t.verdict === 'normal') {
    lines.push(...normalReportLines(labels.domain, normalSounds(labels.domain, rng)));
  } else {
    const list = t.findings.length > 0 ? findingList(labels, true) : `abnormal ${labels.domain} sounds`;
    lines.push(
      `Findings: ${list}.`,
      `Impression: abnormal${t.diagnoses[0] ? `, consider ${DIAGNOSIS_KB[t.diagnoses[0]].name}` : ''}.`,
    );
  }
  return lines.join('\n');
}

export function renderReasoning(labels: RecordingLabels, rng: Rng): string {
  const t = truthOf(labels);
  if (t.verdict === 'uncertain') return uncertainAnswer(labels, rng);
  if (t.verdict === 'normal') {
    const kb = FINDING_KB[labels.domain === 'heart' ? 'normal-s1s2' : 'vesicular'];
    const added = labels.domain === 'lung' ? ' No added sounds are heard.' : '';
    return `${OPEN.reasoning.normal} ${kb.name}, ${kb.description}.${added}`;
  }
  const f = t.findings[0];
  if (!f)
    return `${OPEN.reasoning.abnormal} the ${labels.domain} sounds are not normal${where(labels)}, but the finding is not specified.`;
  const kb = FINDING_KB[f];
  const others = t.findings.slice(1).map((x) => findingPhrase(labels, x));
  const also = others.length > 0 ? ` Also present: ${joinList(others)}.` : '';
  const dx = t.diagnoses[0] ? `, which suggests ${DIAGNOSIS_KB[t.diagnoses[0]].name}` : '';
  const lead = pick(rng, [OPEN.classification.abnormal, 'Conclusion: abnormal.']);
  return `${lead} Evidence: ${findingPhrase(labels, f)}${where(labels)}, in ${kb.timing}. It arises from ${kb.mechanism}${dx}.${also}`;
}

export function renderDifferential(labels: RecordingLabels, rng: Rng): string {
  const t = truthOf(labels);
  if (t.verdict === 'uncertain') return `A differential cannot be given. ${uncertainAnswer(labels, rng)}`;
  if (t.verdict === 'normal') return OPEN.differential.normal;
  if (t.diagnoses.length === 0)
    return `Abnormal ${labels.domain} sounds, but the labels do not support a specific diagnosis.`;
  const [first, ...rest] = t.diagnoses.map((d) => DIAGNOSIS_KB[d]);
  const list = rest.map((d, i) => `${i + 2}. ${cap(d.name)}: ${d.favouredBy}.`).join(' ');
  return `${OPEN.differential.abnormal} ${cap(first.name)}: ${first.favouredBy}. ${list}`.trim();
}

export function renderLocation(labels: RecordingLabels, rng: Rng): string {
  const t = truthOf(labels);
  const at = labels.site === 'unknown' ? 'At this site' : `At the ${siteName(labels.site)} (${labels.site})`;
  const meaning = siteMeaning(labels.site);
  if (t.verdict === 'uncertain') return `${at}: ${uncertainAnswer(labels, rng)}`;
  if (t.verdict === 'normal')
    return `${at} the sounds are normal: ${normalSounds(labels.domain, rng)}. ${meaning}`;
  const dx = t.diagnoses[0] ? ` Here this suggests ${DIAGNOSIS_KB[t.diagnoses[0]].name}.` : '';
  const what = t.findings.length > 0 ? `there is ${findingList(labels)}` : `the sounds are abnormal`;
  return `${at} ${what}. ${meaning}${dx}`;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function declineAnswer(rng: Rng): string {
  return pick(rng, [
    "I can't help with that: I only analyse heart and lung sound recordings. Please ask a clinician.",
    'That is outside my scope. I only interpret auscultation recordings; please consult a clinician or pharmacist.',
    'I cannot answer that. I only answer questions about the heart or lung sounds in the recording.',
  ]);
}
