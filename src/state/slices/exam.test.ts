// The exam slice against in-memory storage and capture: the guided sequence (import into a site, skip, next site),
// a microphone recording going into its site, a recording or import outside an exam becoming a one-site exam (made at
// the next start when it could not be saved), delete with undo, and export then import of the same exam.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextSite, examProgress, type Exam } from '../../core/clinical/exam';
import { readExamArchive } from '../../core/report/archive';
import type { RecordingMeta } from '../../core/clinical/recording';
import type { AppDeps } from '../deps';
import { createAppStore } from '../store';
import { memoryExamDeps } from './examDeps';

function fakeDeps() {
  const db = new Map<string, RecordingMeta>();
  const exams = memoryExamDeps(() => [...db.values()]);
  const wavs = new Map<string, Uint8Array>();
  const originals = new Map<string, Uint8Array>();
  let n = 0;
  const make = (name: string, site: RecordingMeta['site'], original?: Uint8Array): RecordingMeta => {
    const m: RecordingMeta = {
      id: `rec-${++n}`,
      name,
      createdAtMs: n,
      durationSec: 2,
      sampleRateHz: 4000,
      site,
      notes: '',
      source: 'import',
      status: 'ready',
    };
    db.set(m.id, m);
    wavs.set(
      m.id,
      Uint8Array.from({ length: 64 }, (_, i) => (i * n) & 0xff),
    );
    if (original) originals.set(m.id, original);
    return m;
  };
  const deps: AppDeps = {
    undoMs: 1000,
    library: {
      list: async () => [...db.values()],
      update: async (id, patch) => ({ ...db.get(id)!, ...patch }),
      remove: async (id) => void db.delete(id),
      recover: async () => ({ recovered: [], pendingImports: [] }),
    },
    capture: {
      start: async (opts) => {
        const m = make(opts.name, opts.site);
        return { meta: m, sampleRateHz: 4000, warnings: [], stop: async () => m };
      },
      importFile: async (f, site) => make(f.name, site, new Uint8Array(await f.arrayBuffer())),
      resumeImport: async (m) => m,
    },
    exams: {
      ...exams,
      getWav: async (id) => wavs.get(id) ?? exams.getWav(id),
      getOriginal: async (id) => originals.get(id) ?? exams.getOriginal(id),
    },
  };
  return { deps, db, wavs };
}

describe('exam slice', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('walks the guided sequence: import into the next site, skip one, record into another', async () => {
    const { deps } = fakeDeps();
    const store = createAppStore(deps);
    const id = await store.getState().createExam('heart-4', { label: 'Bed 4', sex: 'female' });
    const exam = () => store.getState().exams.find((e) => e.id === id)!;
    expect(store.getState().activeExamId).toBe(id);
    expect(nextSite(exam())).toBe('AV');
    await store.getState().importIntoSite(id, 'AV', new File(['x'], 'av.wav'));
    expect(nextSite(exam())).toBe('PV');
    await store.getState().skipSite(id, 'PV', true);
    expect(nextSite(exam())).toBe('TV');
    await store.getState().recordIntoSite(id, 'TV');
    expect(store.getState()).toMatchObject({ recorderStatus: 'recording', draftSite: 'TV' });
    await store.getState().stopRecording();
    await vi.waitFor(() => expect(nextSite(exam())).toBe('MV'));
    expect(exam().sites.map((s) => [s.site, !!s.recordingId, !!s.skipped])).toEqual([
      ['AV', true, false],
      ['PV', false, true],
      ['TV', true, false],
      ['MV', false, false],
    ]);
    expect(examProgress(exam())).toEqual({ done: 3, total: 4 });
    expect(
      store
        .getState()
        .recordings.map((r) => r.site)
        .sort(),
    ).toEqual(['AV', 'TV']);
    // a recording made before the exam goes into the last site
    const older = await deps.capture.importFile(new File(['x'], 'older.wav'), 'unknown');
    await store.getState().attachRecording(id, 'MV', older.id);
    expect(nextSite(exam())).toBeNull();
    expect(exam().sites.at(-1)).toEqual({ site: 'MV', recordingId: older.id });
  });

  it('deletes an exam with its recordings only after the undo period; Undo brings both back', async () => {
    const { deps } = fakeDeps();
    const remove = vi.spyOn(deps.exams!, 'remove');
    const store = createAppStore(deps);
    const id = await store.getState().createExam('lung-6', { label: 'chest' });
    await store.getState().importIntoSite(id, 'posterior-left-lower', new File(['x'], 'pll.wav'));
    store.getState().requestDeleteExam(id);
    expect(store.getState().exams).toEqual([]);
    expect(store.getState().recordings).toEqual([]);
    store
      .getState()
      .toasts.find((t) => t.action?.label === 'Undo')
      ?.action?.run();
    expect(store.getState().exams.map((e) => e.id)).toEqual([id]);
    expect(store.getState().recordings).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(remove).not.toHaveBeenCalled();
    store.getState().requestDeleteExam(id);
    await vi.advanceTimersByTimeAsync(1001);
    expect(remove).toHaveBeenCalledTimes(1);
  });

  it('exports an exam as a zip and imports it back with the same recordings and original files, byte for byte', async () => {
    const { deps, wavs } = fakeDeps();
    const store = createAppStore(deps);
    const id = await store.getState().createExam('heart-4', { label: 'Case 1' });
    const mp3 = Uint8Array.from({ length: 999 }, (_, i) => (i * 37) & 0xff);
    await store.getState().importIntoSite(id, 'AV', new File([mp3], 'av.mp3'));
    await store.getState().importIntoSite(id, 'MV', new File(['x'], 'mv.wav'));
    await store.getState().recordIntoSite(id, 'TV'); // a microphone recording has no original
    await store.getState().stopRecording();
    const zip = await store.getState().exportExam(id, { reportLines: ['Exam: Case 1'], fhir: {} });
    const original = store.getState().exams[0];

    // into an empty library: the same ids come back
    const fresh = fakeDeps();
    const other = createAppStore(fresh.deps);
    await other.getState().importExam(new File([zip as BlobPart], 'case.zip'));
    expect(other.getState().exams).toEqual([original]);
    for (const r of other.getState().recordings)
      expect(await fresh.deps.exams!.getWav(r.id)).toEqual(wavs.get(r.id));
    const av = original.sites.find((s) => s.site === 'AV')?.recordingId as string;
    const tv = original.sites.find((s) => s.site === 'TV')?.recordingId as string;
    expect([av, tv].every((r) => other.getState().recordings.some((m) => m.id === r))).toBe(true);
    expect(await fresh.deps.exams!.getOriginal(av)).toEqual(mp3);
    expect(await fresh.deps.exams!.getOriginal(tv)).toBeNull();

    // into the library it came from: new ids, same recordings
    await store.getState().importExam(new File([zip as BlobPart], 'case.zip'));
    const [copy] = store.getState().exams.filter((e) => e.id !== id);
    expect(copy.label).toBe('Case 1');
    expect(copy.sites.filter((s) => s.recordingId).every((s) => !wavs.has(s.recordingId!))).toBe(true);
    expect(store.getState().recordings).toHaveLength(6);
  });

  it('moves a recording alone in a one-recording exam into a site of another exam; one in a fuller exam stays', async () => {
    const { deps } = fakeDeps();
    const store = createAppStore(deps);
    const single = await store.getState().createExam('single', { label: 'Old recording' });
    await store.getState().importIntoSite(single, 'MV', new File(['x'], 'old.wav'));
    const full = await store.getState().createExam('heart-4', { label: 'Full' });
    await store.getState().importIntoSite(full, 'AV', new File(['x'], 'av.wav'));
    const target = await store.getState().createExam('heart-4', { label: 'New' });
    const exam = (id: string) => store.getState().exams.find((e) => e.id === id);
    const oldId = exam(single)!.sites[0].recordingId!;
    const avId = exam(full)!.sites[0].recordingId!;

    await store.getState().attachRecording(target, 'MV', oldId);
    expect(exam(target)!.sites.find((s) => s.site === 'MV')?.recordingId).toBe(oldId);
    expect(exam(single)).toBeUndefined();
    expect((await deps.exams!.list()).map((e) => e.id).sort()).toEqual([full, target].sort());
    expect(store.getState().recordings.some((r) => r.id === oldId)).toBe(true);

    await store.getState().attachRecording(target, 'AV', avId);
    expect(exam(target)!.sites.find((s) => s.site === 'AV')?.recordingId).toBeUndefined();
    expect(exam(full)!.sites[0].recordingId).toBe(avId);
    expect(store.getState().toasts.at(-1)?.text).toMatch(/belongs to exam "Full"/);
  });

  it('puts a site back to do when its recording is deleted from the library (after the undo period)', async () => {
    const { deps } = fakeDeps();
    const store = createAppStore(deps);
    const id = await store.getState().createExam('heart-4', { label: 'Bed 2' });
    await store.getState().importIntoSite(id, 'AV', new File(['x'], 'av.wav'));
    await store.getState().importIntoSite(id, 'PV', new File(['x'], 'pv.wav'));
    const exam = () => store.getState().exams.find((e) => e.id === id)!;
    const av = exam().sites[0].recordingId!;
    store.getState().requestDelete(av);
    store.getState().undoDelete(av);
    await vi.advanceTimersByTimeAsync(1001);
    expect(exam().sites[0].recordingId).toBe(av);
    store.getState().requestDelete(av);
    await vi.advanceTimersByTimeAsync(1001);
    expect(exam().sites.map((s) => Boolean(s.recordingId))).toEqual([false, true, false, false]);
    expect(nextSite(exam())).toBe('AV');
    expect((await deps.exams!.list()).find((e) => e.id === id)?.sites[0]).toEqual({ site: 'AV' });
  });

  it('makes an import or a microphone recording outside an exam a one-site exam: listed, exported, deleted with undo', async () => {
    const { deps, db } = fakeDeps();
    const remove = vi.spyOn(deps.exams!, 'remove');
    const store = createAppStore(deps);
    store.getState().setDraftSite('AV');
    await store.getState().importFiles([new File(['x'], '13918_AV.wav')]);
    const rec = store.getState().recordings[0];
    const single: Exam = {
      id: `single-${rec.id}`,
      protocol: 'single',
      label: '13918_AV.wav',
      createdAtMs: rec.createdAtMs,
      notes: '',
      sites: [{ site: 'AV', recordingId: rec.id }],
    };
    expect(store.getState().exams).toEqual([single]);
    expect(await deps.exams!.list()).toEqual([single]);
    expect(store.getState().selectedId).toBe(rec.id); // the workspace shows it as before

    store.getState().setDraftSite('unknown');
    await store.getState().startRecording();
    await store.getState().stopRecording();
    const mic = store.getState().recordings.find((r) => r.id !== rec.id)!;
    expect(store.getState().exams.find((e) => e.id === `single-${mic.id}`)?.sites).toEqual([
      { site: 'unknown', recordingId: mic.id },
    ]);

    // the site set on the recording afterwards is the exam's site too
    await store.getState().editRecording(mic.id, { site: 'MV' });
    await vi.waitFor(() =>
      expect(store.getState().exams.find((e) => e.id === `single-${mic.id}`)?.sites).toEqual([
        { site: 'MV', recordingId: mic.id },
      ]),
    );

    const zip = await store.getState().exportExam(single.id, { reportLines: [], fhir: {} });
    const archive = readExamArchive(zip);
    expect(archive.exam).toEqual(single);
    expect(archive.recordings.map((r) => r.meta.id)).toEqual([rec.id]);

    store.getState().requestDeleteExam(single.id);
    expect(store.getState().exams.map((e) => e.id)).toEqual([`single-${mic.id}`]);
    expect(store.getState().recordings.map((r) => r.id)).toEqual([mic.id]);
    store
      .getState()
      .toasts.find((t) => t.action?.label === 'Undo')
      ?.action?.run();
    expect(store.getState().exams.map((e) => e.id)).toContain(single.id);
    expect(store.getState().recordings.map((r) => r.id)).toContain(rec.id);
    store.getState().requestDeleteExam(single.id);
    await vi.advanceTimersByTimeAsync(1001);
    expect(remove).toHaveBeenCalledWith(single);
    expect(db.has(rec.id)).toBe(true); // memory deps keep recordings apart; IndexedDB's deleteExam removes both
  });

  it('loses no recording when its exam cannot be made; the next start makes the exam, once', async () => {
    const { deps, db } = fakeDeps();
    const put = vi.spyOn(deps.exams!, 'put').mockRejectedValueOnce(new Error('QuotaExceededError'));
    const store = createAppStore(deps);
    await store.getState().importFiles([new File(['x'], 'lung.wav')]);
    const [rec] = store.getState().recordings;
    expect(put).toHaveBeenCalledTimes(1);
    expect(db.get(rec.id)).toEqual(rec);
    expect(store.getState().exams).toEqual([]);
    expect(store.getState().toasts.at(-1)?.text).toMatch(
      /^"lung\.wav" is saved, but its exam could not be made \(QuotaExceededError\)\. Auscult makes it/,
    );

    // the next start (a new store over the same storage): startup's repair makes the exam
    const next = createAppStore(deps);
    await next.getState().initExams();
    expect(next.getState().recordings).toEqual([rec]);
    expect(next.getState().exams.map((e) => [e.id, e.sites])).toEqual([
      [`single-${rec.id}`, [{ site: 'unknown', recordingId: rec.id }]],
    ]);
    expect(next.getState().toasts.at(-1)?.text).toBe(
      'A recording that was in no exam is now a one-site exam.',
    );
    const again = createAppStore(deps);
    await again.getState().initExams();
    expect(await deps.exams!.list()).toHaveLength(1);
    expect(again.getState().toasts).toEqual([]);
  });

  it('gives a recording an exam of its own when the exam it was recorded for was deleted meanwhile', async () => {
    const { deps } = fakeDeps();
    const store = createAppStore(deps);
    const id = await store.getState().createExam('heart-4', { label: 'Bed 9' });
    await store.getState().recordIntoSite(id, 'PV');
    store.getState().requestDeleteExam(id);
    await store.getState().stopRecording();
    const [rec] = store.getState().recordings;
    expect(store.getState().exams.map((e) => [e.id, e.sites])).toEqual([
      [`single-${rec.id}`, [{ site: 'PV', recordingId: rec.id }]],
    ]);
  });

  it('removes the one-site exam of a recording deleted from the library (after the undo period)', async () => {
    const { deps } = fakeDeps();
    const store = createAppStore(deps);
    await store.getState().importFiles([new File(['x'], 'loose.wav')]);
    const [rec] = store.getState().recordings;
    expect(store.getState().exams).toHaveLength(1);
    store.getState().requestDelete(rec.id);
    await vi.advanceTimersByTimeAsync(1001);
    expect(store.getState().exams).toEqual([]);
    expect(await deps.exams!.list()).toEqual([]);
  });

  it('says why a file is not an exam', async () => {
    const store = createAppStore(fakeDeps().deps);
    await store.getState().importExam(new File(['not a zip'], 'notes.txt'));
    expect(store.getState().toasts.at(-1)?.text).toMatch(
      /^"notes.txt" could not be imported: This is not a zip file/,
    );
  });
});
