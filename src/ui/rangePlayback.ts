// Plays a span of sound through Web Audio: samples the page already holds (a practice case), or a range of a saved
// recording read by range (only that span's bytes are read and decoded, never the whole file).
import { readRecordingRange } from '../state/recordingFiles';

/** The page's one AudioContext for short spans, made on first use (from a user gesture). */
let shared: AudioContext | null = null;

/** Plays mono `samples` at `sampleRateHz` once, from the start. */
export async function playSamples(samples: Float32Array, sampleRateHz: number): Promise<void> {
  const ctx = (shared ??= new AudioContext());
  const buf = ctx.createBuffer(1, Math.max(1, samples.length), sampleRateHz);
  if (samples.length > 0) buf.copyToChannel(samples.slice(), 0);
  const src = ctx.createBufferSource();
  src.buffer = buf;
  src.connect(ctx.destination);
  await ctx.resume();
  src.start();
}

/** Reads seconds [fromS, toS) of saved recording `recordingId` by range and plays them; false when it has no audio. */
export async function playRecordingRange(recordingId: string, fromS: number, toS: number): Promise<boolean> {
  const start = Math.max(0, fromS);
  const span = await readRecordingRange(recordingId, { fromS: start, seconds: Math.max(0, toS - start) });
  if (!span) return false;
  await playSamples(span.samples, span.sampleRateHz);
  return true;
}
