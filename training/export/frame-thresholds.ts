// Per-channel thresholds of the frame-level event head, fitted on a corpus split (val): the threshold that maximises
// frame F1 against training's own frame targets (training/train/frames.ts frameTargets) over every model window the
// engine scores, frames past the recording's end (the tiled part of a last window, which the app never shows) left out.
import { resampledLength } from '../../src/core/audio/resample';
import type { CorpusEntry } from '../../src/core/clinical/corpus';
import { FEATURE_CONFIG } from '../../src/core/features/config';
import { frameCount } from '../../src/core/features/logmel';
import type { FrameChannelFit, FrameEventsInfo } from '../../src/core/manifest/frameEvents';
import { frameTargets, hasFrameEvents } from '../train/frames';

/** One recording's frame logits [windows × frames × channels] with targets and mask of the same layout. */
export interface FrameSamples {
  logits: Float32Array;
  y: Float32Array;
  w: Float32Array;
}

/** Targets and mask for every window's frames of a recording of `samples` at `sampleRateHz` (null: no annotations). */
export function frameSamples(
  e: Pick<CorpusEntry, 'events'>,
  logits: Float32Array,
  windows: number,
  framesPerWindow: number,
  channels: number,
  recording: { samples: number; sampleRateHz: number },
): FrameSamples | null {
  if (!hasFrameEvents(e)) return null;
  const W = FEATURE_CONFIG.windowFrames;
  const nFrames = frameCount(
    resampledLength(recording.samples, recording.sampleRateHz, FEATURE_CONFIG.sampleRateHz),
  );
  const stride = W / framesPerWindow;
  const per = framesPerWindow * channels;
  const y = new Float32Array(windows * per);
  const w = new Float32Array(windows * per);
  for (let k = 0; k < windows; k++) {
    const t = frameTargets(e, k * W, W, nFrames, framesPerWindow);
    for (let f = 0; f < framesPerWindow; f++) {
      if (k * W + f * stride >= nFrames) continue; // tiled from the start: not where the app shows it
      for (let c = 0; c < channels; c++) {
        y[k * per + f * channels + c] = t.y[f * channels + c];
        w[k * per + f * channels + c] = t.w[f * channels + c];
      }
    }
  }
  return { logits, y, w };
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Frame counts of channel `c` at `threshold` over the masked frames. */
export function frameFit(
  recs: readonly FrameSamples[],
  c: number,
  channels: number,
  threshold: number,
): FrameChannelFit {
  let [tp, fp, fn, frames, positives] = [0, 0, 0, 0, 0];
  for (const r of recs)
    for (let i = c; i < r.w.length; i += channels) {
      if (r.w[i] === 0) continue;
      frames++;
      const pos = r.y[i] === 1;
      const hit = sigmoid(r.logits[i]) >= threshold;
      positives += pos ? 1 : 0;
      if (hit && pos) tp++;
      else if (hit) fp++;
      else if (pos) fn++;
    }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { frames, positives, precision, recall, f1 };
}

/** Thresholds tried: 0.05 … 0.95 in steps of 0.01. */
const GRID = Array.from({ length: 91 }, (_, i) => Math.round((0.05 + i / 100) * 100) / 100);

/**
 * The block with each channel's threshold set to the grid value of highest frame F1 on `recs` (ties: the value
 * nearest 0.5), and the fit recorded; a channel with no positive frame keeps its threshold.
 */
export function fitFrameThresholds(
  fe: FrameEventsInfo,
  recs: readonly FrameSamples[],
  split: string,
): FrameEventsInfo {
  const C = fe.channels.length;
  const fits: FrameChannelFit[] = [];
  const channels = fe.channels.map((ch, c) => {
    let best = { threshold: ch.threshold, fit: frameFit(recs, c, C, ch.threshold) };
    if (best.fit.positives > 0)
      for (const t of GRID) {
        const fit = frameFit(recs, c, C, t);
        const better =
          fit.f1 > best.fit.f1 ||
          (fit.f1 === best.fit.f1 && Math.abs(t - 0.5) < Math.abs(best.threshold - 0.5));
        if (better) best = { threshold: t, fit };
      }
    fits.push(best.fit);
    return { ...ch, threshold: best.threshold };
  });
  return {
    ...fe,
    channels,
    thresholdFit: { method: 'max-f1', split, recordings: recs.length, channels: fits },
  };
}
