// The synthesized share of the corpus: N recordings from src/core/synth, balanced over its conditions, each with
// seeded random nuisances (ambient noise, device response, friction, heart sounds under lung sounds, gain, clipping).
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CorpusEntry } from '../../src/core/clinical/corpus';
import { FEATURE_CONFIG } from '../../src/core/features/config';
import {
  CONDITION_SPECS,
  DEVICES,
  SYNTH_CONDITIONS,
  synthesizeCondition,
  type NuisanceOptions,
  type SynthCondition,
} from '../../src/core/synth';
import type { Job } from './build';
import { normalizeSamples } from './normalize';
import { splitForKey, unitHash, type SplitRatios } from './split';

/** uniform: equal count per condition; domain: half heart, half lung, uniform over conditions within each. */
export const SYNTH_BALANCES = ['uniform', 'domain'] as const;
export type SynthBalance = (typeof SYNTH_BALANCES)[number];

export interface SynthOptions {
  count: number;
  balance: SynthBalance;
  durationS: number;
}

/** The condition of the k-th synthesized recording: round-robin, so every prefix of the share is balanced. */
export function conditionAt(k: number, balance: SynthBalance): SynthCondition {
  if (balance === 'uniform') return SYNTH_CONDITIONS[k % SYNTH_CONDITIONS.length];
  const domain = k % 2 === 0 ? 'heart' : 'lung';
  const pool = SYNTH_CONDITIONS.filter((c) => CONDITION_SPECS[c].domain === domain);
  return pool[Math.floor(k / 2) % pool.length];
}

/** Seeded nuisances for one recording: each applies with a fixed probability, its level drawn from a range. */
export function nuisancesFor(seed: number, key: string, domain: 'heart' | 'lung'): NuisanceOptions {
  const u = (name: string) => unitHash(seed, `${key}/${name}`);
  const range = (name: string, lo: number, hi: number) => lo + (hi - lo) * u(`${name}-level`);
  const o: NuisanceOptions = {
    device: DEVICES[Math.floor(u('device') * DEVICES.length)],
    gainDb: range('gain', -12, 3),
  };
  if (u('ambient') < 0.6) o.ambientSnrDb = range('ambient', 5, 35);
  if (domain === 'lung' && u('heart') < 0.5) o.heartUnderLungDb = range('heart', -20, -5);
  if (u('friction') < 0.15) o.frictionPerS = range('friction', 0.1, 0.6);
  if (u('handling') < 0.1) o.handlingBumps = 1 + Math.floor(u('handling-n') * 2);
  if (u('clip') < 0.05) o.clipLevel = range('clip', 0.5, 0.9);
  return o;
}

function synthJob(k: number, opts: SynthOptions, seed: number, ratios: SplitRatios, outDir: string): Job {
  return async () => {
    const condition = conditionAt(k, opts.balance);
    const name = `${String(k).padStart(6, '0')}-${condition}`;
    const recSeed = Math.floor(unitHash(seed, `synth/${name}`) * 2 ** 31);
    const domain = CONDITION_SPECS[condition].domain;
    const r = synthesizeCondition(condition, {
      seed: recSeed,
      durationS: opts.durationS,
      sampleRateHz: FEATURE_CONFIG.sampleRateHz,
      nuisances: nuisancesFor(seed, `synth/${name}`, domain),
    });
    const { wav, durationS } = normalizeSamples(r.samples, r.sampleRateHz);
    const audio = `audio/synth/${name}.wav`;
    mkdirSync(path.join(outDir, 'audio/synth'), { recursive: true });
    await writeFile(path.join(outDir, audio), wav);
    const entry: CorpusEntry = {
      ...r.labels,
      id: `synth/${name}`,
      source: 'synth',
      patient: name,
      audio,
      durationS,
      split: splitForKey(seed, `synth/${name}`, ratios),
    };
    return entry;
  };
}

/** Jobs for the synthesized share (always regenerated: synthesis is what yields the labels). */
export function synthJobs(opts: SynthOptions, seed: number, ratios: SplitRatios, outDir: string): Job[] {
  return Array.from({ length: opts.count }, (_, k) => synthJob(k, opts, seed, ratios, outDir));
}
