// The UI's access to stored recordings' files: a recording's WAV as a Blob (not read) or a range of its samples,
// and storing recordings made on the device (the synthetic samples), so that no component imports storage.
import type { RecordingMeta } from '../core/clinical/recording';
import { completeImport, getFileBlob, openRecordingAudio } from '../storage/recordings';

/**
 * A recording's WAV as a Blob, not read: give it (or an object URL of it) to a media element, which reads only the
 * byte ranges it plays, or to a download link. Null when it has none.
 */
export function recordingWavBlob(id: string): Promise<Blob | null> {
  return getFileBlob(id, 'wav');
}

/**
 * Mono samples of a recording from `fromS` for `seconds` (clamped to the file), read by range: only those frames'
 * bytes are read and decoded. Null when it has no WAV.
 */
export async function readRecordingRange(
  id: string,
  range: { fromS: number; seconds: number },
): Promise<{ samples: Float32Array; sampleRateHz: number; frames: number } | null> {
  const wav = await openRecordingAudio(id);
  if (!wav) return null;
  return { samples: await wav.read(range), sampleRateHz: wav.sampleRateHz, frames: wav.frames };
}

/** Stores a WAV made on this device with its metadata (status `importing`) and returns it marked ready. */
export function saveMadeRecording(meta: RecordingMeta, wav: Uint8Array): Promise<RecordingMeta> {
  return completeImport(meta, wav);
}
