// A saved recording's audio as the workers read it: straight from IndexedDB (the page sends only the recording's id),
// by range through the windowed reader, so neither the page nor a worker decodes the file in one piece.
import { readAllFrames, type WavReader } from '../core/audio/wavReader';
import { WavError } from '../core/audio/wav';
import { InferenceError } from '../inference/protocol';
import { openRecordingAudio } from '../storage/recordings';

/** Seconds of audio decoded per read. */
const CHUNK_SECONDS = 60;

/** Turns a broken saved WAV into InferenceError 'bad-audio' with what to do; anything else passes. */
function asBadAudio(e: unknown): unknown {
  return e instanceof WavError
    ? new InferenceError(
        'bad-audio',
        `The saved audio of this recording cannot be read (${e.message}); import it again.`,
      )
    : e;
}

/** Saved recording `id` opened for windowed reads; InferenceError 'bad-audio' when it has none or it is broken. */
export async function openSaved(id: string): Promise<WavReader> {
  try {
    const wav = await openRecordingAudio(id);
    if (!wav)
      throw new InferenceError(
        'bad-audio',
        'This recording has no audio stored yet; wait for the import to finish.',
      );
    return wav;
  } catch (e) {
    throw asBadAudio(e);
  }
}

/** Mono samples of saved recording `id` at its own rate, decoded a minute at a time into one array. */
export async function readRecording(
  id: string,
  signal?: AbortSignal,
): Promise<{ samples: Float32Array; sampleRateHz: number }> {
  const wav = await openSaved(id);
  try {
    const samples = await readAllFrames(wav, CHUNK_SECONDS * wav.sampleRateHz, signal);
    return { samples, sampleRateHz: wav.sampleRateHz };
  } catch (e) {
    throw asBadAudio(e);
  }
}
