// A saved recording's metadata and the labels a teacher can attach to it: shared by storage, state and the UI.
import type { Domain, Finding, Site } from './schema';

/** `recording`/`importing` mean unfinished: the app recovers them on startup. */
export type RecordingStatus = 'recording' | 'importing' | 'ready';

export interface RecordingMeta {
  id: string;
  name: string;
  createdAtMs: number;
  durationSec: number;
  sampleRateHz: number;
  site: Site;
  /** Heart or lung as the user set it, for a recording whose site does not say (absent: decided from the audio). */
  domain?: Domain;
  notes: string;
  source: 'microphone' | 'import';
  status: RecordingStatus;
  /** For imports: the file name and MIME type as given. */
  originalName?: string;
  originalType?: string;
  /** Set when a recording was rebuilt from its chunks after a reload or crash. */
  recovered?: boolean;
  /** Ground truth a teacher entered (practice cases); the site is `site`. */
  truth?: RecordingTruth;
}

/** Labels of a recording whose diagnosis is known, e.g. an imported open dataset file, with its attribution. */
export interface RecordingTruth {
  domain: Domain;
  normal: boolean;
  /** Abnormal findings present (normal sounds are implied by `normal`). */
  findings: Finding[];
  /** Source and licence credit shown wherever the recording is used, e.g. "CirCor DigiScope 2022, CC BY 4.0". */
  attribution: string;
}

/** The fields a user may edit after recording. */
export type RecordingPatch = Partial<Pick<RecordingMeta, 'name' | 'site' | 'domain' | 'notes' | 'truth'>>;
