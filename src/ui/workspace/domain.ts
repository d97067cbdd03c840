// Heart or lung for the selected recording, as the workspace shows it: from the site, as the user set it, or as the
// engine decided it from the audio (its domain head), with the words the UI uses for each.
import type { Domain, Site } from '../../core/clinical/schema';
import type { RecordingAssessment } from '../../inference/protocol';
import { inputDomain } from './bodyDiagram';

export type DomainSource = 'site' | 'user' | 'audio' | 'default' | 'pending';

export interface ShownDomain {
  /** 'unknown' only while the model has not decided yet. */
  value: Domain | 'unknown';
  source: DomainSource;
  /** P(decided domain) from the domain head, when it decided. */
  p: number | null;
}

export function shownDomain(
  rec: { site: Site; domain?: Domain },
  assessment: RecordingAssessment | null,
): ShownDomain {
  const given = inputDomain(rec.site, rec.domain);
  if (given !== 'unknown') return { value: given, source: rec.site === 'unknown' ? 'user' : 'site', p: null };
  if (!assessment || !assessedWith(assessment, 'unknown'))
    return { value: 'unknown', source: 'pending', p: null };
  const { value, source, pLung } = assessment.domain;
  if (source !== 'audio' || pLung === null) return { value, source: 'default', p: null };
  return { value, source: 'audio', p: value === 'lung' ? pLung : 1 - pLung };
}

const NAME: Record<Domain, string> = { heart: 'Heart', lung: 'Lung' };

export function domainText(d: ShownDomain): string {
  if (d.value === 'unknown') return 'Heart or lung: decided from the audio when the model runs';
  switch (d.source) {
    case 'site':
      return `${NAME[d.value]} — from the site`;
    case 'user':
      return `${NAME[d.value]} — set by you`;
    case 'audio':
      return `${NAME[d.value]} — decided from the audio (p = ${(d.p ?? 0).toFixed(2)})`;
    default:
      return `${NAME[d.value]} — assumed (this model cannot tell heart from lung)`;
  }
}

/** The domain a workspace view uses for wording and analysis: heart until anything says otherwise. */
export const domainOrHeart = (d: ShownDomain): Domain => (d.value === 'unknown' ? 'heart' : d.value);

/** Whether an assessment was made with this heart/lung input (after a correction it must be fetched again). */
export function assessedWith(assessment: RecordingAssessment, given: Domain | 'unknown'): boolean {
  const d = assessment.domain;
  return given === 'unknown' ? d.source !== 'given' : d.source === 'given' && d.value === given;
}
