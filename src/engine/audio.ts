// Recording → model input windows, with src/core/features unchanged (the same code training used), computed window
// by window: a window's features equal those of featureWindows(logMel(toModelRate(whole recording))) exactly, but
// only about 10 s of audio is resampled and analysed at a time, so an hour-long file never becomes one log-mel.
import { resampledLength } from '../core/audio/resample';
import { FEATURE_CONFIG, featureConfigHash } from '../core/features/config';
import { frameCount, logMel, toModelRate } from '../core/features/logmel';
import type { ModelManifest } from '../core/manifest/manifest';
import { EngineError } from './errors';
import type { RecordingInput } from './types';

/** Refuses a model whose features differ from this build's (its answers would be meaningless). */
export function checkFeatureCompatibility(m: ModelManifest): void {
  const here = featureConfigHash(FEATURE_CONFIG);
  if (m.featureConfigHash !== here)
    throw new EngineError(
      'model-not-found',
      `model ${m.id} was trained with feature config ${m.featureConfigHash.slice(0, 12)}…, this app computes ${here.slice(0, 12)}…; update the app or re-export the model.`,
    );
  const enc = m.architecture.encoder;
  if (enc.nMels !== FEATURE_CONFIG.nMels || enc.windowFrames !== FEATURE_CONFIG.windowFrames)
    throw new EngineError(
      'model-not-found',
      `model ${m.id} expects ${enc.nMels}×${enc.windowFrames} windows, features give ${FEATURE_CONFIG.nMels}×${FEATURE_CONFIG.windowFrames}.`,
    );
}

/** Throws EngineError 'bad-audio' (naming recording `index` + 1) for audio the model cannot use. */
export function checkAudio(rec: RecordingInput, index = 0): void {
  const where = `recording ${index + 1}`;
  if (!(rec.samples instanceof Float32Array) || rec.samples.length === 0)
    throw new EngineError('bad-audio', `${where} has no samples; record or import it again.`);
  if (!Number.isInteger(rec.sampleRateHz) || rec.sampleRateHz < 1000)
    throw new EngineError(
      'bad-audio',
      `${where} has an unusable sample rate (${rec.sampleRateHz} Hz); a whole number of at least 1000 Hz is needed.`,
    );
  for (let i = 0; i < rec.samples.length; i++)
    if (!Number.isFinite(rec.samples[i]))
      throw new EngineError('bad-audio', `${where} contains NaN or infinite samples; re-import the file.`);
}

/** Seconds of source audio beyond each end of a window's span, so the resampler's filter edges never reach a used sample. */
const MARGIN_S = 0.25;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** Log-mel frames of the whole recording at the model rate (what logMel of the whole file would give). */
function totalFrames(rec: RecordingInput): number {
  return frameCount(resampledLength(rec.samples.length, rec.sampleRateHz, FEATURE_CONFIG.sampleRateHz));
}

/** Number of model windows of a recording (at least one; the last may be partial, then tiled). */
export function windowCount(rec: RecordingInput): number {
  return Math.max(1, Math.ceil(totalFrames(rec) / FEATURE_CONFIG.windowFrames));
}

/** Seconds one model window spans (10.24 s). */
export const WINDOW_SECONDS =
  (FEATURE_CONFIG.windowFrames * FEATURE_CONFIG.hopSamples) / FEATURE_CONFIG.sampleRateHz;

/**
 * Model-rate samples [from, to) of the whole recording's resampled signal, resampling only a slice around them. The
 * slice starts where the resampler's output grid and the input grid meet (model sample a multiple of L for the
 * reduced ratio L/M), so every output sample has the same phase and taps as in the whole-file resample.
 */
function modelRateSpan(rec: RecordingInput, from: number, to: number): Float32Array {
  const { samples, sampleRateHz } = rec;
  const modelHz = FEATURE_CONFIG.sampleRateHz;
  if (sampleRateHz === modelHz) return samples.subarray(from, to);
  const g = gcd(sampleRateHz, modelHz);
  const L = modelHz / g;
  const M = sampleRateHz / g;
  const marginOut = Math.ceil(MARGIN_S * modelHz);
  const k0 = Math.max(0, Math.floor((from - marginOut) / L)) * L; // model sample where the slice starts
  const i0 = (k0 / L) * M; // the source sample at the same instant
  const i1 = Math.min(samples.length, Math.ceil((to * M) / L) + Math.ceil(MARGIN_S * sampleRateHz));
  return toModelRate(samples.subarray(i0, i1), sampleRateHz).subarray(from - k0, to - k0);
}

/** Log-mel frames [f0, f1) of the whole recording, row-major [nMels][f1 − f0]. */
function framesOf(rec: RecordingInput, f0: number, f1: number, modelLength: number): Float32Array {
  const { hopSamples, windowSamples } = FEATURE_CONFIG;
  const from = f0 * hopSamples;
  const to = Math.min(modelLength, (f1 - 1) * hopSamples + windowSamples);
  return logMel(modelRateSpan(rec, from, to)).data;
}

/**
 * Model window `index` of a recording, [nMels × windowFrames] row-major. Frame j of window w is frame
 * (w · windowFrames + j) mod nFrames of the whole recording: the featureWindows rule (a last partial window, or a
 * recording shorter than one window, is filled by tiling the recording's own frames from its start).
 */
export function windowAt(rec: RecordingInput, index: number): Float32Array {
  const { nMels, windowFrames: W, sampleRateHz } = FEATURE_CONFIG;
  const modelLength = resampledLength(rec.samples.length, rec.sampleRateHz, sampleRateHz);
  const nFrames = frameCount(modelLength);
  const first = index * W;
  if (!Number.isInteger(index) || index < 0 || first >= Math.max(nFrames, 1))
    throw new RangeError(`window ${index} is outside the recording (${windowCount(rec)} windows)`);
  const direct = Math.min(W, nFrames - first);
  const head = framesOf(rec, first, first + direct, modelLength);
  const wrapped = Math.min(W - direct, nFrames);
  const start = wrapped > 0 ? framesOf(rec, 0, wrapped, modelLength) : head;
  const out = new Float32Array(nMels * W);
  for (let m = 0; m < nMels; m++)
    for (let j = 0; j < W; j++) {
      const f = first + j < nFrames ? j : (first + j) % nFrames; // an index into head, or into the start frames
      out[m * W + j] = first + j < nFrames ? head[m * direct + f] : start[m * wrapped + f];
    }
  return out;
}

/**
 * The first `maxWindows` windows of a recording (at least one), each [nMels × windowFrames] row-major: with a cap,
 * only the audio those windows need is resampled and analysed. `index` names the recording in errors.
 */
export function recordingWindows(rec: RecordingInput, index = 0, maxWindows = Infinity): Float32Array[] {
  checkAudio(rec, index);
  const n = Math.min(windowCount(rec), maxWindows);
  return Array.from({ length: n }, (_, w) => windowAt(rec, w));
}

/** Concatenates windows into one batch buffer [n, nMels, windowFrames]. */
export function batchWindows(windows: Float32Array[]): { data: Float32Array; dims: number[] } {
  const size = FEATURE_CONFIG.nMels * FEATURE_CONFIG.windowFrames;
  const data = new Float32Array(windows.length * size);
  windows.forEach((w, i) => data.set(w, i * size));
  return { data, dims: [windows.length, FEATURE_CONFIG.nMels, FEATURE_CONFIG.windowFrames] };
}
