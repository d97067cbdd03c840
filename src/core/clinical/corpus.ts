// One line of a built corpus (`<corpus>/corpus.jsonl`): a recording's labels plus where its normalized audio lives.
import type { RecordingLabels, Split } from './schema';

export interface CorpusEntry extends RecordingLabels {
  /** Path relative to the corpus folder: 16-bit mono WAV at FEATURE_CONFIG.sampleRateHz. */
  audio: string;
  durationS: number;
  /** Patient-level split: no patient appears in two splits. */
  split: Split;
}
