// Startup recovery: recordings interrupted by a reload or crash are rebuilt from their stored chunks.
import { heldRecordingLocks, recordingLockName } from './locks';
import type { RecordingMeta } from '../core/clinical/recording';
import { finalizeRecording, listRecordings } from './recordings';

export interface RecoveryResult {
  /** Microphone recordings rebuilt from their chunks. */
  recovered: RecordingMeta[];
  /** Imports whose original was saved but never decoded; the caller decodes them again. */
  pendingImports: RecordingMeta[];
}

export async function recoverUnfinished(): Promise<RecoveryResult> {
  const all = await listRecordings();
  const busy = await heldRecordingLocks(); // recordings another open tab is still making
  const recovered: RecordingMeta[] = [];
  for (const meta of all.filter((m) => m.status === 'recording' && !busy.has(recordingLockName(m.id)))) {
    recovered.push(await finalizeRecording(meta.id, { recovered: true }));
  }
  // An import in progress in another tab is indistinguishable from an interrupted one; both are decoded again.
  return { recovered, pendingImports: all.filter((m) => m.status === 'importing') };
}
