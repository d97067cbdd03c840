// "Classifier + template" baseline: finding probabilities per recording (from an exported model's heads via
// Engine.findings, or from a JSONL file the training engineer writes) rendered through the task templates.
import { renderFromProbabilities, type FindingProbabilities } from '../../src/core/tasks/classifier';
import type { BenchItem } from '../../src/core/tasks/types';
import type { Responder } from './responder';

/** Probabilities for recording i of an item; `audio[i]` is its samples at the model rate. */
export type ProbabilitySource = (item: BenchItem, audio: Float32Array[]) => Promise<FindingProbabilities[]>;

export function createClassifierResponder(
  name: string,
  source: ProbabilitySource,
  usesAudio: boolean,
): Responder {
  return {
    name,
    usesAudio,
    async answer(item, audio) {
      const probs = await source(item, audio);
      const recs = item.labels.map((l, i) => ({
        id: item.recordings[i],
        domain: l.domain,
        site: l.site,
        probabilities: probs[i] ?? [],
      }));
      return renderFromProbabilities(
        { id: item.id, task: item.task, loudest: item.loudest !== undefined },
        recs,
      );
    },
  };
}

/** Lines `{ "id": "<corpus entry id>", "probabilities": [{ "label", "probability" }] }` → a lookup source. */
export function probabilitiesFromLines(
  lines: { id: string; probabilities: FindingProbabilities }[],
): ProbabilitySource {
  const byId = new Map(lines.map((l) => [l.id, l.probabilities]));
  return async (item) =>
    item.recordings.map((id) => {
      const p = byId.get(id);
      if (!p)
        throw new Error(`no probabilities for recording ${id}; regenerate the --probs file for this bench`);
      return p;
    });
}
