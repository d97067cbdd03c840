// synthesizeCondition: one labeled recording of a named condition, deterministic for a seed. This is the
// entry point of the corpus builder and the app's practice mode.
import {
  HEART_SITES,
  LUNG_SITES,
  NORMAL_FINDINGS,
  type Finding,
  type HeartSite,
  type LungSite,
  type RecordingLabels,
  type Site,
} from '../clinical/schema';
import { CONDITION_SPECS, type SynthCondition } from './conditions';
import { synthesizeHeart, type HeartOptions } from './heart';
import { synthesizeLung } from './lung';
import { MURMUR_PRESETS, mostAudibleSite } from './murmur';
import { applyNuisances, type AppliedNuisances, type NuisanceOptions } from './nuisance';
import { RandomStream } from './prng';

export interface SynthOptions {
  seed: number;
  durationS: number;
  sampleRateHz: number;
  /** Default: where the condition is best heard (a murmur's loudest site), else a seeded random site. */
  site?: Site;
  nuisances?: NuisanceOptions;
}

export interface SynthResult {
  /** Peak-normalized to 0.5 before gain, so nuisances.gainDb > +6 dB clips. */
  samples: Float32Array;
  sampleRateHz: number;
  labels: Omit<RecordingLabels, 'id' | 'source' | 'patient'>;
  nuisances: AppliedNuisances;
}

const CLASSIC_HEART_SITES: HeartSite[] = ['AV', 'PV', 'TV', 'MV'];

function defaultHeartSite(
  condition: SynthCondition,
  p: Omit<HeartOptions, 'seed' | 'durationS' | 'sampleRateHz'>,
  rng: RandomStream,
): HeartSite {
  if (p.murmur) return mostAudibleSite(p.murmur.lesion);
  if (condition === 'split-s2' || condition === 'paradoxical-split-s2') return 'PV';
  if (p.extra?.s3 || p.extra?.s4) return 'MV';
  if (p.extra?.pericardialRub) return 'TV';
  return CLASSIC_HEART_SITES[Math.floor(rng.next() * CLASSIC_HEART_SITES.length)];
}

function defaultLungSite(condition: SynthCondition, rng: RandomStream): LungSite {
  if (condition === 'stridor') return 'trachea';
  const chest = LUNG_SITES.filter((s) => s !== 'trachea');
  return chest[Math.floor(rng.next() * chest.length)];
}

function isNormal(findings: Finding[]): boolean {
  return findings.every((f) => NORMAL_FINDINGS.includes(f) || f === 'poor-quality');
}

export function synthesizeCondition(condition: SynthCondition, opts: SynthOptions): SynthResult {
  const spec = CONDITION_SPECS[condition];
  const rng = new RandomStream(opts.seed, `condition:${condition}`);
  const base = { seed: opts.seed, durationS: opts.durationS, sampleRateHz: opts.sampleRateHz };
  let samples: Float32Array;
  let labels: SynthResult['labels'];
  if (spec.domain === 'heart') {
    const p = spec.params(rng.fork('params'));
    if (opts.site !== undefined && !(HEART_SITES as readonly string[]).includes(opts.site))
      throw new Error(`'${opts.site}' is not a heart site; use one of ${HEART_SITES.join(', ')}`);
    const site = (opts.site as HeartSite | undefined) ?? defaultHeartSite(condition, p, rng.fork('site'));
    const h = synthesizeHeart({ ...base, ...p, site });
    samples = h.samples;
    const murmur = p.murmur
      ? {
          ...MURMUR_PRESETS[p.murmur.lesion].attributes,
          grade: p.murmur.grade,
          mostAudible: mostAudibleSite(p.murmur.lesion),
        }
      : undefined;
    labels = {
      domain: 'heart',
      site,
      findings: [...spec.findings],
      normal: null,
      events: h.events,
      diagnosis: [...spec.diagnosis],
      ...(murmur ? { murmur } : {}),
    };
  } else {
    const p = spec.params(rng.fork('params'));
    if (opts.site !== undefined && !(LUNG_SITES as readonly string[]).includes(opts.site))
      throw new Error(`'${opts.site}' is not a lung site; use one of ${LUNG_SITES.join(', ')}`);
    const site = (opts.site as LungSite | undefined) ?? defaultLungSite(condition, rng.fork('site'));
    const l = synthesizeLung({ ...base, ...p, site });
    samples = l.samples;
    labels = {
      domain: 'lung',
      site,
      findings: [...spec.findings],
      normal: null,
      events: l.events,
      diagnosis: [...spec.diagnosis],
    };
  }
  const nuisances = applyNuisances(samples, opts.sampleRateHz, opts.seed, spec.domain, opts.nuisances ?? {});
  if (nuisances.poorQuality) labels.findings.push('poor-quality');
  labels.events = [...labels.events, ...nuisances.artifacts].sort((a, b) => a.startS - b.startS);
  labels.normal = isNormal(labels.findings);
  labels.device = nuisances.device;
  return { samples, sampleRateHz: opts.sampleRateHz, labels, nuisances };
}
