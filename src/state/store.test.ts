// Store slices against in-memory fakes of storage and capture: library load/recovery, edits, import errors,
// delete with undo, and the recorder lifecycle.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecordingMeta } from '../core/clinical/recording';
import type { RecorderEvents } from '../capture/recorder';
import type { AppDeps } from './deps';
import { createAppStore } from './store';

const meta = (id: string, createdAtMs: number, extra: Partial<RecordingMeta> = {}): RecordingMeta => ({
  id,
  name: `rec ${id}`,
  createdAtMs,
  durationSec: 5,
  sampleRateHz: 48000,
  site: 'unknown',
  notes: '',
  source: 'microphone',
  status: 'ready',
  ...extra,
});

function fakeDeps() {
  const db = new Map<string, RecordingMeta>();
  let events: RecorderEvents | null = null;
  const deps: AppDeps = {
    undoMs: 1000,
    library: {
      list: async () => [...db.values()],
      update: async (id, patch) => {
        const m = { ...db.get(id)!, ...patch };
        db.set(id, m);
        return m;
      },
      remove: async (id) => void db.delete(id),
      recover: async () => ({ recovered: [], pendingImports: [] }),
    },
    capture: {
      start: async (opts, ev) => {
        events = ev;
        const m = meta('mic', 99, { name: opts.name, site: opts.site, status: 'recording' });
        return {
          meta: m,
          sampleRateHz: 48000,
          warnings: ['kept echo cancellation on'],
          stop: async () => ({ ...m, status: 'ready' }),
        };
      },
      importFile: async (f) => {
        if (f.name.endsWith('.txt')) throw new Error(`"${f.name}" is not a recognised audio format`);
        const m = meta('imp', 50, { name: f.name, source: 'import' });
        db.set(m.id, m);
        return m;
      },
      resumeImport: async (m) => m,
    },
  };
  return { db, deps, events: () => events! };
}

describe('app store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('loads ready recordings newest first', async () => {
    const f = fakeDeps();
    f.db
      .set('a', meta('a', 1))
      .set('b', meta('b', 2))
      .set('c', meta('c', 3, { status: 'importing' }));
    const store = createAppStore(f.deps);
    await store.getState().initLibrary();
    expect(store.getState().recordings.map((r) => r.id)).toEqual(['b', 'a']);
    expect(store.getState().libraryLoaded).toBe(true);
  });

  it('edits name, site and notes through the repository', async () => {
    const f = fakeDeps();
    f.db.set('a', meta('a', 1));
    const store = createAppStore(f.deps);
    await store.getState().initLibrary();
    await store.getState().editRecording('a', { name: 'apex', site: 'MV', notes: 'S3?' });
    expect(store.getState().recordings[0]).toMatchObject({ name: 'apex', site: 'MV', notes: 'S3?' });
    expect(f.db.get('a')?.site).toBe('MV');
  });

  it('deletes only after the undo period, and Undo restores', async () => {
    const f = fakeDeps();
    f.db.set('a', meta('a', 1)).set('b', meta('b', 2));
    const store = createAppStore(f.deps);
    await store.getState().initLibrary();
    store.getState().requestDelete('a');
    expect(store.getState().recordings.map((r) => r.id)).toEqual(['b']);
    const toast = store.getState().toasts.find((t) => t.action?.label === 'Undo');
    toast?.action?.run();
    expect(store.getState().recordings.map((r) => r.id)).toEqual(['b', 'a']);
    await vi.advanceTimersByTimeAsync(2000);
    expect(f.db.has('a')).toBe(true);

    store.getState().requestDelete('b');
    await vi.advanceTimersByTimeAsync(999);
    expect(f.db.has('b')).toBe(true);
    await vi.advanceTimersByTimeAsync(2);
    expect(f.db.has('b')).toBe(false);
    expect(store.getState().toasts.some((t) => t.action)).toBe(false);
  });

  it('imports files, reporting failures as error toasts without adding anything', async () => {
    const f = fakeDeps();
    const store = createAppStore(f.deps);
    await store.getState().importFiles([new File(['x'], 'notes.txt'), new File(['y'], 'heart.wav')]);
    const s = store.getState();
    expect(s.recordings.map((r) => r.name)).toEqual(['heart.wav']);
    expect(s.selectedId).toBe('imp');
    expect(s.importing).toBe(false);
    expect(s.toasts.filter((t) => t.kind === 'error').map((t) => t.text)).toEqual([
      '"notes.txt" is not a recognised audio format',
    ]);
  });

  it('runs the recorder lifecycle with live level, sticky clipping and warnings', async () => {
    const f = fakeDeps();
    const store = createAppStore(f.deps);
    store.getState().setDraftSite('AV');
    await store.getState().startRecording();
    expect(store.getState().recorderStatus).toBe('recording');
    expect(store.getState().micWarnings).toHaveLength(1);
    f.events().onLevel(1, 0.5);
    f.events().onLevel(0.1, 1.0);
    expect(store.getState()).toMatchObject({ clipped: true, elapsedSec: 1 });
    expect(store.getState().levelDbfs).toBeCloseTo(-20, 6);
    await store.getState().stopRecording();
    expect(store.getState().recorderStatus).toBe('idle');
    expect(store.getState().recordings[0]).toMatchObject({ id: 'mic', site: 'AV', status: 'ready' });
    expect(store.getState().selectedId).toBe('mic');
  });

  it('shows the microphone error and returns to idle when starting fails', async () => {
    const f = fakeDeps();
    f.deps.capture.start = async () => {
      throw new Error('Microphone access was denied.');
    };
    const store = createAppStore(f.deps);
    await store.getState().startRecording();
    expect(store.getState()).toMatchObject({
      recorderStatus: 'idle',
      recorderError: 'Microphone access was denied.',
    });
  });
});
