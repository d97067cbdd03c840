// The exam summary: statements about the whole exam (which sites are abnormal, where a murmur is most evident and
// which valve that suggests, whether lung findings are focal, bilateral or basal), each derived from the per-site
// findings-head outputs and carrying its confidence: the least confident per-site call it rests on.
import { isHeartSite, isLungSite, NORMAL_FINDINGS } from '../clinical/schema';
import type { Domain, Finding, HeartSite, Site } from '../clinical/schema';
import { siteName } from '../clinical/sites';
import { legacyHead, type FindingHead, type HeadProbability } from '../manifest/heads';
import type { VerdictDecision } from '../manifest/verdict';

/** One site's model outputs: the findings head's probabilities aggregated over the recording. */
export interface SiteOutput {
  site: Site;
  domain: Domain;
  findings: HeadProbability[];
  /** Why the engine would abstain on this site (empty or absent: it would not). */
  uncertainReasons?: readonly string[];
  /** The findings-decided verdict (the manifest's rule), which the answers open with; absent: the model has none. */
  verdict?: Pick<VerdictDecision, 'value' | 'evidence' | 'signal'> | null;
}

export type StatementKind = 'abnormal-sites' | 'murmur' | 'lung-distribution' | 'uncertain-sites';
export interface SiteEvidence {
  site: Site;
  /** The head output the statement used at this site. */
  label: string;
  probability: number;
}
export interface SummaryStatement {
  kind: StatementKind;
  text: string;
  /** In [0, 1]; null for statements that are not a call (e.g. which sites the model is unsure about). */
  confidence: number | null;
  evidence: SiteEvidence[];
}

const MURMURS: readonly Finding[] = ['systolic-murmur', 'diastolic-murmur', 'continuous-murmur'];
const LUNG_FAMILIES: readonly { name: string; findings: readonly Finding[] }[] = [
  { name: 'Crackles', findings: ['fine-crackles', 'coarse-crackles'] },
  { name: 'Wheeze or rhonchi', findings: ['wheeze', 'rhonchi'] },
  { name: 'Stridor', findings: ['stridor'] },
  { name: 'Pleural rub', findings: ['pleural-rub'] },
  { name: 'Bronchial breathing', findings: ['bronchial'] },
];
const VALVES: Readonly<Partial<Record<HeartSite, string>>> = {
  AV: 'aortic',
  PV: 'pulmonary',
  TV: 'tricuspid',
  MV: 'mitral',
};

const headOf = (f: HeadProbability): FindingHead => f.head ?? legacyHead(f.label);
const p2 = (p: number) => p.toFixed(2);
const cite = (e: SiteEvidence) => `${siteName(e.site)} (p = ${p2(e.probability)})`;
const minOf = (xs: number[]) => (xs.length ? Math.min(...xs) : 1);

/** The most probable head output matching `pick` at a site, or null when the model has no such head. */
function strongest(s: SiteOutput, pick: (h: FindingHead) => boolean): SiteEvidence | null {
  let best: SiteEvidence | null = null;
  for (const f of s.findings)
    if (pick(headOf(f)) && (!best || f.probability > best.probability))
      best = { site: s.site, label: f.label, probability: f.probability };
  return best;
}

const findingHead = (h: FindingHead, of: readonly Finding[]) =>
  h.kind === 'finding' && h.findings.some((f) => of.includes(f));

/** P(abnormal) at a site: the abnormal head, else the most probable abnormal finding of the site's domain. */
export function abnormalEvidence(s: SiteOutput): SiteEvidence | null {
  const direct = strongest(s, (h) => h.kind === 'abnormal');
  if (direct) return direct;
  return strongest(
    s,
    (h) =>
      h.kind === 'finding' &&
      (h.domain === s.domain || h.domain === 'any') &&
      h.findings.some((f) => !NORMAL_FINDINGS.includes(f) && f !== 'poor-quality'),
  );
}

/** A site's normal/abnormal call and what it rests on; `abnormal` is null when the verdict was left undecided. */
export interface SiteCall {
  abnormal: boolean | null;
  evidence: SiteEvidence;
  /** 'verdict': the findings-decided verdict the site's answers open with; 'abnormal-head': P(abnormal) ≥ threshold. */
  by: 'verdict' | 'abnormal-head';
  /** The signal measure that made the site abnormal while its heads stayed under the threshold (their evidence stays). */
  signal?: VerdictDecision['signal'];
}

/**
 * The one normal/abnormal call of a site that the summary, the site cards, the report table, practice scoring and the
 * FHIR interpretation all use: the site's findings-decided verdict where the model has one, else its abnormal
 * evidence against `threshold`. Null when the site has neither.
 */
export function siteCall(s: SiteOutput, threshold = 0.5): SiteCall | null {
  if (s.verdict) {
    const e = { site: s.site, label: s.verdict.evidence.label, probability: s.verdict.evidence.probability };
    return {
      abnormal: s.verdict.value === 'undecided' ? null : s.verdict.value === 'abnormal',
      evidence: e,
      by: 'verdict',
      ...(s.verdict.signal ? { signal: s.verdict.signal } : {}),
    };
  }
  const e = abnormalEvidence(s);
  return e ? { abnormal: e.probability >= threshold, evidence: e, by: 'abnormal-head' } : null;
}

/**
 * "abnormal: murmur 0.82", "normal: murmur 0.10", "no verdict: poor-quality 0.61", "P(abnormal) 0.73", or for a
 * signal's call "abnormal: tonal-wheeze 0.06 of the recording (wheeze 0.41)".
 */
export function siteCallText(c: SiteCall): string {
  const p = `${c.evidence.label} ${p2(c.evidence.probability)}`;
  if (c.by === 'abnormal-head') return `P(abnormal) ${p2(c.evidence.probability)}`;
  if (c.signal) return `abnormal: ${c.signal.signal} ${p2(c.signal.value)} of the recording (${p})`;
  return c.abnormal === null ? `no verdict: ${p}` : `${c.abnormal ? 'abnormal' : 'normal'}: ${p}`;
}

/** Which sites are abnormal, by each site's call (`siteCall`); undecided sites are named among the unsure ones. */
function abnormalSites(sites: SiteOutput[], threshold: number): SummaryStatement | null {
  const calls = sites.flatMap((s) => {
    const c = siteCall(s, threshold);
    return c && c.abnormal !== null ? [{ e: c.evidence, abnormal: c.abnormal }] : [];
  });
  const ev = calls.map((c) => c.e);
  if (ev.length === 0) return null;
  const abnormal = calls
    .filter((c) => c.abnormal)
    .map((c) => c.e)
    .sort((a, b) => b.probability - a.probability);
  const normal = calls.filter((c) => !c.abnormal).map((c) => c.e);
  const text =
    abnormal.length === 0
      ? `No site sounds abnormal (${ev.length} of ${ev.length} normal).`
      : `Abnormal at ${abnormal.length} of ${ev.length} sites: ${abnormal.map(cite).join(', ')}.` +
        (normal.length ? ` Normal: ${normal.map((e) => siteName(e.site)).join(', ')}.` : '');
  const confidence = minOf(ev.map((e) => Math.max(e.probability, 1 - e.probability)));
  return { kind: 'abnormal-sites', text, confidence, evidence: ev };
}

function murmur(sites: SiteOutput[], threshold: number): SummaryStatement | null {
  const heart = sites.filter((s) => s.domain === 'heart');
  const ev = heart.flatMap((s) => strongest(s, (h) => findingHead(h, MURMURS)) ?? []);
  if (ev.length === 0) return null;
  const ranked = [...ev].sort((a, b) => b.probability - a.probability);
  const [top, next] = ranked;
  if (top.probability < threshold)
    return {
      kind: 'murmur',
      text: `No murmur at any of the ${ev.length} heart sites (highest: ${cite(top)}).`,
      confidence: 1 - top.probability,
      evidence: ev,
    };
  const valve = isHeartSite(top.site) ? VALVES[top.site] : undefined;
  const where = `A murmur is most evident at the ${cite(top)}`;
  const runnerUp = next ? ` Next: ${cite(next)}.` : '';
  const suggests = valve ? `, which suggests the ${valve} valve.` : '; this site points to no single valve.';
  return {
    kind: 'murmur',
    text: `${where}${suggests}${runnerUp}`,
    confidence: top.probability,
    evidence: ev,
  };
}

function sideOf(site: Site): string | undefined {
  return isLungSite(site) && site !== 'trachea' ? site.split('-')[1] : undefined;
}

/** Focal (one site), unilateral or bilateral, and basal when every positive site is a lower zone. */
export function lungPattern(positive: readonly Site[]): {
  spread: 'focal' | 'unilateral' | 'bilateral';
  basal: boolean;
} {
  const sides = new Set(positive.map(sideOf).filter((s) => s !== undefined));
  const spread = positive.length <= 1 ? 'focal' : sides.size === 2 ? 'bilateral' : 'unilateral';
  return { spread, basal: positive.length > 0 && positive.every((s) => s.endsWith('-lower')) };
}

function lungFamily(lung: SiteOutput[], family: (typeof LUNG_FAMILIES)[number], threshold: number) {
  const ev = lung.flatMap((s) => strongest(s, (h) => findingHead(h, family.findings)) ?? []);
  const positive = ev.filter((e) => e.probability >= threshold).sort((a, b) => b.probability - a.probability);
  if (positive.length === 0) return null;
  const negative = ev.filter((e) => e.probability < threshold);
  const { spread, basal } = lungPattern(positive.map((e) => e.site));
  const pattern = [spread, ...(basal ? ['basal'] : [])].join(', ');
  const text = `${family.name} at ${positive.length} of ${ev.length} lung sites (${positive.map(cite).join(', ')}): ${pattern}.`;
  const confidence = Math.min(
    minOf(positive.map((e) => e.probability)),
    minOf(negative.map((e) => 1 - e.probability)),
  );
  const statement: SummaryStatement = { kind: 'lung-distribution', text, confidence, evidence: ev };
  return statement;
}

function lungDistribution(sites: SiteOutput[], threshold: number): SummaryStatement[] {
  const lung = sites.filter((s) => s.domain === 'lung');
  if (lung.length === 0) return [];
  const found = LUNG_FAMILIES.flatMap((f) => lungFamily(lung, f, threshold) ?? []);
  if (found.length > 0) return found;
  const ev = lung.flatMap(
    (s) =>
      strongest(s, (h) =>
        findingHead(
          h,
          LUNG_FAMILIES.flatMap((f) => f.findings),
        ),
      ) ?? [],
  );
  if (ev.length === 0) return [];
  const top = [...ev].sort((a, b) => b.probability - a.probability)[0];
  return [
    {
      kind: 'lung-distribution',
      text: `No added lung sounds at any of the ${ev.length} lung sites (highest: ${cite(top)}).`,
      confidence: 1 - top.probability,
      evidence: ev,
    },
  ];
}

/** Why a site is unsure: the engine's abstention reasons, and no verdict because it may be of poor quality. */
function unsureReasons(s: SiteOutput): string[] {
  return [
    ...(s.uncertainReasons ?? []),
    ...(s.verdict?.value === 'undecided' ? ['possibly poor quality: no verdict'] : []),
  ];
}

function uncertainSites(sites: SiteOutput[]): SummaryStatement | null {
  const unsure = sites.filter((s) => unsureReasons(s).length > 0);
  if (unsure.length === 0) return null;
  const list = unsure.map((s) => `${siteName(s.site)} (${unsureReasons(s).join(', ')})`);
  return {
    kind: 'uncertain-sites',
    text: `The model is unsure at ${list.join('; ')}: listen again or re-record there.`,
    confidence: null,
    evidence: [],
  };
}

/** Every statement the per-site outputs support, in reading order; `threshold`: a call's probability cut. */
export function summarizeExam(sites: readonly SiteOutput[], threshold = 0.5): SummaryStatement[] {
  const all = [...sites];
  return [
    abnormalSites(all, threshold),
    murmur(all, threshold),
    ...lungDistribution(all, threshold),
    uncertainSites(all),
  ].filter((s) => s !== null);
}
