// Reference answers that involve two recordings: comparison (which one is abnormal and how they differ) and the
// site-aware "where is the murmur loudest" question over two sites of the same patient.
import type { HeartSite, RecordingLabels } from '../clinical/schema';
import { siteName } from '../clinical/sites';
import { COMPARISON_OPENINGS, whichAbnormalFrom } from './openings';
import type { WhichAbnormal } from './parse';
import { pick, type Rng } from './random';
import { findingPhrase, joinList, truthOf } from './truth';

/** Which of two recordings is abnormal, or null when either cannot be judged. */
export function whichAbnormalOf(a: RecordingLabels, b: RecordingLabels): WhichAbnormal | null {
  const va = truthOf(a).verdict;
  const vb = truthOf(b).verdict;
  if (va === 'uncertain' || vb === 'uncertain') return null;
  return whichAbnormalFrom(va, vb);
}

function has(labels: RecordingLabels): string {
  const f = truthOf(labels).findings;
  const at = labels.site === 'unknown' ? '' : ` at the ${siteName(labels.site)}`;
  return f.length > 0
    ? `${joinList(f.map((x) => findingPhrase(labels, x)))}${at}`
    : `abnormal ${labels.domain} sounds${at}`;
}

export function renderComparison(a: RecordingLabels, b: RecordingLabels, rng: Rng): string {
  const which = whichAbnormalOf(a, b);
  if (which === null) throw new Error('comparison needs two recordings with a definite verdict');
  if (which === 'both')
    return `${COMPARISON_OPENINGS.both} recording 1 has ${has(a)}; recording 2 has ${has(b)}.`;
  if (which === 'neither') {
    return pick(rng, ['Neither recording is abnormal: both are normal.', COMPARISON_OPENINGS.neither]);
  }
  const [abn, norm, labels] = which === 'first' ? [1, 2, a] : [2, 1, b];
  return pick(rng, [
    `${COMPARISON_OPENINGS[which]} it has ${has(labels)}. Recording ${norm} is normal.`,
    `Recording ${norm} is normal. Recording ${abn} is abnormal: it has ${has(labels)}.`,
  ]);
}

const hasMurmur = (l: RecordingLabels) => l.findings.some((f) => f.endsWith('-murmur'));

/** `site` is where the murmur is most audible; `other` is a recording at a second site of the same patient. */
export function renderLoudest(other: RecordingLabels, site: HeartSite, rng: Rng): string {
  const lead = pick(rng, ['The murmur is loudest at', 'The murmur is best heard at', 'It is loudest at']);
  const rest = hasMurmur(other)
    ? `It is also heard, more softly, at the ${siteName(other.site)}.`
    : `It is not heard at the ${siteName(other.site)}.`;
  return `${lead} the ${siteName(site)} (${site}). ${rest}`;
}
