// Whole-recording inference, the model part: the findings head over every window of a recording (or evenly spaced
// ones for very long recordings), features computed window by window, temperature-calibrated per label, and, when the
// model has a frame-level event head, its frames merged into event spans (./events.ts). Scores are cached per
// recording's audio, so the seven questions about one recording compute its features once.
import { findingHeads, type FindingHead } from '../core/manifest/heads';
import type { ModelManifest } from '../core/manifest/manifest';
import { assessmentOf, evenlySpaced, representativeWindow } from './assessment';
import { batchWindows, checkAudio, WINDOW_SECONDS, windowAt, windowCount } from './audio';
import { EngineError, throwIfAborted } from './errors';
import { frameEvents, frameProbabilities, type WindowFrames } from './events';
import { recordingSignals } from './signals';
import type {
  FloatSession,
  FrameEvents,
  RecordingAssessment,
  RecordingInput,
  RecordingSignals,
  WindowScores,
} from './types';

/** The signal measures hear at most this many of the scored windows (evenly spaced): about 0.3 s of work. */
const MAX_SIGNAL_WINDOWS = 16;

/** Windows per findings-head call: bounded memory (8 × 128 KiB of features) whatever the recording's length. */
const BATCH_WINDOWS = 8;

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** sigmoid(logit / T_label) for each window of a [windows × labels] logit batch. */
export function calibrate(logits: Float32Array, windows: number, temperature: readonly number[]): number[][] {
  const n = temperature.length;
  return Array.from({ length: windows }, (_, w) => temperature.map((t, j) => sigmoid(logits[w * n + j] / t)));
}

type SessionOutputs = Awaited<ReturnType<FloatSession['run']>>['outputs'];

/**
 * The frame probabilities of a batch of windows (`indices`) from the findings session's outputs; null when the
 * session names no outputs (test doubles), an error when the output the manifest names is missing.
 */
function batchFrames(outputs: SessionOutputs, m: ModelManifest, indices: number[]): WindowFrames[] | null {
  const fe = m.frameEvents;
  if (!fe || !outputs) return null;
  const out = outputs[fe.output];
  if (!out)
    throw new EngineError(
      'model-not-found',
      `The findings head of ${m.id} has no '${fe.output}' output, which its manifest's frameEvents names; re-export the model.`,
    );
  return frameProbabilities(out.data, indices.length).map((probabilities, i) => ({
    startS: indices[i] * WINDOW_SECONDS,
    probabilities,
  }));
}

/**
 * Calibrated probabilities of the findings head on the chosen windows of a recording, in time order, and the frame
 * probabilities of the same windows when the model has a frame-level event head (manifest `frameEvents`).
 */
async function scoreWindows(
  session: FloatSession,
  rec: RecordingInput,
  m: ModelManifest,
  indices: number[],
  signal?: AbortSignal,
): Promise<{ windows: WindowScores[]; frames: WindowFrames[] | null }> {
  const windows: WindowScores[] = [];
  let frames: WindowFrames[] | null = m.frameEvents ? [] : null;
  for (let b = 0; b < indices.length; b += BATCH_WINDOWS) {
    throwIfAborted(signal, 'Assessment');
    const chunk = indices.slice(b, b + BATCH_WINDOWS);
    const { data, dims } = batchWindows(chunk.map((w) => windowAt(rec, w)));
    const logits = await session.run('audio_values', data, dims);
    calibrate(logits.data, chunk.length, m.findings.temperature).forEach((probabilities, i) =>
      windows.push({ index: chunk[i], startS: chunk[i] * WINDOW_SECONDS, probabilities }),
    );
    const batch = frames && batchFrames(logits.outputs, m, chunk);
    frames = frames && batch && frames.concat(batch);
  }
  return { windows, frames };
}

/** What the engine keeps per recording: the scored windows, their frame events and the representative window's features (~130 KB). */
interface Scored {
  windows: WindowScores[];
  windowCount: number;
  features: Float32Array;
  events?: FrameEvents;
  signals: RecordingSignals;
}

/** A cached assessment and the audio it belongs to. */
interface Entry {
  audio: string;
  scored: Promise<Scored>;
}

/** Recordings remembered by id (the worker reads or receives the audio anew with every question). */
const KEPT_BY_ID = 8;

/** Identifies a recording's audio cheaply: rate, length and 16 samples spread over it. */
export function audioFingerprint(rec: Pick<RecordingInput, 'samples' | 'sampleRateHz'>): string {
  const n = rec.samples.length;
  const probes = Array.from({ length: 16 }, (_, i) => rec.samples[Math.floor(((i + 0.5) * n) / 16)]);
  return `${rec.sampleRateHz}:${n}:${probes.join(',')}`;
}

/**
 * Assesses recordings with one findings session. Scores are cached per recording's audio: per samples array
 * (a WeakMap, so eval's seven questions about one RecordingInput share them) and, for the last few recordings, per
 * `id` (the worker's copies of one recording); a cached entry is used only for the same audio (its fingerprint).
 * The same audio gives the same scores whatever domain or site the caller names.
 */
export class Assessor {
  private readonly bySamples = new WeakMap<Float32Array, Entry>();
  private readonly byId = new Map<string, Entry>();
  private readonly heads: FindingHead[];

  constructor(
    private readonly session: FloatSession,
    private readonly manifest: ModelManifest,
  ) {
    this.heads = findingHeads(manifest.findings);
  }

  /** The assessment, and the features of its representative window (the one the decoder hears). */
  async assess(
    rec: RecordingInput,
    index = 0,
    signal?: AbortSignal,
  ): Promise<{ assessment: RecordingAssessment; features: Float32Array }> {
    const s = await this.scored(rec, index, signal);
    const assessment = assessmentOf(
      s.windows,
      s.windowCount,
      WINDOW_SECONDS,
      this.heads,
      rec.domain,
      this.manifest,
      s.signals,
    );
    return { assessment: s.events ? { ...assessment, events: s.events } : assessment, features: s.features };
  }

  private scored(rec: RecordingInput, index: number, signal?: AbortSignal): Promise<Scored> {
    const audio = audioFingerprint(rec);
    const known =
      this.bySamples.get(rec.samples) ?? (rec.id === undefined ? undefined : this.byId.get(rec.id));
    const entry = known?.audio === audio ? known : { audio, scored: this.compute(rec, index, signal) };
    this.bySamples.set(rec.samples, entry);
    if (rec.id !== undefined) {
      this.byId.delete(rec.id); // re-inserted last: the map's order is least recently used first
      this.byId.set(rec.id, entry);
      while (this.byId.size > KEPT_BY_ID) this.byId.delete(this.byId.keys().next().value as string);
    }
    entry.scored.catch(() => this.forget(rec, entry)); // an aborted or failed assessment is not kept
    return entry.scored;
  }

  private forget(rec: RecordingInput, entry: Entry): void {
    if (this.bySamples.get(rec.samples) === entry) this.bySamples.delete(rec.samples);
    if (rec.id !== undefined && this.byId.get(rec.id) === entry) this.byId.delete(rec.id);
  }

  private async compute(rec: RecordingInput, index: number, signal?: AbortSignal): Promise<Scored> {
    checkAudio(rec, index);
    const count = windowCount(rec);
    const indices = evenlySpaced(count);
    const { windows, frames } = await scoreWindows(this.session, rec, this.manifest, indices, signal);
    const features = windowAt(rec, representativeWindow(windows, this.heads));
    const fe = this.manifest.frameEvents;
    const durationS = rec.samples.length / rec.sampleRateHz;
    const events = fe && frames ? frameEvents(frames, fe, durationS) : undefined;
    const signals = recordingSignals(
      rec,
      evenlySpaced(indices.length, MAX_SIGNAL_WINDOWS).map((i) => indices[i]),
      WINDOW_SECONDS,
    );
    return { windows, windowCount: count, features, signals, ...(events ? { events } : {}) };
  }
}
