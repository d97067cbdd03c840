// The synthesized share of the corpus: N recordings from src/core/synth, balanced over its conditions, seeded.
import type { SplitRatios } from './split';
import type { Job } from './build';

export const SYNTH_BALANCES = ['uniform'] as const;
export type SynthBalance = (typeof SYNTH_BALANCES)[number];

export interface SynthOptions {
  count: number;
  balance: SynthBalance;
  durationS: number;
}

export function synthJobs(opts: SynthOptions, _seed: number, _ratios: SplitRatios, _outDir: string, _reuse: boolean): Job[] {
  if (opts.count === 0) return [];
  throw new Error('the synthesizer (src/core/synth) does not export synthesizeCondition yet: build with --synth-count 0');
}
