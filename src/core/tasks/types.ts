// Shared types of AuscultBench: the seven task ids and one instruction–response item (a JSONL line of the bench).
import type { Domain, HeartSite, RecordingLabels, Site, SourceName, Split } from '../clinical/schema';

export const TASK_IDS = [
  'classification',
  'detection',
  'reporting',
  'reasoning',
  'differential',
  'comparison',
  'location',
] as const;
export type TaskId = (typeof TASK_IDS)[number];

export function isTaskId(s: string): s is TaskId {
  return (TASK_IDS as readonly string[]).includes(s);
}

/** One line of `<bench>/<split>.jsonl`. */
export interface BenchItem {
  id: string;
  task: TaskId;
  split: Split;
  domain: Domain;
  source: SourceName;
  /** Corpus entry ids, one per recording the question is about (comparison items have two). */
  recordings: string[];
  /** Audio paths relative to the corpus folder, parallel to `recordings`. */
  audio: string[];
  /** Site of the first recording (all sites are in `labels[i].site`). */
  site: Site;
  instruction: string;
  /** The reference answer, rendered from the labels (without the trailing `</s>`). */
  response: string;
  /** Labels of each recording, parallel to `recordings`. */
  labels: RecordingLabels[];
  /** Instruction template id (e.g. "classification/07"); "oos/…" marks out-of-scope questions to decline. */
  template: string;
  /** Only for out-of-scope items: the answer must decline. */
  outOfScope?: boolean;
  /** Location items over two sites of one patient asking where the murmur is loudest; `loudest` is that site. */
  loudest?: HeartSite;
}
