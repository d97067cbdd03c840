// An exam: one patient's recordings by auscultation site (no identifying data), the site sequences the guided exam
// walks through, and where it stands (the next site, progress per site).
import type { AgeGroup, Domain, Sex, Site } from './schema';

/** One site of an exam: a recording, skipped on purpose, or still to do. */
export interface ExamSite {
  site: Site;
  recordingId?: string;
  skipped?: boolean;
}

export interface Exam {
  id: string;
  /** A label the user chooses ("Bed 4, morning round"); never a name or other identifying data. */
  label: string;
  createdAtMs: number;
  /** The sequence the exam was started with ('single': one recording). */
  protocol: ExamProtocolId;
  ageGroup?: AgeGroup;
  sex?: Sex;
  notes: string;
  sites: ExamSite[];
}

export type ExamPatch = Partial<Pick<Exam, 'label' | 'ageGroup' | 'sex' | 'notes'>>;
export type SiteState = 'recorded' | 'skipped' | 'pending';
/** Where a site stands as drawn on the body map: a recorded site is 'assessed' once the model's outputs are in. */
export type SiteProgress = 'assessed' | SiteState;

export interface ExamProtocol {
  id: ExamProtocolId;
  title: string;
  domain: Domain | null;
  sites: readonly Site[];
}
export type ExamProtocolId = 'heart-4' | 'lung-6' | 'single';

/** The four valve areas in the usual order, and six lung zones (both sides, front upper, back upper and bases). */
export const EXAM_PROTOCOLS: Readonly<Record<ExamProtocolId, ExamProtocol>> = {
  'heart-4': {
    id: 'heart-4',
    title: 'Heart, 4 valve areas',
    domain: 'heart',
    sites: ['AV', 'PV', 'TV', 'MV'],
  },
  'lung-6': {
    id: 'lung-6',
    title: 'Lungs, 6 zones',
    domain: 'lung',
    sites: [
      'anterior-right-upper',
      'anterior-left-upper',
      'posterior-right-upper',
      'posterior-left-upper',
      'posterior-right-lower',
      'posterior-left-lower',
    ],
  },
  single: { id: 'single', title: 'One recording', domain: null, sites: ['unknown'] },
};

export function newExam(
  id: string,
  protocol: ExamProtocolId,
  fields: { label: string; createdAtMs: number; ageGroup?: AgeGroup; sex?: Sex; notes?: string },
): Exam {
  const { ageGroup, sex, ...rest } = fields;
  return {
    id,
    protocol,
    notes: '',
    ...rest,
    ...(ageGroup ? { ageGroup } : {}),
    ...(sex ? { sex } : {}),
    sites: EXAM_PROTOCOLS[protocol].sites.map((site) => ({ site })),
  };
}

export function siteState(s: ExamSite): SiteState {
  if (s.recordingId) return 'recorded';
  return s.skipped ? 'skipped' : 'pending';
}

/** The first site still to do, in the exam's order; null when every site is recorded or skipped. */
export function nextSite(exam: Exam): Site | null {
  return exam.sites.find((s) => siteState(s) === 'pending')?.site ?? null;
}

/** Each of the exam's sites with where it stands; `isAssessed` says whether a recording has the model's outputs. */
export function examSiteProgress(
  exam: Exam,
  isAssessed: (recordingId: string) => boolean,
): Map<Site, SiteProgress> {
  return new Map(
    exam.sites.map((s) => [s.site, s.recordingId && isAssessed(s.recordingId) ? 'assessed' : siteState(s)]),
  );
}

export function examProgress(exam: Exam): { done: number; total: number } {
  return { done: exam.sites.filter((s) => siteState(s) !== 'pending').length, total: exam.sites.length };
}

/**
 * The exam with `site` holding `recordingId` (added when the exam did not list the site; a one-recording exam whose
 * recording is still to come takes the site chosen for it instead of its placeholder).
 */
export function withRecording(exam: Exam, site: Site, recordingId: string): Exam {
  const has = exam.sites.some((s) => s.site === site);
  if (!has && exam.protocol === 'single' && exam.sites.every((s) => !s.recordingId))
    return { ...exam, sites: [{ site, recordingId }] };
  const sites = has
    ? exam.sites.map((s) => (s.site === site ? { site, recordingId } : s))
    : [...exam.sites, { site, recordingId }];
  return { ...exam, sites };
}

/** The exam with its details changed; an age group or sex set to undefined is removed, a blank label is kept as it was. */
export function withDetails(exam: Exam, patch: ExamPatch): Exam {
  const next: Exam = { ...exam, ...patch, label: patch.label?.trim() || exam.label };
  for (const key of ['ageGroup', 'sex'] as const) if (key in patch && !patch[key]) delete next[key];
  return next;
}

export function withSkipped(exam: Exam, site: Site, skipped: boolean): Exam {
  return {
    ...exam,
    sites: exam.sites.map((s) =>
      s.site === site && !s.recordingId ? { site, ...(skipped ? { skipped } : {}) } : s,
    ),
  };
}

/** The exam without a recording (deleted from the library): its site becomes pending again. */
export function withoutRecording(exam: Exam, recordingId: string): Exam {
  return { ...exam, sites: exam.sites.map((s) => (s.recordingId === recordingId ? { site: s.site } : s)) };
}

export function examRecordingIds(exam: Exam): string[] {
  return exam.sites.flatMap((s) => (s.recordingId ? [s.recordingId] : []));
}

/** What a one-recording exam needs of a recording made before exams existed (its details stay as they were). */
export interface LooseRecording {
  id: string;
  name: string;
  createdAtMs: number;
  site: Site;
}

/** The id of the one-site exam made for a recording saved outside any exam (derived, so it is made only once). */
export function looseExamId(recordingId: string): string {
  return `single-${recordingId}`;
}

/**
 * One-site exams for the recordings that no exam holds (a new recording or import outside an exam, or a library from
 * before exams): each named and dated after its recording, at its site ('unknown' when not given), with an id derived
 * from the recording's, so that running it twice changes nothing.
 */
export function examsForLooseRecordings(
  recordings: readonly LooseRecording[],
  exams: readonly Exam[],
): Exam[] {
  const held = new Set(exams.flatMap(examRecordingIds));
  const taken = new Set(exams.map((e) => e.id));
  return recordings
    .filter((r) => !held.has(r.id) && !taken.has(looseExamId(r.id)))
    .map((r) => ({
      ...newExam(looseExamId(r.id), 'single', { label: r.name, createdAtMs: r.createdAtMs }),
      sites: [{ site: r.site, recordingId: r.id }],
    }));
}

/** A one-recording exam that holds `recordingId` and nothing else: its recording can move into another exam. */
export function holdsOnly(exam: Exam, recordingId: string): boolean {
  const ids = examRecordingIds(exam);
  return exam.protocol === 'single' && ids.length === 1 && ids[0] === recordingId;
}
