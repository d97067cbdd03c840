// Recorder slice: recording status, live level and clipping, ignored-constraint warnings. Raw audio never enters the store.
import type { StateCreator } from 'zustand';
import type { ActiveRecording } from '../capture/recorder';
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

const IDLE = { levelDbfs: -90, clipped: false, elapsedSec: 0 };

function defaultName(now: Date): string {
  return `Recording ${now.toLocaleDateString()} ${now.toLocaleTimeString()}`;
}

export function createRecorderSlice(deps: AppDeps): StateCreator<AppState, [], [], RecorderSlice> {
  let active: ActiveRecording | null = null;

  return (set, get) => ({
    recorderStatus: 'idle',
    ...IDLE,
    micWarnings: [],
    recorderError: null,

    async startRecording() {
      if (get().recorderStatus !== 'idle') return;
      set({ recorderStatus: 'starting', recorderError: null, micWarnings: [], ...IDLE });
      try {
        active = await deps.capture.start(
          { name: defaultName(new Date()), site: get().draftSite },
          {
            onLevel: (peak, elapsedSec) => set((s) => ({ ...measureBlockPeak(peak, s.clipped), elapsedSec })),
            onProblem: (text) => {
              set({ recorderError: text });
              get().pushToast({ kind: 'error', text });
            },
            onDeviceLost: (meta) => {
              active = null;
              if (meta) get().upsertRecording(meta);
              set({ recorderStatus: 'idle' });
            },
          },
        );
        set({ recorderStatus: 'recording', micWarnings: active.warnings });
      } catch (e) {
        active = null;
        set({ recorderStatus: 'idle', recorderError: e instanceof Error ? e.message : String(e) });
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
      } catch (e) {
        const text = `The recording could not be finished: ${e instanceof Error ? e.message : String(e)}. It will be recovered on the next start.`;
        set({ recorderError: text });
      } finally {
        active = null;
        set({ recorderStatus: 'idle' });
      }
    },
  });
}
