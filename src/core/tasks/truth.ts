// What the labels of one recording support: the verdict, the abnormal findings and how to name them. The renderer
// writes answers from this and the scorer checks answers against it, so both agree by construction.
import { abnormalFindings, FINDING_KB, rankDiagnoses } from '../clinical/knowledge';
import type { Diagnosis, Finding, RecordingLabels, TimedEvent } from '../clinical/schema';
import type { Verdict } from './parse';

export interface Truth {
  verdict: Verdict;
  /** Abnormal findings the labels assert (empty for normal and uncertain recordings). */
  findings: Finding[];
  /** Reference diagnosis ranking (labeled first, then knowledge base); empty unless abnormal. */
  diagnoses: Diagnosis[];
}

/** Poor quality or an undetermined label → uncertain; any abnormal finding or an abnormal flag → abnormal. */
export function truthOf(labels: RecordingLabels): Truth {
  const findings = abnormalFindings(labels);
  if (labels.findings.includes('poor-quality') || labels.normal === null) {
    return { verdict: 'uncertain', findings: [], diagnoses: [] };
  }
  if (findings.length > 0 || labels.normal === false) {
    return { verdict: 'abnormal', findings, diagnoses: rankDiagnoses(labels).map((r) => r.diagnosis) };
  }
  return { verdict: 'normal', findings: [], diagnoses: [] };
}

const TIMING_WORDS: Record<string, string> = {
  'early-systolic': 'early systolic',
  'mid-systolic': 'mid-systolic',
  'late-systolic': 'late systolic',
  holosystolic: 'holosystolic',
  'early-diastolic': 'early diastolic',
  'mid-diastolic': 'mid-diastolic',
  'late-diastolic': 'late diastolic',
  holodiastolic: 'holodiastolic',
  continuous: 'continuous',
};

/** "a holosystolic murmur (grade 2/6, blowing, plateau)" from murmur attributes where labeled. */
export function murmurPhrase(labels: Pick<RecordingLabels, 'murmur'>, f: Finding): string {
  const m = labels.murmur;
  const phase =
    f === 'diastolic-murmur' ? 'diastolic' : f === 'continuous-murmur' ? 'continuous' : 'systolic';
  if (!m || m.phase !== phase) return `a ${phase} murmur`;
  const timing = m.timing ? TIMING_WORDS[m.timing] : phase;
  const attrs = [
    m.grade ? `grade ${m.grade}/6` : '',
    m.quality ?? '',
    m.shape ?? '',
    m.pitch ? `${m.pitch} pitch` : '',
  ].filter((a) => a.length > 0);
  return `a ${timing} murmur${attrs.length > 0 ? ` (${attrs.join(', ')})` : ''}`;
}

function eventTimes(events: TimedEvent[], f: Finding): string {
  const ev = events
    .filter((e) => e.type === f)
    .sort((a, b) => a.startS - b.startS)
    .slice(0, 3);
  if (ev.length === 0) return '';
  return ` (at ${ev.map((e) => `${e.startS.toFixed(1)}–${e.endS.toFixed(1)} s`).join(', ')})`;
}

/** Name of one finding as answers write it, with murmur attributes and event times where labeled. */
export function findingPhrase(
  labels: Pick<RecordingLabels, 'murmur' | 'events'>,
  f: Finding,
  withTimes = false,
): string {
  const base = f.endsWith('-murmur') ? murmurPhrase(labels, f) : FINDING_KB[f].name;
  return withTimes ? base + eventTimes(labels.events, f) : base;
}

/** "a, b and c". */
export function joinList(xs: string[]): string {
  if (xs.length <= 1) return xs[0] ?? '';
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

/** Heart rate from labeled S1 onsets (median interval), or null when fewer than three S1 events are labeled. */
export function heartRateBpm(events: TimedEvent[]): number | null {
  const s1 = events.filter((e) => e.type === 'S1').map((e) => e.startS);
  if (s1.length < 3) return null;
  const gaps = s1
    .slice(1)
    .map((t, i) => t - s1[i])
    .filter((g) => g > 0.2 && g < 3)
    .sort((a, b) => a - b);
  if (gaps.length === 0) return null;
  return Math.round(60 / gaps[Math.floor(gaps.length / 2)]);
}
