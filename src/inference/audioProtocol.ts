// The typed protocol between the page and the audio worker (src/worker/audio.worker.ts), imported by both ends: the
// waveform's peaks, the signal analysis and a window's spectrogram of a saved recording, named by id; the worker reads
// its audio by range from IndexedDB, so the page never holds or decodes a whole long recording. Errors are the
// inference protocol's.
import type { Domain } from '../core/clinical/schema';
import type { Peaks } from '../core/audio/peaks';
import type { Spectrogram } from '../core/audio/spectrogram';
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
/** The spectrogram of `seconds` of a saved recording from `fromS` (clamped to it), 0 to `maxHz`. */
export interface SpectrogramRequest {
  type: 'spectrogram';
  id: number;
  recordingId: string;
  fromS: number;
  seconds: number;
  maxHz: number;
}
export type AudioRequest = PeaksRequest | AnalyseRequest | SpectrogramRequest;

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
export interface SpectrogramEvent {
  type: 'spectrogram';
  id: number;
  spectrogram: Spectrogram;
}
export type AudioEvent = PeaksEvent | AnalysisEvent | SpectrogramEvent | ErrorEvent;

const REQUEST_TYPES: readonly string[] = ['peaks', 'analyse', 'spectrogram'] satisfies AudioRequest['type'][];
const EVENT_TYPES: readonly string[] = ['peaks', 'analysis', 'spectrogram'] satisfies Exclude<
  AudioEvent,
  ErrorEvent
>['type'][];

export function isAudioRequest(x: unknown): x is AudioRequest {
  return hasTypeAndId(x) && REQUEST_TYPES.includes(x.type);
}

export function isAudioEvent(x: unknown): x is AudioEvent {
  if (!hasTypeAndId(x)) return false;
  return x.type === 'error'
    ? isInferenceErrorName((x as { name?: unknown }).name)
    : EVENT_TYPES.includes(x.type);
}

/** The arrays an event moves to the page instead of copying. */
export function audioTransferables(ev: AudioEvent): ArrayBuffer[] {
  return arraysOf(ev)
    .map((a) => a.buffer)
    .filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}

function arraysOf(ev: AudioEvent): (Float32Array | Uint8Array)[] {
  switch (ev.type) {
    case 'peaks':
      return [ev.peaks.min, ev.peaks.max];
    case 'analysis':
      return [ev.analysis.envelope.min, ev.analysis.envelope.max];
    case 'spectrogram':
      return [ev.spectrogram.values];
    case 'error':
      return [];
  }
}
