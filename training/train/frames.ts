// Frame-level event targets for encoder pretraining: which encoder frames of a crop overlap an annotated adventitious
// lung sound (SPRSound's event annotations, the synthesizer's events). One label per recording says little about a
// 10-second window; the event times say where the crackles and wheezes are.
import type { CorpusEntry } from '../../src/core/clinical/corpus';
import type { LungFinding } from '../../src/core/clinical/schema';
import { FEATURE_CONFIG } from '../../src/core/features/config';

/** Frame-target channels: discontinuous (crackles, rubs) and continuous (wheeze, rhonchi, stridor) adventitious sounds. */
export const FRAME_CHANNELS = ['discontinuous', 'continuous'] as const;
export type FrameChannel = (typeof FRAME_CHANNELS)[number];
const CHANNEL_OF: Partial<Record<LungFinding, number>> = {
  'fine-crackles': 0,
  'coarse-crackles': 0,
  'pleural-rub': 0,
  wheeze: 1,
  rhonchi: 1,
  stridor: 1,
};
/** Per channel, the schema findings whose event annotations make its positives (the export's manifest names them). */
export const FRAME_CHANNEL_FINDINGS = Object.fromEntries(
  FRAME_CHANNELS.map((ch, c) => [
    ch,
    Object.keys(CHANNEL_OF).filter((f) => CHANNEL_OF[f as LungFinding] === c) as LungFinding[],
  ]),
) as Record<FrameChannel, LungFinding[]>;
/** Annotated breathing without (or around) adventitious sounds: the negatives. */
const BREATH = new Set(['vesicular', 'inspiration', 'expiration']);

/** Whether a recording's events can label frames (it has breathing or adventitious-sound annotations). */
export function hasFrameEvents(e: Pick<CorpusEntry, 'events'>): boolean {
  return e.events.some((ev) => BREATH.has(ev.type) || ev.type in CHANNEL_OF);
}

/**
 * Targets [encFrames × channels] and mask for a crop of `cropFrames` feature frames starting at `start` (wrapping at
 * `nFrames`, as crop() tiles), read at `rate` recording frames per crop frame (stretchedCrop; 1 = crop()). Encoder frame t covers feature frames [t·stride, (t+1)·stride). A channel is 1 where an
 * event of that channel overlaps the span, 0 where annotated breathing covers at least half the span and no such
 * event does, and masked otherwise (unannotated stretches are not negatives).
 */
export function frameTargets(
  e: Pick<CorpusEntry, 'events'>,
  start: number,
  cropFrames: number,
  nFrames: number,
  encFrames: number,
  rate = 1,
): { y: Float32Array; w: Float32Array } {
  const C = FRAME_CHANNELS.length;
  const y = new Float32Array(encFrames * C);
  const w = new Float32Array(encFrames * C);
  if (!hasFrameEvents(e)) return { y, w };
  const hopS = FEATURE_CONFIG.hopSamples / FEATURE_CONFIG.sampleRateHz;
  const winS = FEATURE_CONFIG.windowSamples / FEATURE_CONFIG.sampleRateHz;
  const stride = cropFrames / encFrames;
  // Per feature frame: adventitious channels present, and whether breathing is annotated there.
  const adv = new Uint8Array(cropFrames * C);
  const breath = new Uint8Array(cropFrames);
  for (let j = 0; j < cropFrames; j++) {
    const t0 = (Math.floor(start + j * rate) % nFrames) * hopS;
    const t1 = t0 + winS;
    for (const ev of e.events) {
      if (ev.endS <= t0 || ev.startS >= t1) continue;
      const c = CHANNEL_OF[ev.type as LungFinding];
      if (c !== undefined) adv[j * C + c] = 1;
      else if (BREATH.has(ev.type)) breath[j] = 1;
    }
  }
  for (let t = 0; t < encFrames; t++) {
    const a = Math.floor(t * stride);
    const b = Math.max(a + 1, Math.floor((t + 1) * stride));
    let covered = 0;
    for (let j = a; j < b; j++) covered += breath[j];
    for (let c = 0; c < C; c++) {
      let hit = 0;
      for (let j = a; j < b; j++) hit |= adv[j * C + c];
      if (hit) [y[t * C + c], w[t * C + c]] = [1, 1];
      else if (2 * covered >= b - a) w[t * C + c] = 1;
    }
  }
  return { y, w };
}
