// The typed protocol between the page and the audio worker (src/worker/audio.worker.ts), imported by both ends: the
// waveform's peaks and the signal analysis of a saved recording, named by id; the worker reads its audio by range
// from IndexedDB, so the page never holds or decodes a whole long recording. Errors are the inference protocol's.
import type { Domain } from '../core/clinical/schema';
import type { Peaks } from '../core/audio/peaks';
import type { SignalAnalysis } from '../core/analysis/signal';
import { hasTypeAndId, isInferenceErrorName, type ErrorEvent } from './protocol';

/** Min/max peaks of a saved recording, `binsPerSecond` bins a second, at most `maxBins`. */
export interface PeaksRequest {
  type: 'peaks';
  id: number;
  recordingId: string;
  binsPerSecond: number;
  maxBins: number;
}
/** Signal analysis of the first `maxSeconds` of a saved recording, with that window's envelope in `columns` bins. */
export interface AnalyseRequest {
  type: 'analyse';
  id: number;
  recordingId: string;
  domain: Domain;
  maxSeconds: number;
  columns: number;
}
export type AudioRequest = PeaksRequest | AnalyseRequest;

export interface PeaksEvent {
  type: 'peaks';
  id: number;
  peaks: Peaks;
}
/** The analysis of the window read, its length and its envelope (for drawing the marked regions over it). */
export interface WindowAnalysis extends SignalAnalysis {
  sampleRateHz: number;
  windowSeconds: number;
  envelope: Pick<Peaks, 'min' | 'max'>;
}
export interface AnalysisEvent {
  type: 'analysis';
  id: number;
  analysis: WindowAnalysis;
}
export type AudioEvent = PeaksEvent | AnalysisEvent | ErrorEvent;

export function isAudioRequest(x: unknown): x is AudioRequest {
  return hasTypeAndId(x) && (x.type === 'peaks' || x.type === 'analyse');
}

export function isAudioEvent(x: unknown): x is AudioEvent {
  if (!hasTypeAndId(x)) return false;
  return x.type === 'error'
    ? isInferenceErrorName((x as { name?: unknown }).name)
    : x.type === 'peaks' || x.type === 'analysis';
}

/** The arrays an event moves to the page instead of copying. */
export function audioTransferables(ev: AudioEvent): ArrayBuffer[] {
  const arrays =
    ev.type === 'peaks'
      ? [ev.peaks.min, ev.peaks.max]
      : ev.type === 'analysis'
        ? [ev.analysis.envelope.min, ev.analysis.envelope.max]
        : [];
  return arrays.map((a) => a.buffer).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}
