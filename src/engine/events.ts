// Frame-level events, the pure part: the findings head's per-frame logits of each scored window become probabilities,
// frames at or above their channel's threshold become spans in recording seconds, gaps of at most `mergeGapS` are
// bridged and spans shorter than `minSpanS` dropped (the manifest's `frameEvents` says all four).
import type { FrameEventsInfo } from '../core/manifest/frameEvents';
import type { EventSpan, FrameEvents } from './types';

/** One scored window's frame probabilities, [frames × channels] row-major. */
export interface WindowFrames {
  startS: number;
  probabilities: Float32Array;
}

/** Floating-point slack when comparing span edges built from sums of hops. */
const EPS_S = 1e-6;

/** Splits a batch of frame logits [windows × frames × channels] into one sigmoid array per window. */
export function frameProbabilities(logits: Float32Array, windows: number): Float32Array[] {
  const per = logits.length / windows;
  return Array.from({ length: windows }, (_, w) =>
    logits.subarray(w * per, (w + 1) * per).map((x) => 1 / (1 + Math.exp(-x))),
  );
}

type SpanRule = Pick<FrameEventsInfo, 'channels' | 'framesPerWindow' | 'hopS' | 'minSpanS' | 'mergeGapS'>;

/** One channel's spans over the windows (time order), frames starting at or after `durationS` left out. */
function channelSpans(
  windows: readonly WindowFrames[],
  rule: SpanRule,
  c: number,
  durationS: number,
): EventSpan[] {
  const C = rule.channels.length;
  const { name, threshold } = rule.channels[c];
  const spans: EventSpan[] = [];
  let open: EventSpan | null = null;
  for (const w of windows)
    for (let f = 0; f < rule.framesPerWindow; f++) {
      const startS = w.startS + f * rule.hopS;
      if (startS >= durationS - EPS_S) break; // the tiled end of a last window repeats the recording's start
      const p = w.probabilities[f * C + c];
      if (!(p >= threshold)) continue;
      const endS = Math.min(durationS, startS + rule.hopS);
      if (open && startS - open.endS <= rule.mergeGapS + EPS_S) {
        open.endS = endS;
        open.peak = Math.max(open.peak, p);
      } else spans.push((open = { channel: name, startS, endS, peak: p }));
    }
  return spans.filter((s) => s.endS - s.startS >= rule.minSpanS - EPS_S);
}

/** Every channel's spans over a recording of `durationS` seconds, in time order (ties: channel order). */
export function eventSpans(windows: readonly WindowFrames[], rule: SpanRule, durationS: number): EventSpan[] {
  const order = (s: EventSpan) => rule.channels.findIndex((c) => c.name === s.channel);
  return rule.channels
    .flatMap((_, c) => channelSpans(windows, rule, c, durationS))
    .sort((a, b) => a.startS - b.startS || order(a) - order(b));
}

/** The assessment's `events` block from the scored windows' frame probabilities. */
export function frameEvents(
  windows: readonly WindowFrames[],
  rule: SpanRule,
  durationS: number,
): FrameEvents {
  return { channels: rule.channels, hopS: rule.hopS, spans: eventSpans(windows, rule, durationS) };
}
