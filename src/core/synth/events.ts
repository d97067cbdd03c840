// Event list helpers shared by the heart and lung synthesizers.
import type { TimedEvent } from '../clinical/schema';

/** Keeps events that start inside the recording and clips their ends to it; sorted by start. */
export function clipEvents(ev: TimedEvent[], durationS: number): TimedEvent[] {
  return ev
    .filter((e) => e.startS < durationS && e.endS > 0 && e.endS > e.startS)
    .map((e) => ({ type: e.type, startS: Math.max(0, e.startS), endS: Math.min(durationS, e.endS) }))
    .sort((a, b) => a.startS - b.startS || a.endS - b.endS);
}
