// Recordings library slice: the list shown in the app, selection, edits, import, and delete with a delayed, undoable removal.
import type { StateCreator, StoreApi } from 'zustand';
import type { Site } from '../core/clinical/schema';
import type { RecordingMeta, RecordingPatch } from '../core/clinical/recording';
import type { AppDeps } from './deps';
import type { AppState } from './store';

export interface LibrarySlice {
  recordings: RecordingMeta[];
  selectedId: string | null;
  libraryLoaded: boolean;
  importing: boolean;
  /** Site preselected for new recordings and imports. */
  draftSite: Site;
  /** Recovers interrupted recordings/imports and loads the list; runs once however often it is called. */
  initLibrary(): Promise<void>;
  select(id: string | null): void;
  setDraftSite(site: Site): void;
  upsertRecording(meta: RecordingMeta): void;
  editRecording(id: string, patch: RecordingPatch): Promise<void>;
  importFiles(files: readonly File[]): Promise<void>;
  requestDelete(id: string): void;
  undoDelete(id: string): void;
}

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

const sortNewestFirst = (list: RecordingMeta[]) => [...list].sort((a, b) => b.createdAtMs - a.createdAtMs);
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function loadLibrary(deps: AppDeps, set: Set, get: Get): Promise<void> {
  try {
    const { recovered, pendingImports } = await deps.library.recover();
    for (const m of recovered)
      get().pushToast({
        kind: 'info',
        text: `Recovered "${m.name}" (${m.durationSec.toFixed(1)} s) after an interruption.`,
      });
    for (const m of pendingImports)
      await deps.capture.resumeImport(m).catch((e) => get().pushToast({ kind: 'error', text: errorText(e) }));
    const list = await deps.library.list();
    set({ recordings: sortNewestFirst(list.filter((m) => m.status === 'ready')), libraryLoaded: true });
  } catch (e) {
    set({ libraryLoaded: true });
    get().pushToast({ kind: 'error', text: `The library could not be loaded: ${errorText(e)}` });
  }
}

/**
 * Imports one file at `site` into the library and says how it went: a warning toast when the import has something
 * to check, an error toast (and null) when it failed, an info toast when it was clean and `announceClean`.
 */
export async function importOne(
  deps: Pick<AppDeps, 'capture'>,
  file: File,
  site: Site,
  get: Get,
  announceClean: boolean,
): Promise<RecordingMeta | null> {
  try {
    const { warnings = [], ...meta } = await deps.capture.importFile(file, site);
    get().upsertRecording(meta);
    if (warnings.length > 0)
      get().pushToast({
        kind: 'warning',
        text: `Imported "${meta.name}", but check it: ${warnings.join('; ')}.`,
      });
    else if (announceClean) get().pushToast({ kind: 'info', text: `Imported "${meta.name}".` });
    return meta;
  } catch (e) {
    get().pushToast({ kind: 'error', text: errorText(e) });
    return null;
  }
}

async function importAll(deps: AppDeps, files: readonly File[], set: Set, get: Get): Promise<void> {
  set({ importing: true });
  try {
    for (const f of files) {
      const meta = await importOne(deps, f, get().draftSite, get, true);
      if (!meta) continue;
      set({ selectedId: meta.id });
      await get().placeRecording(meta); // saved already: now its one-site exam
    }
  } finally {
    set({ importing: false });
  }
}

/** Delete hides the recording at once and removes it from storage only after `deps.undoMs` without Undo. */
function deleteActions(
  deps: AppDeps,
  set: Set,
  get: Get,
): Pick<LibrarySlice, 'requestDelete' | 'undoDelete'> {
  const pending = new Map<
    string,
    { meta: RecordingMeta; timer: ReturnType<typeof setTimeout>; toastId: number }
  >();
  const finish = (id: string) => {
    const p = pending.get(id);
    pending.delete(id);
    if (p) get().dismissToast(p.toastId);
    deps.library
      .remove(id)
      .then(() => get().detachRecording(id)) // an exam that held it has that site to do again
      .catch((e) => get().pushToast({ kind: 'error', text: `Delete failed: ${errorText(e)}` }));
  };
  return {
    requestDelete(id) {
      const meta = get().recordings.find((r) => r.id === id);
      if (!meta || pending.has(id)) return;
      const timer = setTimeout(() => finish(id), deps.undoMs);
      const action = { label: 'Undo', run: () => get().undoDelete(id) };
      const toastId = get().pushToast({ kind: 'info', text: `Deleted "${meta.name}".`, action });
      pending.set(id, { meta, timer, toastId });
      set((s) => ({
        recordings: s.recordings.filter((r) => r.id !== id),
        selectedId: s.selectedId === id ? null : s.selectedId,
      }));
    },
    undoDelete(id) {
      const p = pending.get(id);
      if (!p) return;
      clearTimeout(p.timer);
      pending.delete(id);
      get().dismissToast(p.toastId);
      get().upsertRecording(p.meta);
    },
  };
}

export function createLibrarySlice(deps: AppDeps): StateCreator<AppState, [], [], LibrarySlice> {
  return (set, get) => {
    let initOnce: Promise<void> | null = null;
    return {
      recordings: [],
      selectedId: null,
      libraryLoaded: false,
      importing: false,
      draftSite: 'unknown',
      initLibrary: () => (initOnce ??= loadLibrary(deps, set, get)),
      select: (id) => set({ selectedId: id }),
      setDraftSite: (site) => set({ draftSite: site }),
      upsertRecording: (meta) =>
        set((s) => ({
          recordings: sortNewestFirst([...s.recordings.filter((r) => r.id !== meta.id), meta]),
        })),
      async editRecording(id, patch) {
        try {
          get().upsertRecording(await deps.library.update(id, patch));
        } catch (e) {
          get().pushToast({ kind: 'error', text: `Could not save the change: ${errorText(e)}` });
        }
      },
      importFiles: (files) => importAll(deps, files, set, get),
      ...deleteActions(deps, set, get),
    };
  };
}
