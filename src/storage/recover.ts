// Startup recovery: recordings interrupted by a reload or crash are rebuilt from their stored chunks.
import { finalizeRecording, listRecordings, type RecordingMeta } from './recordings';

export interface RecoveryResult {
  /** Microphone recordings rebuilt from their chunks. */
  recovered: RecordingMeta[];
  /** Imports whose original was saved but never decoded; the caller decodes them again. */
  pendingImports: RecordingMeta[];
}

export async function recoverUnfinished(): Promise<RecoveryResult> {
  const all = await listRecordings();
  const recovered: RecordingMeta[] = [];
  for (const meta of all.filter((m) => m.status === 'recording')) {
    recovered.push(await finalizeRecording(meta.id, { recovered: true }));
  }
  return { recovered, pendingImports: all.filter((m) => m.status === 'importing') };
}
