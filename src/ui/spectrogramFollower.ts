// Keeps a long recording's spectrogram on the window around the playhead: a playhead that leaves the window asks for a
// new one (debounced), at most one request is in flight, and a result for a window no longer wanted is dropped.

export interface TimeWindow {
  fromS: number;
  seconds: number;
}

/** Seconds of a long recording one spectrogram covers. */
export const SPECTROGRAM_WINDOW_S = 10;
/** Seconds the window starts before the playhead, so what was just heard stays in view. */
const LEAD_S = 1;

/** The window shown for playhead `timeS`: from a second before it (to 0.1 s), kept inside the recording. */
export function windowAround(timeS: number, durationS: number, windowS = SPECTROGRAM_WINDOW_S): TimeWindow {
  const fromS = Math.max(0, Math.min(durationS - windowS, timeS - LEAD_S));
  return { fromS: Math.floor(fromS * 10) / 10, seconds: windowS };
}

const covers = (w: TimeWindow | null, timeS: number): boolean =>
  w !== null && timeS >= w.fromS && timeS < w.fromS + w.seconds;
const same = (a: TimeWindow | null, b: TimeWindow | null): boolean =>
  a !== null && b !== null && a.fromS === b.fromS && a.seconds === b.seconds;

export interface FollowerDeps<T> {
  /** Computes the window's result (the audio worker's spectrogram). */
  fetch(w: TimeWindow): Promise<T>;
  /** Called with the result for the window wanted when it came. */
  show(result: T, w: TimeWindow): void;
  /** Called when the wanted window's request failed (it is not asked again until the playhead leaves it). */
  fail(e: unknown, w: TimeWindow): void;
  durationS: number;
  debounceMs: number;
}

export interface Follower {
  /** The playhead is at `timeS` (a seek, or playback moving on). */
  at(timeS: number): void;
  dispose(): void;
}

export function createFollower<T>(deps: FollowerDeps<T>): Follower {
  let wanted: TimeWindow | null = null;
  let settled: TimeWindow | null = null; // shown, or failed: not asked again
  let inFlight: TimeWindow | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  function pump(): void {
    const w = wanted;
    if (disposed || inFlight || !w || same(w, settled)) return;
    inFlight = w;
    deps.fetch(w).then(
      (result) => finish(w, () => deps.show(result, w)),
      (e: unknown) => finish(w, () => deps.fail(e, w)),
    );
  }

  function finish(w: TimeWindow, report: () => void): void {
    inFlight = null;
    if (disposed) return;
    if (same(w, wanted)) {
      settled = w;
      report();
    } // else: a stale result for a window left behind, dropped
    pump();
  }

  return {
    at(timeS) {
      if (disposed || covers(wanted, timeS)) return;
      const next = windowAround(timeS, deps.durationS);
      if (same(next, wanted)) return; // past the end of the last window: it is the one shown
      wanted = next;
      clearTimeout(timer);
      timer = setTimeout(pump, deps.debounceMs);
    },
    dispose() {
      disposed = true;
      clearTimeout(timer);
    },
  };
}
