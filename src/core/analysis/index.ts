// Public API of the signal analysis shown beside the model's answers: rates, heart-sound segments, quality, lung events.
export { estimateHeartRate, type HeartRate } from './heartRate';
export { segmentHeartSounds, type HeartSegments, type Interval } from './heartSegments';
export { estimateRespiratoryRate, type RespiratoryRate } from './respiration';
export { signalQuality, QUALITY_LIMITS, type QualityIssue, type SignalQuality } from './quality';
export { detectAdventitious, detectCrackles, detectWheezes, type AdventitiousEvent } from './adventitious';
