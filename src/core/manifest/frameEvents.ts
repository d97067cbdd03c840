// The manifest's optional `frameEvents` block: the findings head's frame-level event output (where in each window
// crackles or wheezes sound), its frame timing, and the per-channel thresholds. Absent: the model has no frame head.
import { FINDINGS, type Finding } from '../clinical/schema';

export interface FrameEventChannel {
  /** Training's channel name (training/train/frames.ts FRAME_CHANNELS), e.g. 'discontinuous'. */
  name: string;
  /** Schema findings an event of this channel stands for (the app links it to the findings heads sharing them). */
  findings: Finding[];
  /** A frame holds an event of this channel when sigmoid(logit) ≥ threshold. */
  threshold: number;
}

/** Frame-level numbers of one channel at its threshold, on the frames the split's event annotations label. */
export interface FrameChannelFit {
  frames: number;
  positives: number;
  precision: number;
  recall: number;
  f1: number;
}

export type FrameThresholdFit =
  | { method: 'default' }
  /** Per channel, the threshold that maximises frame F1 on `split` (`recordings` of it carry event annotations). */
  | { method: 'max-f1'; split: string; recordings: number; channels: FrameChannelFit[] };

export interface FrameEventsInfo {
  /** Output of the findings_head part: logits [batch_size, framesPerWindow, channels.length]. */
  output: string;
  channels: FrameEventChannel[];
  /** Frames per model window; frame t of window w starts at w · windowSeconds + t · hopS. */
  framesPerWindow: number;
  hopS: number;
  /** Event spans shorter than this are dropped, after gaps of at most `mergeGapS` within one channel are bridged. */
  minSpanS: number;
  mergeGapS: number;
  thresholdFit: FrameThresholdFit;
  /** Where the head's weights came from, e.g. "pretrain checkpoint, step 5000 (encoder identical)". */
  source: string;
}

const isProbability = (x: unknown): x is number => typeof x === 'number' && x >= 0 && x <= 1;
const isNonNegative = (x: unknown): x is number => typeof x === 'number' && x >= 0 && Number.isFinite(x);

function channelError(c: unknown, i: number): string | null {
  if (typeof c !== 'object' || c === null) return `.channels[${i}] must be an object`;
  const ch = c as Partial<Record<keyof FrameEventChannel, unknown>>;
  if (typeof ch.name !== 'string' || ch.name.length === 0)
    return `.channels[${i}].name must be a non-empty string`;
  if (!Array.isArray(ch.findings) || !ch.findings.every((f) => (FINDINGS as readonly unknown[]).includes(f)))
    return `.channels[${i}].findings must list schema findings`;
  if (!isProbability(ch.threshold)) return `.channels[${i}].threshold must be a probability (0–1)`;
  return null;
}

/**
 * Checks a manifest's `frameEvents` block against the encoder's frames per window; returns an error text naming the
 * first problem, or null.
 */
export function frameEventsError(v: unknown, encoderFramesPerWindow: number): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'must be an object';
  const r = v as Partial<Record<keyof FrameEventsInfo, unknown>>;
  if (typeof r.output !== 'string' || r.output.length === 0)
    return '.output must name the findings head output';
  if (!Array.isArray(r.channels) || r.channels.length === 0)
    return '.channels must list at least one channel';
  for (const [i, c] of r.channels.entries()) {
    const problem = channelError(c, i);
    if (problem) return problem;
  }
  if (r.framesPerWindow !== encoderFramesPerWindow)
    return `.framesPerWindow must be the encoder's ${encoderFramesPerWindow} frames per window`;
  if (typeof r.hopS !== 'number' || !(r.hopS > 0)) return '.hopS must be a positive number of seconds';
  if (!isNonNegative(r.minSpanS) || !isNonNegative(r.mergeGapS))
    return '.minSpanS and .mergeGapS must be seconds ≥ 0';
  const fit = r.thresholdFit as { method?: unknown } | undefined;
  if (typeof fit !== 'object' || fit === null || (fit.method !== 'default' && fit.method !== 'max-f1'))
    return ".thresholdFit.method must be 'default' or 'max-f1'";
  if (typeof r.source !== 'string' || r.source.length === 0)
    return '.source must say where the head came from';
  return null;
}
