// Findings on the timeline: the spans of a recording where the model hears crackles or wheeze (its frame-level event
// head, when it has one) or scores murmur, crackles or wheeze high over whole windows (the findings head, for labels
// no frame channel covers and for models without frame events), and the one channel through which the findings
// panel asks the viewer to play one.
import type { Domain } from '../../core/clinical/schema';
import type { EventSpan, FrameEvents, RecordingAssessment } from '../../inference/protocol';
import { headOf } from '../../core/report/recordingReport';

/** Heads with a meaning in time: where in the recording the sound is. */
export const TIMELINE_LABELS = ['murmur', 'crackles', 'wheeze'] as const;
export type TimelineLabel = (typeof TIMELINE_LABELS)[number];

/** A window is marked at or above this probability: the report's presence threshold. */
export const REGION_THRESHOLD = 0.5;

export interface TimelineRegion {
  /** Stable within a recording: `${label}-${first window index}`, or `${label}-at-${start in 10 ms}` for frame events. */
  id: string;
  label: TimelineLabel;
  startS: number;
  endS: number;
  /** The highest window (or frame) probability inside the span. */
  peak: number;
  /** 'frames': a span of the frame-level event head; 'windows': whole findings-head windows at or above 50%. */
  source: 'frames' | 'windows';
}

const isTimelineLabel = (l: string): l is TimelineLabel => (TIMELINE_LABELS as readonly string[]).includes(l);

type Finding = RecordingAssessment['findings'][number];

/** The frame channel standing for a finding head (sharing a schema finding), if the model has one. */
function channelOf(f: Finding, events: FrameEvents | undefined): string | null {
  const findings = headOf(f).findings as readonly string[];
  return events?.channels.find((c) => c.findings.some((x) => findings.includes(x)))?.name ?? null;
}

function spanRegion(label: TimelineLabel, s: EventSpan, durationS: number): TimelineRegion {
  const endS = Math.min(durationS, s.endS);
  return {
    id: `${label}-at-${Math.round(s.startS * 100)}`,
    label,
    startS: s.startS,
    endS,
    peak: s.peak,
    source: 'frames',
  };
}

/**
 * Per timeline head that means something on `domain` (no murmur regions on a lung recording): the spans of its frame
 * channel when the model has one (crackles: discontinuous, wheeze: continuous); otherwise consecutive scored windows
 * at or above the threshold, merged, clipped to the recording.
 */
export function timelineRegions(
  a: Pick<RecordingAssessment, 'findings' | 'windows' | 'windowSeconds' | 'events'>,
  domain: Domain,
  durationS: number,
): TimelineRegion[] {
  const out: TimelineRegion[] = [];
  a.findings.forEach((f, k) => {
    const h = headOf(f);
    if (!isTimelineLabel(f.label) || (h.domain !== 'any' && h.domain !== domain)) return;
    const label = f.label;
    const channel = channelOf(f, a.events);
    if (channel !== null) {
      for (const s of a.events?.spans ?? [])
        if (s.channel === channel && s.startS < durationS) out.push(spanRegion(label, s, durationS));
      return;
    }
    let open: TimelineRegion | null = null;
    let lastIndex = -2;
    for (const w of a.windows) {
      const p = w.probabilities[k] ?? 0;
      if (p < REGION_THRESHOLD) {
        open = null;
        continue;
      }
      const endS = Math.min(durationS, w.startS + a.windowSeconds);
      if (open && w.index === lastIndex + 1) {
        open.endS = endS;
        open.peak = Math.max(open.peak, p);
      } else if (w.startS < durationS) {
        open = {
          id: `${f.label}-${w.index}`,
          label: f.label,
          startS: w.startS,
          endS,
          peak: p,
          source: 'windows',
        };
        out.push(open);
      }
      lastIndex = w.index;
    }
  });
  return out.sort((x, y) => x.startS - y.startS || x.label.localeCompare(y.label));
}

export const TIMELINE_NAMES: Record<TimelineLabel, string> = {
  murmur: 'Murmur',
  crackles: 'Crackles',
  wheeze: 'Wheeze',
};

export function regionText(r: TimelineRegion): string {
  return `${TIMELINE_NAMES[r.label]} ${r.startS.toFixed(1)}–${r.endS.toFixed(1)} s`;
}

/** A request to play a region of the selected recording at a rate (the viewer listens; App shows its pane). */
export interface PlayRegionRequest {
  recordingId: string;
  regionId: string;
  rate: 1 | 0.5;
}

const listeners = new Set<(req: PlayRegionRequest) => void>();

export function requestPlayRegion(req: PlayRegionRequest): void {
  for (const l of listeners) l(req);
}

/** Subscribes to play requests; returns the unsubscribe function. */
export function onPlayRegion(listener: (req: PlayRegionRequest) => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
