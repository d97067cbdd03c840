// Recorder slice: recording status, live level and clipping, ignored-constraint warnings. Raw audio never enters the store.
import type { StateCreator, StoreApi } from 'zustand';
import type { ActiveRecording, RecorderEvents } from '../capture/recorder';
import { measureBlockPeak } from './level-bridge';
import type { AppDeps } from './deps';
import type { AppState } from './store';

export type RecorderStatus = 'idle' | 'starting' | 'recording' | 'stopping';

export interface RecorderSlice {
  recorderStatus: RecorderStatus;
  /** Peak of the latest block in dBFS, and whether any sample so far reached full scale. */
  levelDbfs: number;
  clipped: boolean;
  elapsedSec: number;
  micWarnings: string[];
  recorderError: string | null;
  startRecording(): Promise<void>;
  stopRecording(): Promise<void>;
}

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

const IDLE = { levelDbfs: -90, clipped: false, elapsedSec: 0 };
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

function defaultName(now: Date): string {
  return `Recording ${now.toLocaleDateString()} ${now.toLocaleTimeString()}`;
}

function recorderEvents(set: Set, get: Get, onEnded: () => void): RecorderEvents {
  return {
    onLevel: (peak, elapsedSec) => set((s) => ({ ...measureBlockPeak(peak, s.clipped), elapsedSec })),
    onProblem: (text) => {
      set({ recorderError: text });
      get().pushToast({ kind: 'error', text });
    },
    onDeviceLost: (meta) => {
      onEnded();
      if (meta) {
        get().upsertRecording(meta);
        void get().placeRecording(meta); // into its exam site, else a one-site exam
      }
      set({ recorderStatus: 'idle' });
    },
  };
}

export function createRecorderSlice(deps: AppDeps): StateCreator<AppState, [], [], RecorderSlice> {
  return (set, get) => {
    let active: ActiveRecording | null = null;
    const events = recorderEvents(set, get, () => (active = null));
    return {
      recorderStatus: 'idle',
      ...IDLE,
      micWarnings: [],
      recorderError: null,

      async startRecording() {
        if (get().recorderStatus !== 'idle') return;
        set({ recorderStatus: 'starting', recorderError: null, micWarnings: [], ...IDLE });
        try {
          active = await deps.capture.start({ name: defaultName(new Date()), site: get().draftSite }, events);
          set({ recorderStatus: 'recording', micWarnings: active.warnings });
        } catch (e) {
          active = null;
          set({ recorderStatus: 'idle', recorderError: errorText(e) });
        }
      },

      async stopRecording() {
        const rec = active;
        if (!rec || get().recorderStatus !== 'recording') return;
        set({ recorderStatus: 'stopping' });
        try {
          const meta = await rec.stop();
          get().upsertRecording(meta);
          get().select(meta.id);
          await get().placeRecording(meta); // saved already: into its exam site, else a one-site exam
        } catch (e) {
          set({
            recorderError: `The recording could not be finished (${errorText(e)}). It will be recovered on the next start.`,
          });
        } finally {
          active = null;
          set({ recorderStatus: 'idle' });
        }
      },
    };
  };
}
