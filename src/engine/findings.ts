// Findings panel probabilities: the findings head over the first minute's windows, temperature-calibrated per label, averaged.
import { findingHeads } from '../core/manifest/heads';
import type { ModelManifest } from '../core/manifest/manifest';
import { batchWindows, recordingWindows } from './audio';
import type { FindingProbability, FloatSession, RecordingInput } from './types';

/** About one minute (6 × 10.24 s): enough for a stable average, bounded memory and time for hour-long files. */
export const FINDINGS_MAX_WINDOWS = 6;

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** p_label = mean over windows of sigmoid(logit / T_label), with the schema findings the label stands for. */
export function calibratedProbabilities(logits: Float32Array, windows: number, m: ModelManifest): FindingProbability[] {
  const { labels, temperature } = m.findings;
  const heads = findingHeads(m.findings);
  return labels.map((label, j) => {
    let sum = 0;
    for (let w = 0; w < windows; w++) sum += sigmoid(logits[w * labels.length + j] / temperature[j]);
    return { label, probability: sum / windows, head: heads[j] };
  });
}

export async function runFindings(session: FloatSession, rec: RecordingInput, m: ModelManifest): Promise<FindingProbability[]> {
  const windows = recordingWindows(rec, 0, FINDINGS_MAX_WINDOWS);
  const { data, dims } = batchWindows(windows);
  const out = await session.run('audio_values', data, dims);
  return calibratedProbabilities(out.data, windows.length, m);
}
