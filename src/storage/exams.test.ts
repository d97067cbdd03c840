// Exams in IndexedDB (fake-indexeddb): databases from before every recording had an exam (versions 1, 2 and the
// current one) get a one-site exam per loose recording, once; a failing exam write loses no recording.
import { IDBFactory, IDBKeyRange as FakeKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Exam } from '../core/clinical/exam';
import type { RecordingMeta } from '../core/clinical/recording';

const meta = (id: string, createdAtMs: number, extra: Partial<RecordingMeta> = {}): RecordingMeta => ({
  id,
  name: `rec ${id}`,
  createdAtMs,
  durationSec: 1,
  sampleRateHz: 4000,
  site: 'unknown',
  notes: '',
  source: 'import',
  status: 'ready',
  ...extra,
});
const WAV = Uint8Array.from({ length: 64 }, (_, i) => (i * 7) & 0xff);

/** Lays out the database as the app at `version` left it (its stores only), holding `recordings` and `exams`. */
function seed(version: 1 | 2 | 3, recordings: RecordingMeta[], exams: Exam[] = []): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open('auscult', version);
    req.onupgradeneeded = () => {
      const db = req.result;
      const tx = req.transaction as IDBTransaction;
      db.createObjectStore('recordings', { keyPath: 'id' });
      db.createObjectStore('chunks', { keyPath: ['recordingId', 'seq'] });
      db.createObjectStore('files', { keyPath: ['recordingId', 'kind'] });
      if (version >= 2) db.createObjectStore('exams', { keyPath: 'id' });
      if (version >= 3) db.createObjectStore('practice', { keyPath: 'id' });
      for (const m of recordings) {
        tx.objectStore('recordings').put(m);
        tx.objectStore('files').put({ recordingId: m.id, kind: 'wav', bytes: WAV, type: 'audio/wav' });
      }
      for (const e of exams) tx.objectStore('exams').put(e);
    };
    req.onsuccess = () => {
      req.result.close();
      resolve();
    };
    req.onerror = () => reject(req.error);
  });
}

/** The storage modules afresh (db.ts keeps one connection per module instance). */
async function storage() {
  const [db, exams, recordings] = await Promise.all([
    import('./db'),
    import('./exams'),
    import('./recordings'),
  ]);
  return { ...db, ...exams, ...recordings };
}

const single = (r: RecordingMeta): Exam => ({
  id: `single-${r.id}`,
  protocol: 'single',
  label: r.name,
  createdAtMs: r.createdAtMs,
  notes: '',
  sites: [{ site: r.site, recordingId: r.id }],
});

const byId = (list: Exam[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('exams in IndexedDB', () => {
  beforeEach(() => {
    vi.resetModules();
    vi.stubGlobal('indexedDB', new IDBFactory());
    vi.stubGlobal('IDBKeyRange', FakeKeyRange);
  });

  it('gives each loose recording of a version-2 database a one-site exam, once', async () => {
    const av = meta('av', 1, { site: 'AV', name: 'apex morning' });
    const loose = meta('loose', 2);
    const held = meta('held', 3, { site: 'MV' });
    const unfinished = meta('unfinished', 4, { status: 'recording' });
    const exam: Exam = {
      id: 'bed-4',
      protocol: 'heart-4',
      label: 'Bed 4',
      createdAtMs: 5,
      notes: '',
      sites: [{ site: 'MV', recordingId: 'held' }, { site: 'AV' }],
    };
    await seed(2, [av, loose, held, unfinished], [exam]);
    const s = await storage();

    const made = await s.adoptLooseRecordings();
    expect(byId(made)).toEqual([single(av), single(loose)]);
    expect(byId(await s.listExams())).toEqual(byId([exam, single(av), single(loose)]));
    // nothing of the recordings changed, and the database reached the current version
    expect((await s.listRecordings()).map((m) => m.id).sort()).toEqual(
      ['av', 'held', 'loose', 'unfinished'].sort(),
    );
    expect(await s.getFile('av', 'wav')).toEqual(WAV);
    expect((await s.openDb()).version).toBe(s.DB_VERSION);

    // a second run (the next start) makes nothing new
    expect(await s.adoptLooseRecordings()).toEqual([]);
    expect(await s.listExams()).toHaveLength(3);
  });

  it('repairs a database already at the current version, and one from before exams is converted on opening', async () => {
    const r = meta('r', 1, { site: 'posterior-left-lower' });
    await seed(3, [r]);
    let s = await storage();
    expect(await s.listExams()).toEqual([]); // opening alone does not touch a current database
    expect(await s.adoptLooseRecordings()).toEqual([single(r)]);
    expect(await s.adoptLooseRecordings()).toEqual([]);

    vi.resetModules();
    vi.stubGlobal('indexedDB', new IDBFactory());
    const old = meta('old', 1, { site: 'AV' });
    await seed(1, [old]);
    s = await storage();
    expect(await s.listExams()).toEqual([single(old)]); // the version-1 upgrade itself
    expect(await s.adoptLooseRecordings()).toEqual([]);
  });

  it('loses no recording when its exam cannot be saved; the next start makes the exam', async () => {
    const s = await storage();
    const m = meta('new', 7, { site: 'TV', status: 'importing', originalType: 'audio/wav' });
    await s.saveImportOriginal(m, WAV);
    const saved = await s.completeImport(m, WAV);
    // an exam the store rejects (no key): the transaction fails and rolls back
    const broken = { ...single(saved), id: undefined } as unknown as Exam;
    await expect(s.putExam(broken)).rejects.toThrow();
    expect(await s.listExams()).toEqual([]);
    expect(await s.listRecordings()).toEqual([saved]);
    expect(await s.getFile('new', 'wav')).toEqual(WAV);
    expect(await s.getFile('new', 'original')).toEqual(WAV);

    expect(await s.adoptLooseRecordings()).toEqual([single(saved)]);
    expect(await s.listExams()).toEqual([single(saved)]);
  });

  it('deletes a one-site exam with its recording, all of it', async () => {
    const r = meta('r', 1, { site: 'AV' });
    await seed(3, [r]);
    const s = await storage();
    const [exam] = await s.adoptLooseRecordings();
    await s.deleteExam(exam);
    expect(await s.listExams()).toEqual([]);
    expect(await s.listRecordings()).toEqual([]);
    expect(await s.getFile('r', 'wav')).toBeNull();
  });
});
