// Frame probabilities → event spans: thresholds per channel, gap bridging, minimum duration, window boundaries, the
// recording's end, and windows that are not consecutive (very long recordings).
import { describe, expect, it } from 'vitest';
import type { FrameEventChannel } from '../core/manifest/frameEvents';
import { eventSpans, frameProbabilities, type WindowFrames } from './events';

const channels: FrameEventChannel[] = [
  { name: 'discontinuous', findings: ['fine-crackles'], threshold: 0.5 },
  { name: 'continuous', findings: ['wheeze'], threshold: 0.75 },
];
/** 4 frames of 1 s per window, merge gaps up to 1 s, spans of at least 2 s. */
const rule = { channels, framesPerWindow: 4, hopS: 1, minSpanS: 2, mergeGapS: 1 };

/** A window at `startS` from per-frame [discontinuous, continuous] probabilities. */
const win = (startS: number, frames: [number, number][]): WindowFrames => ({
  startS,
  probabilities: Float32Array.from(frames.flat()),
});
const spans = (windows: WindowFrames[], durationS = 100) =>
  eventSpans(windows, rule, durationS).map((s) => [s.channel, s.startS, s.endS, Number(s.peak.toFixed(2))]);

describe('eventSpans', () => {
  it('marks frames at or above each channel threshold, bridging one-frame gaps, dropping short spans', () => {
    const w = win(0, [
      [0.9, 0.6], // continuous below its 0.75
      [0.2, 0.75], // at the threshold (exact in float32)
      [0.5, 0.8],
      [0.1, 0.1],
    ]);
    expect(spans([w])).toEqual([
      ['discontinuous', 0, 3, 0.9], // frames 0 and 2, the 1 s gap bridged
      ['continuous', 1, 3, 0.8],
    ]);
  });

  it('drops a span shorter than minSpanS and does not bridge a gap longer than mergeGapS', () => {
    const w = win(0, [
      [0.9, 0],
      [0, 0],
      [0, 0],
      [0.9, 0],
    ]);
    expect(spans([w])).toEqual([]); // two 1 s spans 2 s apart: neither merged nor long enough
  });

  it('joins spans across consecutive windows and keeps non-consecutive windows apart', () => {
    const a = win(0, [
      [0, 0],
      [0, 0],
      [0.6, 0],
      [0.7, 0],
    ]);
    const b = win(4, [
      [0.8, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    const far = win(40, [
      [0.9, 0],
      [0.9, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(spans([a, b, far])).toEqual([
      ['discontinuous', 2, 5, 0.8],
      ['discontinuous', 40, 42, 0.9],
    ]);
  });

  it("ends at the recording's end: frames of the last window's tiled part are not events", () => {
    const last = win(0, [
      [0.9, 0.9],
      [0.9, 0.9],
      [0.9, 0.9], // starts at 2 s, the recording ends at 2.5 s
      [0.9, 0.9], // tiled from the recording's start: left out
    ]);
    expect(spans([last], 2.5)).toEqual([
      ['discontinuous', 0, 2.5, 0.9],
      ['continuous', 0, 2.5, 0.9],
    ]);
  });

  it('sorts spans by start, then channel order', () => {
    const w = win(0, [
      [0, 0.9],
      [0.9, 0.9],
      [0.9, 0],
      [0, 0],
    ]);
    expect(spans([w]).map((s) => s.slice(0, 2))).toEqual([
      ['continuous', 0],
      ['discontinuous', 1],
    ]);
  });
});

describe('frameProbabilities', () => {
  it('splits a [windows × frames × channels] batch of logits into sigmoid arrays per window', () => {
    const p = frameProbabilities(Float32Array.of(0, 2, -2, 0), 2);
    expect(p).toHaveLength(2);
    expect([...p[0]].map((x) => x.toFixed(3))).toEqual(['0.500', '0.881']);
    expect([...p[1]].map((x) => x.toFixed(3))).toEqual(['0.119', '0.500']);
  });
});
