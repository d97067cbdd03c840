// Whole-recording inference, the model part: the findings head over every window of a recording (or evenly spaced
// ones for very long recordings), features computed window by window, temperature-calibrated per label. Scores are
// cached per recording's audio, so the seven questions about one recording compute its features once.
import { findingHeads, type FindingHead } from '../core/manifest/heads';
import type { ModelManifest } from '../core/manifest/manifest';
import { assessmentOf, evenlySpaced, representativeWindow } from './assessment';
import { batchWindows, checkAudio, WINDOW_SECONDS, windowAt, windowCount } from './audio';
import { throwIfAborted } from './errors';
import type { FloatSession, RecordingAssessment, RecordingInput, WindowScores } from './types';

/** Windows per findings-head call: bounded memory (8 × 128 KiB of features) whatever the recording's length. */
const BATCH_WINDOWS = 8;

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** sigmoid(logit / T_label) for each window of a [windows × labels] logit batch. */
export function calibrate(logits: Float32Array, windows: number, temperature: readonly number[]): number[][] {
  const n = temperature.length;
  return Array.from({ length: windows }, (_, w) => temperature.map((t, j) => sigmoid(logits[w * n + j] / t)));
}

/** Calibrated probabilities of the findings head on the chosen windows of a recording, in time order. */
async function scoreWindows(
  session: FloatSession,
  rec: RecordingInput,
  m: ModelManifest,
  indices: number[],
  signal?: AbortSignal,
): Promise<WindowScores[]> {
  const out: WindowScores[] = [];
  for (let b = 0; b < indices.length; b += BATCH_WINDOWS) {
    throwIfAborted(signal, 'Assessment');
    const chunk = indices.slice(b, b + BATCH_WINDOWS);
    const { data, dims } = batchWindows(chunk.map((w) => windowAt(rec, w)));
    const logits = await session.run('audio_values', data, dims);
    calibrate(logits.data, chunk.length, m.findings.temperature).forEach((probabilities, i) =>
      out.push({ index: chunk[i], startS: chunk[i] * WINDOW_SECONDS, probabilities }),
    );
  }
  return out;
}

/** What the engine keeps per recording's audio: the scored windows and the representative window's features. */
interface Scored {
  sampleRateHz: number;
  windows: WindowScores[];
  windowCount: number;
  features: Float32Array;
}

/**
 * Assesses recordings with one findings session, caching the scores per samples array (the same audio gives the
 * same scores whatever domain or site the caller names; the worker passes the same array for the same recording).
 */
export class Assessor {
  private readonly cache = new WeakMap<Float32Array, Promise<Scored>>();
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
      this.manifest.uncertainty,
    );
    return { assessment, features: s.features };
  }

  private scored(rec: RecordingInput, index: number, signal?: AbortSignal): Promise<Scored> {
    const hit = this.cache.get(rec.samples);
    if (hit)
      return hit.then((s) => (s.sampleRateHz === rec.sampleRateHz ? s : this.compute(rec, index, signal)));
    const p = this.compute(rec, index, signal);
    this.cache.set(rec.samples, p);
    p.catch(() => this.cache.delete(rec.samples)); // an aborted or failed assessment is not kept
    return p;
  }

  private async compute(rec: RecordingInput, index: number, signal?: AbortSignal): Promise<Scored> {
    checkAudio(rec, index);
    const count = windowCount(rec);
    const windows = await scoreWindows(this.session, rec, this.manifest, evenlySpaced(count), signal);
    const features = windowAt(rec, representativeWindow(windows, this.heads));
    return { sampleRateHz: rec.sampleRateHz, windows, windowCount: count, features };
  }
}
