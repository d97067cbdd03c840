// Practice cases from the user's own labeled recordings (e.g. imported open-dataset files with their attribution):
// which recordings qualify, the order they are practised in, and the case built from one.
import { FINDINGS, type Finding } from '../clinical/schema';
import type { RecordingMeta, RecordingTruth } from '../clinical/recording';
import type { PracticeCase } from './practiceCase';

export type LabeledRecording = RecordingMeta & { truth: RecordingTruth };

/** Recordings with ground truth, oldest first, so a class works through an imported set in import order. */
export function labeledRecordings(list: readonly RecordingMeta[]): LabeledRecording[] {
  return list
    .filter((m): m is LabeledRecording => m.status === 'ready' && m.truth !== undefined)
    .sort((a, b) => a.createdAtMs - b.createdAtMs);
}

/** The n-th labeled recording to practise (cycling), or null when none is labeled. */
export function nthLabeled(list: readonly RecordingMeta[], n: number): LabeledRecording | null {
  const labeled = labeledRecordings(list);
  return labeled.length === 0 ? null : labeled[Math.abs(Math.floor(n)) % labeled.length];
}

/** Abnormal findings of `truth` in the schema's order, unknown labels dropped (a stored row may predate a rename). */
export function truthFindings(truth: RecordingTruth): Finding[] {
  const named = new Set<string>(truth.findings);
  return FINDINGS.filter((f) => named.has(f));
}

export function caseFromRecording(
  meta: LabeledRecording,
  audio: { samples: Float32Array; sampleRateHz: number },
): PracticeCase {
  const findings = truthFindings(meta.truth);
  return {
    id: meta.id,
    source: 'library',
    title: meta.name,
    attribution: meta.truth.attribution.trim() || undefined,
    samples: audio.samples,
    sampleRateHz: audio.sampleRateHz,
    domain: meta.truth.domain,
    site: meta.site,
    findings,
    normal: meta.truth.normal && findings.length === 0,
  };
}
