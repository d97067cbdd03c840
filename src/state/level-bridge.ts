// Converts a worklet block peak into the recorder slice's level fields (clipping is sticky for the whole take).
import { CLIP_THRESHOLD, toDbfs } from '../capture/level';

export function measureBlockPeak(
  peak: number,
  clippedSoFar: boolean,
): { levelDbfs: number; clipped: boolean } {
  return { levelDbfs: toDbfs(peak), clipped: clippedSoFar || peak >= CLIP_THRESHOLD };
}
