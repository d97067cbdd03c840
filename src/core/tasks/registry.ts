// The registry of the seven tasks: what each asks, its instruction templates and its reference renderer, and
// makeItem(), which turns corpus entries into one BenchItem. The bench builder and the app both read it.
import type { CorpusEntry } from '../clinical/corpus';
import type { HeartSite, RecordingLabels, Split } from '../clinical/schema';
import { fillInstruction, INSTRUCTIONS, LOUDEST_INSTRUCTIONS, OUT_OF_SCOPE } from './instructions';
import { makeRng, type Rng } from './random';
import {
  declineAnswer,
  renderClassification,
  renderDetection,
  renderDifferential,
  renderLocation,
  renderReasoning,
  renderReporting,
} from './render';
import { renderComparison, renderLoudest } from './render-multi';
import type { BenchItem, TaskId } from './types';

export interface TaskSpec {
  id: TaskId;
  title: string;
  description: string;
  /** Recordings per item (location items over two sites of one patient are the one exception: 2). */
  recordings: 1 | 2;
  instructions: readonly string[];
  render(labels: RecordingLabels[], rng: Rng): string;
}

const one = (f: (l: RecordingLabels, rng: Rng) => string) => (labels: RecordingLabels[], rng: Rng) =>
  f(labels[0], rng);

export const TASKS: Readonly<Record<TaskId, TaskSpec>> = {
  classification: {
    id: 'classification',
    title: 'Binary classification',
    description: 'Normal or abnormal; uncertain recordings say so and ask for a re-recording.',
    recordings: 1,
    instructions: INSTRUCTIONS.classification,
    render: one(renderClassification),
  },
  detection: {
    id: 'detection',
    title: 'Detection',
    description: 'Which abnormal sound events are present, with times where labeled.',
    recordings: 1,
    instructions: INSTRUCTIONS.detection,
    render: one(renderDetection),
  },
  reporting: {
    id: 'reporting',
    title: 'Reporting',
    description:
      'Structured report: site, rate where measurable, quality, findings with attributes, impression.',
    recordings: 1,
    instructions: INSTRUCTIONS.reporting,
    render: one(renderReporting),
  },
  reasoning: {
    id: 'reasoning',
    title: 'Reasoning',
    description: 'A conclusion with the acoustic evidence and mechanism supporting it.',
    recordings: 1,
    instructions: INSTRUCTIONS.reasoning,
    render: one(renderReasoning),
  },
  differential: {
    id: 'differential',
    title: 'Differential diagnosis',
    description: 'Ranked candidate diagnoses with the feature favouring each.',
    recordings: 1,
    instructions: INSTRUCTIONS.differential,
    render: one(renderDifferential),
  },
  comparison: {
    id: 'comparison',
    title: 'Comparison',
    description: 'Two recordings: which is abnormal and how they differ.',
    recordings: 2,
    instructions: INSTRUCTIONS.comparison,
    render: (l, rng) => renderComparison(l[0], l[1], rng),
  },
  location: {
    id: 'location',
    title: 'Location-based analysis',
    description: 'Site-aware questions: what a finding at this site suggests; where a murmur is loudest.',
    recordings: 1,
    instructions: INSTRUCTIONS.location,
    render: one(renderLocation),
  },
};

export interface MakeItemArgs {
  task: TaskId;
  id: string;
  split: Split;
  entries: CorpusEntry[];
  /** Out-of-scope request instead of the task's own instruction. */
  outOfScope?: boolean;
  /** Two-site location item: the site where the murmur is loudest (must be entries[0]'s or entries[1]'s site). */
  loudest?: HeartSite;
}

function instructionFor(args: MakeItemArgs, rng: Rng): { template: string; text: string } {
  const [list, prefix] = args.outOfScope
    ? [OUT_OF_SCOPE, 'oos']
    : args.loudest
      ? [LOUDEST_INSTRUCTIONS, `${args.task}/loudest`]
      : [TASKS[args.task].instructions, args.task];
  const i = Math.floor(rng() * list.length);
  return {
    template: `${prefix}/${String(i).padStart(2, '0')}`,
    text: fillInstruction(list[i], args.entries[0].domain),
  };
}

function stripEntry(e: CorpusEntry): RecordingLabels {
  const { audio: _a, durationS: _d, split: _s, ...labels } = e;
  return labels;
}

export function makeItem(args: MakeItemArgs): BenchItem {
  const rng = makeRng(args.id);
  const labels = args.entries.map(stripEntry);
  const { template, text } = instructionFor(args, rng);
  let response: string;
  if (args.outOfScope) response = declineAnswer(rng);
  else if (args.loudest) {
    const other = labels.find((l) => l.site !== args.loudest) ?? labels[1];
    response = renderLoudest(other, args.loudest, rng);
  } else response = TASKS[args.task].render(labels, rng);
  const first = args.entries[0];
  const item: BenchItem = {
    id: args.id,
    task: args.task,
    split: args.split,
    domain: first.domain,
    source: first.source,
    recordings: args.entries.map((e) => e.id),
    audio: args.entries.map((e) => e.audio),
    site: first.site,
    instruction: text,
    response,
    labels,
    template,
  };
  if (args.outOfScope) item.outOfScope = true;
  if (args.loudest) item.loudest = args.loudest;
  return item;
}
