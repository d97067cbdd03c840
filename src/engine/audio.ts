// Recording → model input windows, with src/core/features unchanged (the same code training used).
import { FEATURE_CONFIG, featureConfigHash } from '../core/features/config';
import { featureWindows, logMel, toModelRate } from '../core/features/logmel';
import type { ModelManifest } from '../core/manifest/manifest';
import { EngineError } from './errors';
import type { RecordingInput } from './types';

/** Refuses a model whose features differ from this build's (its answers would be meaningless). */
export function checkFeatureCompatibility(m: ModelManifest): void {
  const here = featureConfigHash(FEATURE_CONFIG);
  if (m.featureConfigHash !== here)
    throw new EngineError('model-not-found', `model ${m.id} was trained with feature config ${m.featureConfigHash.slice(0, 12)}…, this app computes ${here.slice(0, 12)}…; update the app or re-export the model.`);
  const enc = m.architecture.encoder;
  if (enc.nMels !== FEATURE_CONFIG.nMels || enc.windowFrames !== FEATURE_CONFIG.windowFrames)
    throw new EngineError('model-not-found', `model ${m.id} expects ${enc.nMels}×${enc.windowFrames} windows, features give ${FEATURE_CONFIG.nMels}×${FEATURE_CONFIG.windowFrames}.`);
}

function checkAudio(rec: RecordingInput, index: number): void {
  const where = `recording ${index + 1}`;
  if (!(rec.samples instanceof Float32Array) || rec.samples.length === 0) throw new EngineError('bad-audio', `${where} has no samples; record or import it again.`);
  if (!Number.isFinite(rec.sampleRateHz) || rec.sampleRateHz < 1000) throw new EngineError('bad-audio', `${where} has an unusable sample rate (${rec.sampleRateHz} Hz); at least 1000 Hz is needed.`);
  for (let i = 0; i < rec.samples.length; i++)
    if (!Number.isFinite(rec.samples[i])) throw new EngineError('bad-audio', `${where} contains NaN or infinite samples; re-import the file.`);
}

/** Seconds of audio beyond the last needed frame, so the resampler's filter tail never changes a used frame. */
const TRIM_MARGIN_S = 0.25;

/**
 * Windows of one recording, each [nMels × windowFrames] row-major (at least one). With `maxWindows`, only the
 * audio those windows need is resampled and analysed: a question about an hour-long file costs one window.
 */
export function recordingWindows(rec: RecordingInput, index = 0, maxWindows = Infinity): Float32Array[] {
  checkAudio(rec, index);
  const { hopSamples, windowSamples, windowFrames, sampleRateHz } = FEATURE_CONFIG;
  const neededS = ((maxWindows * windowFrames - 1) * hopSamples + windowSamples) / sampleRateHz + TRIM_MARGIN_S;
  const keep = Math.min(rec.samples.length, Math.ceil(neededS * rec.sampleRateHz));
  const samples = keep < rec.samples.length ? rec.samples.subarray(0, keep) : rec.samples;
  return featureWindows(logMel(toModelRate(samples, rec.sampleRateHz))).slice(0, maxWindows);
}

/** Concatenates windows into one batch buffer [n, nMels, windowFrames]. */
export function batchWindows(windows: Float32Array[]): { data: Float32Array; dims: number[] } {
  const size = FEATURE_CONFIG.nMels * FEATURE_CONFIG.windowFrames;
  const data = new Float32Array(windows.length * size);
  windows.forEach((w, i) => data.set(w, i * size));
  return { data, dims: [windows.length, FEATURE_CONFIG.nMels, FEATURE_CONFIG.windowFrames] };
}
