// Signal measures of a recording (the manifest verdict's `signals`): detectors of the sound itself from
// src/core/analysis, run on the same windows the findings head scores, so no dataset taught them.
import { detectWheezes } from '../core/analysis/adventitious';
import type { RecordingInput, RecordingSignals, SignalSpan } from './types';

/**
 * A tonal track longer than this is a steady tone (mains hum, a device's whine), not a wheeze: a wheeze lasts one
 * breath phase at most. It is left out of the measure.
 */
export const MAX_WHEEZE_TRACK_S = 4;

/**
 * The signal measures over windows `indices` (each `windowSeconds` long) of a recording: 'tonal-wheeze' is the share
 * of those windows' seconds inside wheeze-detector tracks of at most MAX_WHEEZE_TRACK_S.
 */
export function recordingSignals(
  rec: Pick<RecordingInput, 'samples' | 'sampleRateHz'>,
  indices: readonly number[],
  windowSeconds: number,
): RecordingSignals {
  const { samples, sampleRateHz } = rec;
  const spans: SignalSpan[] = [];
  let assessedS = 0;
  for (const w of indices) {
    const from = Math.round(w * windowSeconds * sampleRateHz);
    const to = Math.min(samples.length, Math.round((w + 1) * windowSeconds * sampleRateHz));
    if (to <= from) continue;
    assessedS += (to - from) / sampleRateHz;
    const offset = from / sampleRateHz;
    for (const e of detectWheezes(samples.subarray(from, to), sampleRateHz))
      if (e.endS - e.startS <= MAX_WHEEZE_TRACK_S)
        spans.push({ startS: offset + e.startS, endS: offset + e.endS });
  }
  const heard = spans.reduce((t, s) => t + (s.endS - s.startS), 0);
  return {
    measures: { 'tonal-wheeze': assessedS > 0 ? Math.min(1, heard / assessedS) : 0 },
    spans: { 'tonal-wheeze': spans },
  };
}
