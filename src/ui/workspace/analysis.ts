// Signal analysis of a stored recording for the findings panel and the report (heart rate, respiratory rate,
// quality, S1/S2), computed once per recording and shared. The audio worker reads the recording's first minute by
// range and analyses it there: no audio reaches the page or the store.
import { useEffect, useState } from 'react';
import type { Domain } from '../../core/clinical/schema';
import { audioClient } from '../../inference/audioClient';
import type { WindowAnalysis } from '../../inference/audioProtocol';

/** The analysis of the recording's first window, with that window's envelope for drawing its regions. */
export type RecordingAnalysis = WindowAnalysis;

const cache = new Map<string, Promise<RecordingAnalysis>>();

/**
 * Only the first minute is analysed (read by range, never the whole file): rates, quality and S1/S2 of the first
 * minute describe the recording, and a one-hour recording costs no more than a one-minute one.
 */
export const ANALYSIS_MAX_SEC = 60;
/** Columns of the envelope the region view draws (its viewBox width). */
export const ENVELOPE_COLUMNS = 600;

export function analyseRecording(recordingId: string, domain: Domain): Promise<RecordingAnalysis> {
  const key = `${recordingId}|${domain}`;
  let p = cache.get(key);
  if (!p) {
    p = audioClient().analyse(recordingId, domain, ANALYSIS_MAX_SEC, ENVELOPE_COLUMNS);
    p.catch(() => cache.delete(key)); // a failure is retried next time
    cache.set(key, p);
  }
  return p;
}

export type AnalysisState =
  | { status: 'loading' }
  | { status: 'ready'; value: RecordingAnalysis }
  | { status: 'error'; message: string };

export function useAnalysis(recordingId: string, domain: Domain): AnalysisState {
  const [state, setState] = useState<{ key: string; s: AnalysisState }>({
    key: '',
    s: { status: 'loading' },
  });
  const key = `${recordingId}|${domain}`;
  useEffect(() => {
    let live = true;
    analyseRecording(recordingId, domain).then(
      (value) => live && setState({ key, s: { status: 'ready', value } }),
      (e: unknown) =>
        live &&
        setState({ key, s: { status: 'error', message: e instanceof Error ? e.message : String(e) } }),
    );
    return () => {
      live = false;
    };
  }, [recordingId, domain, key]);
  return state.key === key ? state.s : { status: 'loading' };
}
