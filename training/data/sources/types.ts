// The contract every dataset adapter fulfils: list a source's recordings with schema labels, and report every
// problem it meets (missing audio, missing labels, count mismatches, skipped files) instead of dropping it.
import type { RecordingLabels, SourceName } from '../../../src/core/clinical/schema';

/** One recording found by an adapter: its labels and the absolute path of its original audio file. */
export interface SourceRecord {
  labels: RecordingLabels;
  audioPath: string;
  /** Patient-level grouping key used for splitting when it differs from labels.patient (e.g. CirCor additional ids). */
  splitKey?: string;
}

export type IssueKind =
  | 'missing-audio'
  | 'unreadable-audio'
  | 'missing-labels'
  | 'unknown-label'
  | 'count-mismatch'
  | 'skipped-unlabelled'
  | 'label-approximated'
  | 'audio-repaired'
  | 'skipped-duplicate';

/** A problem an adapter or the corpus builder met; the CLI prints these and the dataset card counts them. */
export interface AdapterIssue {
  source: SourceName;
  kind: IssueKind;
  /** File the issue is about, relative to the source root where possible. */
  file?: string;
  message: string;
}

export interface SourceListing {
  records: SourceRecord[];
  issues: AdapterIssue[];
}

/** A dataset adapter: `detect` says whether a folder holds this source's layout, `list` reads it. */
export interface SourceAdapter {
  name: SourceName;
  /** Folder name under `--datasets` where the source is expected. */
  folder: string;
  detect(root: string): boolean;
  list(root: string): Promise<SourceListing>;
}
