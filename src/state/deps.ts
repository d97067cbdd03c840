// The side effects the store needs (storage, microphone, file import), injected so that slices can be unit-tested.
import type { Site } from '../core/clinical/schema';
import type { RecordingMeta, RecordingPatch } from '../core/clinical/recording';
import type { RecoveryResult } from '../storage/recover';
import type { ActiveRecording, RecorderEvents } from '../capture/recorder';
import type { InferenceDeps } from './slices/inference';
import type { ExamDeps } from './slices/examDeps';
import type { PracticeDeps } from './slices/practice';

export interface AppDeps {
  library: {
    list(): Promise<RecordingMeta[]>;
    update(id: string, patch: RecordingPatch): Promise<RecordingMeta>;
    remove(id: string): Promise<void>;
    recover(): Promise<RecoveryResult>;
  };
  capture: {
    start(opts: { name: string; site: Site }, events: RecorderEvents): Promise<ActiveRecording>;
    /** `warnings`: accepted but suspicious (silent, clipped, DC offset, NaN samples…); shown to the user. */
    importFile(file: File, site: Site): Promise<RecordingMeta & { warnings?: string[] }>;
    resumeImport(meta: RecordingMeta): Promise<RecordingMeta>;
  };
  /** How long a deleted recording can be restored with Undo before it is really deleted. */
  undoMs: number;
  /** The on-device model (worker client, audio access); absent in tests that do not exercise inference. */
  inference?: InferenceDeps;
  /** Exam storage; absent: exams are kept in memory (tests of other slices). */
  exams?: ExamDeps;
  /** Where practice attempts are kept; absent: in memory (tests of other slices). */
  practice?: PracticeDeps;
}
