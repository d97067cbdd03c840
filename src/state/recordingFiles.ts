// The UI's access to stored recordings' files: it reads a recording's WAV and stores recordings made on the device
// (the synthetic samples) through here, so that no component imports storage.
import type { RecordingMeta } from '../core/clinical/recording';
import { completeImport, getFile } from '../storage/recordings';

/** A recording's mono 16-bit WAV; null when it has none (deleted, or an import not decoded yet). */
export function readRecordingWav(id: string): Promise<Uint8Array | null> {
  return getFile(id, 'wav');
}

/** Stores a WAV made on this device with its metadata (status `importing`) and returns it marked ready. */
export function saveMadeRecording(meta: RecordingMeta, wav: Uint8Array): Promise<RecordingMeta> {
  return completeImport(meta, wav);
}
