// A saved recording's audio as the worker reads it: straight from IndexedDB (the page sends only the recording's id),
// decoded a minute at a time into one array, so neither the page nor the worker decodes the file in one piece.
import { readAllFrames } from '../core/audio/wavReader';
import { WavError } from '../core/audio/wav';
import { InferenceError } from '../inference/protocol';
import { openRecordingAudio } from '../storage/recordings';

/** Seconds of audio decoded per read. */
const CHUNK_SECONDS = 60;

/** Mono samples of saved recording `id` at its own rate; InferenceError 'bad-audio' when it has none or it is broken. */
export async function readRecording(
  id: string,
  signal?: AbortSignal,
): Promise<{ samples: Float32Array; sampleRateHz: number }> {
  try {
    const wav = await openRecordingAudio(id);
    if (!wav)
      throw new InferenceError(
        'bad-audio',
        'This recording has no audio stored yet; wait for the import to finish.',
      );
    const samples = await readAllFrames(wav, CHUNK_SECONDS * wav.sampleRateHz, signal);
    return { samples, sampleRateHz: wav.sampleRateHz };
  } catch (e) {
    if (e instanceof WavError)
      throw new InferenceError(
        'bad-audio',
        `The saved audio of this recording cannot be read (${e.message}); import it again.`,
      );
    throw e;
  }
}
