// Schema checks for adapter output: every label value must be in the closed vocabularies of schema.ts.
import {
  AGE_GROUPS,
  DOMAINS,
  SOURCES,
  isDiagnosis,
  isFinding,
  isHeartSite,
  isLungSite,
  type RecordingLabels,
} from '../../src/core/clinical/schema';

const PHASE_EVENTS = ['S1', 'S2', 'systole', 'diastole', 'inspiration', 'expiration'];

/** Problems with one record's labels; [] when it conforms to the schema. */
export function labelProblems(l: RecordingLabels): string[] {
  const p: string[] = [];
  if (!(SOURCES as readonly string[]).includes(l.source)) p.push(`unknown source '${l.source}'`);
  if (!l.id.startsWith(`${l.source}/`)) p.push(`id '${l.id}' does not start with '${l.source}/'`);
  if (!l.patient) p.push('empty patient id');
  if (!(DOMAINS as readonly string[]).includes(l.domain)) p.push(`unknown domain '${l.domain}'`);
  const siteOk = l.site === 'unknown' || (l.domain === 'heart' ? isHeartSite(l.site) : isLungSite(l.site));
  if (!siteOk) p.push(`site '${l.site}' is not a ${l.domain} site`);
  for (const f of l.findings) if (!isFinding(f)) p.push(`unknown finding '${f}'`);
  for (const d of l.diagnosis) if (!isDiagnosis(d)) p.push(`unknown diagnosis '${d}'`);
  if (l.ageGroup && !(AGE_GROUPS as readonly string[]).includes(l.ageGroup))
    p.push(`unknown age group '${l.ageGroup}'`);
  for (const e of l.events) {
    if (!isFinding(e.type) && !PHASE_EVENTS.includes(e.type)) p.push(`unknown event type '${e.type}'`);
    if (!(e.startS >= 0 && e.endS >= e.startS)) p.push(`event ${e.type} has bad times ${e.startS}–${e.endS}`);
  }
  return p;
}
