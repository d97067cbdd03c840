// Signal analysis of a stored recording for the findings panel and the report (heart rate, respiratory rate,
// quality, S1/S2), computed once per recording and shared; the audio stays here, never in the store.
import { useEffect, useState } from 'react';
import { decodeWav } from '../../core/audio/wav';
import type { Domain } from '../../core/clinical/schema';
import { estimateHeartRate } from '../../core/analysis/heartRate';
import { segmentHeartSounds, type Interval } from '../../core/analysis/heartSegments';
import { estimateRespiratoryRate } from '../../core/analysis/respiration';
import { signalQuality, type SignalQuality } from '../../core/analysis/quality';
import { detectAdventitious } from '../../core/analysis/adventitious';
import { readRecordingWav } from '../../state/recordingFiles';

export interface RecordingAnalysis {
  samples: Float32Array;
  sampleRateHz: number;
  heartRateBpm: number | null;
  respiratoryRatePerMin: number | null;
  quality: SignalQuality;
  /** S1/S2 for heart recordings; crackle and wheeze candidates for lung recordings. */
  regions: { label: 'S1' | 'S2' | 'crackle' | 'wheeze'; interval: Interval }[];
}

const cache = new Map<string, Promise<RecordingAnalysis>>();

/**
 * Only the first minute is analysed: the analysis runs on the main thread, and a one-hour import froze the page for
 * tens of seconds (e2e/reliability.e2e.ts). Rates, quality and S1/S2 of the first minute describe the recording.
 */
export const ANALYSIS_MAX_SEC = 60;

export function analyseRecording(recordingId: string, domain: Domain): Promise<RecordingAnalysis> {
  const key = `${recordingId}|${domain}`;
  let p = cache.get(key);
  if (!p) {
    p = compute(recordingId, domain);
    p.catch(() => cache.delete(key)); // a failure is retried next time
    cache.set(key, p);
  }
  return p;
}

async function compute(recordingId: string, domain: Domain): Promise<RecordingAnalysis> {
  const bytes = await readRecordingWav(recordingId);
  if (!bytes) throw new Error('This recording has no audio stored yet.');
  const { samples: all, sampleRateHz } = decodeWav(bytes);
  const samples = all.subarray(0, ANALYSIS_MAX_SEC * sampleRateHz);
  const quality = signalQuality(samples, sampleRateHz);
  if (domain === 'lung') {
    const rr = estimateRespiratoryRate(samples, sampleRateHz);
    const regions = detectAdventitious(samples, sampleRateHz).map((e) => ({
      label: e.type,
      interval: { startS: e.startS, endS: e.endS },
    }));
    return {
      samples,
      sampleRateHz,
      heartRateBpm: null,
      respiratoryRatePerMin: rr.breathsPerMin,
      quality,
      regions,
    };
  }
  const hr = estimateHeartRate(samples, sampleRateHz);
  const seg = segmentHeartSounds(samples, sampleRateHz);
  const regions = [
    ...seg.s1.map((interval) => ({ label: 'S1' as const, interval })),
    ...seg.s2.map((interval) => ({ label: 'S2' as const, interval })),
  ].sort((a, b) => a.interval.startS - b.interval.startS);
  return { samples, sampleRateHz, heartRateBpm: hr.bpm, respiratoryRatePerMin: null, quality, regions };
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
