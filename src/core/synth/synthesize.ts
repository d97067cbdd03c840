// synthesizeCondition: one labeled recording of a named condition, deterministic for a seed. This is the
// entry point of the corpus builder and the app's practice mode.
import {
  HEART_SITES,
  type Domain,
  LUNG_SITES,
  NORMAL_FINDINGS,
  type Finding,
  type HeartSite,
  type LungSite,
  type MurmurAttributes,
  type RecordingLabels,
  type Site,
  type TimedEvent,
} from '../clinical/schema';
import { CONDITION_SPECS, type SynthCondition } from './conditions';
import { synthesizeHeart, type HeartOptions } from './heart';
import { synthesizeLung, type LungOptions } from './lung';
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

/** A condition's parameters for the heart or lung synthesizer: all but the options every rendering shares. */
type Params<O> = Omit<O, 'seed' | 'durationS' | 'sampleRateHz' | 'site'>;

const baseOf = (o: SynthOptions) => ({ seed: o.seed, durationS: o.durationS, sampleRateHz: o.sampleRateHz });

const CLASSIC_HEART_SITES: HeartSite[] = ['AV', 'PV', 'TV', 'MV'];

function defaultHeartSite(condition: SynthCondition, p: Params<HeartOptions>, rng: RandomStream): HeartSite {
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

/** The caller's site, checked to be one of the domain's `sites` (undefined: none given). */
function givenSite<S extends Site>(
  site: Site | undefined,
  sites: readonly S[],
  domain: Domain,
): S | undefined {
  if (site !== undefined && !(sites as readonly Site[]).includes(site))
    throw new Error(`'${site}' is not a ${domain} site; use one of ${sites.join(', ')}`);
  return site as S | undefined;
}

/** One rendering: its signal, where it was recorded, and what it asserts beyond the condition's findings. */
interface Rendered {
  samples: Float32Array;
  site: Site;
  events: TimedEvent[];
  murmur?: MurmurAttributes;
}

function renderHeart(
  condition: SynthCondition,
  p: Params<HeartOptions>,
  opts: SynthOptions,
  rng: RandomStream,
): Rendered {
  const site = givenSite(opts.site, HEART_SITES, 'heart') ?? defaultHeartSite(condition, p, rng.fork('site'));
  const h = synthesizeHeart({ ...baseOf(opts), ...p, site });
  const murmur = p.murmur && {
    ...MURMUR_PRESETS[p.murmur.lesion].attributes,
    grade: p.murmur.grade,
    mostAudible: mostAudibleSite(p.murmur.lesion),
  };
  return { samples: h.samples, site, events: h.events, murmur };
}

function renderLung(
  condition: SynthCondition,
  p: Params<LungOptions>,
  opts: SynthOptions,
  rng: RandomStream,
): Rendered {
  const site = givenSite(opts.site, LUNG_SITES, 'lung') ?? defaultLungSite(condition, rng.fork('site'));
  const l = synthesizeLung({ ...baseOf(opts), ...p, site });
  return { samples: l.samples, site, events: l.events };
}

export function synthesizeCondition(condition: SynthCondition, opts: SynthOptions): SynthResult {
  const spec = CONDITION_SPECS[condition];
  const rng = new RandomStream(opts.seed, `condition:${condition}`);
  const { samples, site, events, murmur } =
    spec.domain === 'heart'
      ? renderHeart(condition, spec.params(rng.fork('params')), opts, rng)
      : renderLung(condition, spec.params(rng.fork('params')), opts, rng);
  const labels: SynthResult['labels'] = {
    domain: spec.domain,
    site,
    findings: [...spec.findings],
    normal: null,
    events,
    diagnosis: [...spec.diagnosis],
    ...(murmur ? { murmur } : {}),
  };
  const nuisances = applyNuisances(samples, opts.sampleRateHz, opts.seed, spec.domain, opts.nuisances ?? {});
  if (nuisances.poorQuality) labels.findings.push('poor-quality');
  labels.events = [...labels.events, ...nuisances.artifacts].sort((a, b) => a.startS - b.startS);
  labels.normal = isNormal(labels.findings);
  labels.device = nuisances.device;
  return { samples, sampleRateHz: opts.sampleRateHz, labels, nuisances };
}
