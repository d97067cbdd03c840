// The signal analysis a recording view shows (heart or respiratory rate, quality, S1/S2 or crackle/wheeze candidates),
// computed from one window of samples: the worker runs it on the first minute it reads by range.
import type { Domain } from '../clinical/schema';
import { detectAdventitious } from './adventitious';
import { estimateHeartRate } from './heartRate';
import { segmentHeartSounds, type Interval } from './heartSegments';
import { signalQuality, type SignalQuality } from './quality';
import { estimateRespiratoryRate } from './respiration';

export interface SignalAnalysis {
  heartRateBpm: number | null;
  respiratoryRatePerMin: number | null;
  quality: SignalQuality;
  /** S1/S2 for heart recordings; crackle and wheeze candidates for lung recordings (seconds from the window start). */
  regions: { label: 'S1' | 'S2' | 'crackle' | 'wheeze'; interval: Interval }[];
}

/** Rates, quality and marked regions of `samples` read as a heart or a lung sound. */
export function analyseSignal(samples: Float32Array, sampleRateHz: number, domain: Domain): SignalAnalysis {
  const quality = signalQuality(samples, sampleRateHz);
  if (domain === 'lung') {
    const regions = detectAdventitious(samples, sampleRateHz).map((e) => ({
      label: e.type,
      interval: { startS: e.startS, endS: e.endS },
    }));
    const rr = estimateRespiratoryRate(samples, sampleRateHz);
    return { heartRateBpm: null, respiratoryRatePerMin: rr.breathsPerMin, quality, regions };
  }
  const hr = estimateHeartRate(samples, sampleRateHz);
  const seg = segmentHeartSounds(samples, sampleRateHz);
  const regions = [
    ...seg.s1.map((interval) => ({ label: 'S1' as const, interval })),
    ...seg.s2.map((interval) => ({ label: 'S2' as const, interval })),
  ].sort((a, b) => a.interval.startS - b.interval.startS);
  return { heartRateBpm: hr.bpm, respiratoryRatePerMin: null, quality, regions };
}
