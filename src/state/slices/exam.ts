// Exam slice: exams (recordings by site) in the library, the open exam, the guided sequence (import or record into a
// site, skip it), a one-site exam for every recording made outside one, delete with undo, the model's answer for every
// site, and sharing an exam as one zip file.
import type { StateCreator, StoreApi } from 'zustand';
import type { Exam, ExamPatch, ExamProtocolId } from '../../core/clinical/exam';
import {
  examRecordingIds,
  examsForLooseRecordings,
  holdsOnly,
  looseExamId,
  newExam,
  withDetails,
  withRecording,
  withSkipped,
  withoutRecording,
} from '../../core/clinical/exam';
import { isHeartSite, isLungSite, type AgeGroup, type Sex, type Site } from '../../core/clinical/schema';
import { fillInstruction } from '../../core/tasks/instructions';
import { TASKS } from '../../core/tasks/registry';
import type { TaskId } from '../../core/tasks/types';
import { readExamArchive, writeExamArchive } from '../../core/report/archive';
import type { RecordingMeta } from '../../core/clinical/recording';
import type { AppDeps } from '../deps';
import { importOne } from '../library';
import type { AppState } from '../store';
import type { AskTarget } from './inferenceRuns';
import type { ExamDeps, ExamRecordingFiles } from './examDeps';
import { examDeleteActions } from './examDelete';

export interface ExamFields {
  label: string;
  ageGroup?: AgeGroup;
  sex?: Sex;
  notes?: string;
}

/** The task every site of an exam is asked (its answer is the per-site answer shown beside the summary). */
export const EXAM_SITE_TASK: TaskId = 'classification';

export interface ExamSlice {
  exams: Exam[];
  examsLoaded: boolean;
  activeExamId: string | null;
  /** The site a microphone recording in progress goes into. */
  examRecordingTarget: { examId: string; site: Site } | null;
  answeringExamId: string | null;
  /**
   * Loads the exams once, after the library's startup recovery, giving each saved recording that no exam holds a
   * one-site exam first (older databases, or an exam that could not be made when its recording was saved).
   */
  initExams(): Promise<void>;
  createExam(protocol: ExamProtocolId, fields: ExamFields): Promise<string>;
  openExam(id: string | null): void;
  editExam(id: string, patch: ExamPatch): Promise<void>;
  importIntoSite(examId: string, site: Site, file: File): Promise<void>;
  recordIntoSite(examId: string, site: Site): Promise<void>;
  /**
   * A recording just saved (microphone, import or sample) goes into the site it was recorded for, else into a one-site
   * exam of its own. The recording is saved before: if the exam cannot be, the recording stays and startup makes it.
   */
  placeRecording(meta: RecordingMeta): Promise<void>;
  skipSite(examId: string, site: Site, skipped: boolean): Promise<void>;
  /**
   * Puts a recording already in the library into a site: one in no exam, or one alone in a one-recording exam (e.g.
   * one made before exams existed), which it leaves.
   */
  attachRecording(examId: string, site: Site, recordingId: string): Promise<void>;
  requestDeleteExam(id: string): void;
  undoDeleteExam(id: string): void;
  /** For each recorded site in order: the findings assessment, then the site task's streamed answer. */
  answerExam(id: string): Promise<void>;
  /** The exam as one zip: the WAVs as stored, the imported files as they came in, the report lines and the FHIR
   * bundle given, the attributions. */
  exportExam(id: string, extras: { reportLines: string[]; fhir: unknown }): Promise<Uint8Array>;
  importExam(file: File): Promise<void>;
  /**
   * After a recording was deleted from the library: the site of every exam that held it is to do again, and the
   * one-site exam made for it goes.
   */
  detachRecording(recordingId: string): Promise<void>;
}

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
const newestFirst = (list: Exam[]) => [...list].sort((a, b) => b.createdAtMs - a.createdAtMs);

/** What the engine is told of a recording: the domain its site implies, else the user's choice, else undecided. */
export function siteTarget(m: RecordingMeta): AskTarget {
  const domain = isHeartSite(m.site) ? 'heart' : isLungSite(m.site) ? 'lung' : (m.domain ?? 'unknown');
  return { id: m.id, domain, site: m.site };
}

/** A task's default instruction worded for the domain (the `{sound}` placeholder kept while it is undecided). */
export function taskInstruction(task: TaskId, domain: AskTarget['domain']): string {
  const template = TASKS[task].instructions[0];
  return domain === 'unknown' ? template : fillInstruction(template, domain);
}

/** Startup: the library's recovery first (interrupted recordings and imports are finished, so they get exams too). */
async function loadExams(deps: ExamDeps, set: Set, get: Get): Promise<void> {
  await get().initLibrary();
  const made = await deps.adoptLoose().catch((e: unknown) => {
    get().pushToast({
      kind: 'error',
      text: `Some recordings could not be given an exam (${errorText(e)}); they stay in the library, and Auscult tries again when it next starts.`,
    });
    return [];
  });
  const list = await deps.list();
  set({ exams: newestFirst(list), examsLoaded: true });
  if (made.length > 0)
    get().pushToast({
      kind: 'info',
      text:
        made.length === 1
          ? 'A recording that was in no exam is now a one-site exam.'
          : `${made.length} recordings that were in no exam are now one-site exams.`,
    });
}

export function createExamSlice(deps: ExamDeps, app: AppDeps): StateCreator<AppState, [], [], ExamSlice> {
  return (set, get, api) => {
    let initOnce: Promise<void> | null = null;
    /** Waits for a startup load under way (so its repair never takes a recording before its site does); starts none. */
    const loaded = () => initOnce ?? Promise.resolve();
    const save = async (exam: Exam) => {
      await deps.put(exam);
      set((s) => ({ exams: newestFirst([...s.exams.filter((e) => e.id !== exam.id), exam]) }));
    };
    /** Removes an exam whose recordings are already gone. */
    const forget = async (exam: Exam) => {
      try {
        await deps.remove(exam);
        set((s) => ({
          exams: s.exams.filter((e) => e.id !== exam.id),
          activeExamId: s.activeExamId === exam.id ? null : s.activeExamId,
        }));
      } catch (e) {
        get().pushToast({ kind: 'error', text: `Could not remove the exam: ${errorText(e)}` });
      }
    };
    const change = async (id: string, f: (e: Exam) => Exam) => {
      const exam = get().exams.find((e) => e.id === id);
      if (!exam) return;
      try {
        await save(f(exam));
      } catch (e) {
        get().pushToast({ kind: 'error', text: `Could not save the exam: ${errorText(e)}` });
      }
    };
    // A site stays the recorder's target until its recording is placed (placeRecording) or the recorder stops without
    // one (it failed to start or to finish).
    api.subscribe((s, prev) => {
      if (s.examRecordingTarget && prev.recorderStatus !== 'idle' && s.recorderStatus === 'idle')
        set({ examRecordingTarget: null });
    });
    // A one-site exam made for a recording follows the recording's site when the user sets or corrects it.
    api.subscribe((s, prev) => {
      if (s.recordings === prev.recordings || s.exams.length === 0) return;
      const exams = new Map(s.exams.map((e) => [e.id, e]));
      for (const m of s.recordings) {
        const exam = exams.get(looseExamId(m.id));
        if (exam && holdsOnly(exam, m.id) && exam.sites[0].site !== m.site)
          void change(exam.id, (e) => ({ ...e, sites: [{ site: m.site, recordingId: m.id }] }));
      }
    });
    const adopt = async (meta: RecordingMeta) => {
      const [exam] = examsForLooseRecordings([meta], get().exams);
      if (!exam) return;
      try {
        await save(exam);
      } catch (e) {
        get().pushToast({
          kind: 'error',
          text: `"${meta.name}" is saved, but its exam could not be made (${errorText(e)}). Auscult makes it when it next starts.`,
        });
      }
    };

    return {
      exams: [],
      examsLoaded: false,
      activeExamId: null,
      examRecordingTarget: null,
      answeringExamId: null,
      initExams: () =>
        (initOnce ??= loadExams(deps, set, get).catch((e) => {
          set({ examsLoaded: true });
          get().pushToast({ kind: 'error', text: `The exams could not be loaded: ${errorText(e)}` });
        })),
      async createExam(protocol, fields) {
        await loaded();
        const exam = newExam(deps.newId(), protocol, { ...fields, createdAtMs: deps.now() });
        await save(exam);
        set({ activeExamId: exam.id });
        return exam.id;
      },
      openExam: (id) => set({ activeExamId: id }),
      editExam: (id, patch) => change(id, (e) => withDetails(e, patch)),
      async importIntoSite(examId, site, file) {
        set({ importing: true });
        try {
          await loaded();
          const meta = await importOne(app, file, site, get, false);
          if (meta) await change(examId, (e) => withRecording(e, site, meta.id));
        } catch (e) {
          get().pushToast({ kind: 'error', text: errorText(e) });
        } finally {
          set({ importing: false });
        }
      },
      async recordIntoSite(examId, site) {
        await loaded();
        get().setDraftSite(site);
        set({ examRecordingTarget: { examId, site } });
        await get().startRecording();
        if (get().recorderStatus === 'idle') set({ examRecordingTarget: null });
      },
      async placeRecording(meta) {
        const target = get().examRecordingTarget;
        if (target) set({ examRecordingTarget: null });
        await loaded();
        // (a site whose exam was deleted while recording: the recording gets an exam of its own)
        if (target && get().exams.some((e) => e.id === target.examId))
          await change(target.examId, (e) => withRecording(e, target.site, meta.id));
        else await adopt(meta);
      },
      skipSite: (examId, site, skipped) => change(examId, (e) => withSkipped(e, site, skipped)),
      async attachRecording(examId, site, recordingId) {
        const holder = get().exams.find((e) => e.id !== examId && examRecordingIds(e).includes(recordingId));
        if (!holder) return change(examId, (e) => withRecording(e, site, recordingId));
        const exam = get().exams.find((e) => e.id === examId);
        if (!exam) return;
        if (!holdsOnly(holder, recordingId)) {
          get().pushToast({
            kind: 'error',
            text: `That recording belongs to exam "${holder.label}"; record or import this site instead.`,
          });
          return;
        }
        const next = withRecording(exam, site, recordingId);
        try {
          await deps.putForgetting(next, [holder.id]);
          set((s) => ({
            exams: newestFirst([...s.exams.filter((e) => e.id !== exam.id && e.id !== holder.id), next]),
          }));
        } catch (e) {
          get().pushToast({ kind: 'error', text: `Could not save the exam: ${errorText(e)}` });
        }
      },
      ...examDeleteActions(deps, app, set, get),
      async answerExam(id) {
        const exam = get().exams.find((e) => e.id === id);
        if (!exam || get().answeringExamId) return;
        set({ answeringExamId: id });
        try {
          for (const recId of examRecordingIds(exam)) {
            const meta = get().recordings.find((r) => r.id === recId);
            if (!meta) continue;
            const target = siteTarget(meta);
            await get().loadAssessment(target);
            const instruction = taskInstruction(EXAM_SITE_TASK, target.domain);
            const run = await get().ask({
              kind: EXAM_SITE_TASK,
              instruction,
              question: instruction.replaceAll('{sound}', 'sound'),
              targets: [target],
            });
            if (run?.status === 'aborted') break;
          }
        } finally {
          set({ answeringExamId: null });
        }
      },
      async exportExam(id, extras) {
        const exam = get().exams.find((e) => e.id === id);
        if (!exam) throw new Error('This exam no longer exists.');
        const recordings = await Promise.all(
          examRecordingIds(exam).map(async (recId) => {
            const meta = get().recordings.find((r) => r.id === recId);
            const [wav, original] = await Promise.all([deps.getWav(recId), deps.getOriginal(recId)]);
            if (!meta || !wav)
              throw new Error(
                `A recording of exam "${exam.label}" is missing; record or import that site again.`,
              );
            return { meta, wav, ...(original ? { original } : {}) };
          }),
        );
        return writeExamArchive(exam, recordings, extras);
      },
      async detachRecording(recordingId) {
        for (const exam of get().exams.filter((e) => examRecordingIds(e).includes(recordingId))) {
          if (exam.id === looseExamId(recordingId) && holdsOnly(exam, recordingId)) await forget(exam);
          else await change(exam.id, (e) => withoutRecording(e, recordingId));
        }
      },
      async importExam(file) {
        try {
          const archive = readExamArchive(new Uint8Array(await file.arrayBuffer()));
          const { exam, recordings } = freshIds(archive, get(), deps.newId);
          await deps.saveImported(exam, recordings);
          for (const r of recordings) get().upsertRecording(r.meta);
          set((s) => ({ exams: newestFirst([...s.exams, exam]), activeExamId: exam.id }));
          get().pushToast({
            kind: 'info',
            text: `Imported exam "${exam.label}" (${recordings.length} recordings).`,
          });
        } catch (e) {
          get().pushToast({ kind: 'error', text: `"${file.name}" could not be imported: ${errorText(e)}` });
        }
      },
    };
  };
}

/** Keeps the archive's ids unless this library already has them (importing the same exam twice): then new ones. */
function freshIds(
  archive: ReturnType<typeof readExamArchive>,
  s: AppState,
  newId: () => string,
): { exam: Exam; recordings: ExamRecordingFiles[] } {
  const taken = new Set([...s.exams.map((e) => e.id), ...s.recordings.map((r) => r.id)]);
  const clash = taken.has(archive.exam.id) || archive.recordings.some((r) => taken.has(r.meta.id));
  const ids = new Map(archive.recordings.map((r) => [r.meta.id, clash ? newId() : r.meta.id]));
  const exam: Exam = {
    ...archive.exam,
    id: clash ? newId() : archive.exam.id,
    sites: archive.exam.sites.map((x) => (x.recordingId ? { ...x, recordingId: ids.get(x.recordingId) } : x)),
  };
  const recordings = archive.recordings.map((r) => ({
    meta: { ...(r.meta as RecordingMeta), id: ids.get(r.meta.id) as string, status: 'ready' as const },
    wav: r.wav,
    ...(r.original ? { original: r.original } : {}),
  }));
  return { exam, recordings };
}
