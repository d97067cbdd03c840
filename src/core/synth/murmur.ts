// Murmurs: band-limited noise shaped per beat by an envelope whose timing and shape follow the lesion
// (ejection diamond, holosystolic plateau, late systolic, early diastolic decrescendo, rumble, continuous).
import type { HeartSite, MurmurAttributes, TimedEvent } from '../clinical/schema';
import { addShapedNoise, bandNoise, dbToGain, rms } from './dsp';
import type { RandomStream } from './prng';
import type { Beat } from './heartTiming';
import {
  COMPONENTS,
  OPENING_SNAP_DELAY_S,
  midSystolicClickS,
  s1EndS,
  siteGain,
  type CardiacSource,
} from './heartSounds';

export type MurmurKind =
  'ejection' | 'holosystolic' | 'late-systolic' | 'early-diastolic' | 'mid-diastolic' | 'continuous';
export type Grade = 1 | 2 | 3 | 4 | 5 | 6;

export const MURMUR_LESIONS = [
  'aortic-stenosis',
  'pulmonic-stenosis',
  'atrial-septal-defect',
  'innocent',
  'mitral-regurgitation',
  'tricuspid-regurgitation',
  'ventricular-septal-defect',
  'mitral-valve-prolapse',
  'aortic-regurgitation',
  'mitral-stenosis',
  'patent-ductus-arteriosus',
] as const;
export type MurmurLesion = (typeof MURMUR_LESIONS)[number];

export interface MurmurPreset {
  kind: MurmurKind;
  source: CardiacSource;
  loHz: number;
  hiHz: number;
  attributes: Omit<MurmurAttributes, 'grade' | 'mostAudible'>;
}

const SYS = 'systolic' as const;
const DIA = 'diastolic' as const;
/** Aortic stenosis: a harsh ejection diamond; pulmonic stenosis and the ASD flow murmur are built from it. */
const AORTIC_STENOSIS: MurmurPreset = {
  kind: 'ejection',
  source: 'aortic',
  loHz: 80,
  hiHz: 400,
  attributes: {
    phase: SYS,
    timing: 'mid-systolic',
    shape: 'crescendo-decrescendo',
    pitch: 'medium',
    quality: 'harsh',
  },
};
const PULMONIC_STENOSIS: MurmurPreset = { ...AORTIC_STENOSIS, source: 'pulmonic' };

/** Lesion → murmur. Pitch descriptors from Bates' Guide / Constant; the Hz bands are this model's reading of them. */
export const MURMUR_PRESETS: Record<MurmurLesion, MurmurPreset> = {
  'aortic-stenosis': AORTIC_STENOSIS,
  'pulmonic-stenosis': PULMONIC_STENOSIS,
  // flow across a normal pulmonic valve: a lower band, blowing rather than harsh
  'atrial-septal-defect': {
    ...PULMONIC_STENOSIS,
    loHz: 60,
    hiHz: 300,
    attributes: { ...PULMONIC_STENOSIS.attributes, quality: 'blowing' },
  },
  innocent: {
    kind: 'ejection',
    source: 'pulmonic',
    loHz: 90,
    hiHz: 160,
    attributes: {
      phase: SYS,
      timing: 'early-systolic',
      shape: 'crescendo-decrescendo',
      pitch: 'low',
      quality: 'musical',
    },
  },
  'mitral-regurgitation': {
    kind: 'holosystolic',
    source: 'mitral',
    loHz: 150,
    hiHz: 600,
    attributes: { phase: SYS, timing: 'holosystolic', shape: 'plateau', pitch: 'high', quality: 'blowing' },
  },
  'tricuspid-regurgitation': {
    kind: 'holosystolic',
    source: 'tricuspid',
    loHz: 120,
    hiHz: 500,
    attributes: { phase: SYS, timing: 'holosystolic', shape: 'plateau', pitch: 'medium', quality: 'blowing' },
  },
  'ventricular-septal-defect': {
    kind: 'holosystolic',
    source: 'septal',
    loHz: 120,
    hiHz: 500,
    attributes: { phase: SYS, timing: 'holosystolic', shape: 'plateau', pitch: 'high', quality: 'harsh' },
  },
  'mitral-valve-prolapse': {
    kind: 'late-systolic',
    source: 'mitral',
    loHz: 150,
    hiHz: 600,
    attributes: {
      phase: SYS,
      timing: 'late-systolic',
      shape: 'crescendo',
      pitch: 'high',
      quality: 'blowing',
    },
  },
  'aortic-regurgitation': {
    kind: 'early-diastolic',
    source: 'aortic',
    loHz: 200,
    hiHz: 700,
    attributes: {
      phase: DIA,
      timing: 'early-diastolic',
      shape: 'decrescendo',
      pitch: 'high',
      quality: 'blowing',
    },
  },
  'mitral-stenosis': {
    kind: 'mid-diastolic',
    source: 'mitral',
    loHz: 30,
    hiHz: 110,
    attributes: {
      phase: DIA,
      timing: 'mid-diastolic',
      shape: 'decrescendo',
      pitch: 'low',
      quality: 'rumbling',
    },
  },
  'patent-ductus-arteriosus': {
    kind: 'continuous',
    source: 'ductus',
    loHz: 100,
    hiHz: 500,
    attributes: {
      phase: 'continuous',
      timing: 'continuous',
      shape: 'crescendo-decrescendo',
      pitch: 'medium',
      quality: 'harsh',
    },
  },
};

/**
 * Levine grade → murmur RMS relative to the RMS of a full-strength S1 component, 6 dB per grade with
 * grade 4 (first grade with a thrill) equal to S1. The Levine scale is perceptual; this mapping is a
 * model choice, monotone as the scale requires.
 */
export function gradeDb(grade: Grade): number {
  return 6 * (grade - 4);
}
/** RMS of a Hann-windowed sinusoid of peak 1: sqrt(3/8)/sqrt(2). */
export const S1_COMPONENT_RMS = Math.sqrt(3 / 16);

interface Window {
  startS: number;
  endS: number;
  /** Envelope over u ∈ [0, 1] of the window, peak 1. */
  shape: (u: number) => number;
}

const diamond = (peak: number) => (u: number) => (u < peak ? u / peak : (1 - u) / (1 - peak));
const plateau = (u: number) => Math.min(1, u / 0.06, (1 - u) / 0.06);

/** The murmur window of one beat; nextS1S is the following beat's S1 onset. */
export function murmurWindow(kind: MurmurKind, b: Beat, nextS1S: number): Window {
  const a2 = b.a2S;
  switch (kind) {
    case 'ejection':
      return { startS: s1EndS(b) - 0.01, endS: Math.min(a2, b.p2S) - 0.015, shape: diamond(0.45) };
    case 'holosystolic':
      return { startS: b.s1S + 0.01, endS: a2 + 0.01, shape: plateau };
    case 'late-systolic':
      return {
        startS: midSystolicClickS(b) + COMPONENTS.click.durationS,
        endS: a2,
        shape: (u) => Math.min(1, u / 0.1) * (0.4 + 0.6 * u),
      };
    case 'early-diastolic':
      return {
        startS: a2 + 0.005,
        endS: a2 + 0.55 * (nextS1S - a2),
        shape: (u) => Math.min(1, u / 0.05) * Math.pow(1 - u, 1.2),
      };
    case 'mid-diastolic': {
      const start = a2 + OPENING_SNAP_DELAY_S + COMPONENTS.snap.durationS + 0.01;
      return {
        startS: start,
        endS: nextS1S + 0.005,
        shape: (u) =>
          Math.min(1, u / 0.05) *
          Math.max(0.9 * (1 - u) ** 2, 0.3, Math.pow(Math.max(0, (u - 0.7) / 0.3), 1.5)),
      };
    }
    case 'continuous': {
      const start = b.s1S + 0.04;
      const end = a2 + 0.65 * (nextS1S - a2);
      return { startS: start, endS: end, shape: diamond((a2 - start) / (end - start)) };
    }
  }
}

/** Mean of shape² over the window, so that grade sets the RMS inside the window whatever the shape. */
function meanSquare(shape: (u: number) => number): number {
  let s = 0;
  for (let i = 0; i < 200; i++) s += shape((i + 0.5) / 200) ** 2;
  return s / 200;
}

export function eventTypeOf(kind: MurmurKind): TimedEvent['type'] {
  if (kind === 'continuous') return 'continuous-murmur';
  return kind === 'early-diastolic' || kind === 'mid-diastolic' ? 'diastolic-murmur' : 'systolic-murmur';
}

/** Adds the murmur for every beat; right-sided murmurs grow on inspiration (Carvallo's sign). Returns events. */
export function renderMurmur(
  out: Float32Array,
  rateHz: number,
  beats: Beat[],
  nextS1: (i: number) => number,
  lesion: MurmurLesion,
  grade: Grade,
  site: HeartSite,
  noise: Float32Array,
): TimedEvent[] {
  const p = MURMUR_PRESETS[lesion];
  const rightSided = p.source === 'tricuspid' || p.source === 'pulmonic';
  const base = S1_COMPONENT_RMS * dbToGain(gradeDb(grade)) * siteGain(site, p.source);
  return beats.map((b, i) => {
    const w = murmurWindow(p.kind, b, nextS1(i));
    const amp = (base * (rightSided ? 1 + 0.3 * b.inspiration : 1)) / Math.sqrt(meanSquare(w.shape));
    const len = w.endS - w.startS;
    addShapedNoise(out, noise, rateHz, w.startS, w.endS, (t) => amp * w.shape(t / len));
    return { type: eventTypeOf(p.kind), startS: w.startS, endS: w.endS };
  });
}

/** Roughness of harsh murmurs: amplitude modulation depth and rate (model choice for "harsh, rough"). */
export const HARSH_MODULATION = { depth: 0.7, rateHz: [25, 45] } as const;

/**
 * The murmur's sound texture, unit RMS, by quality: blowing = smooth band noise; harsh = band noise with fast
 * irregular amplitude modulation; rumbling = low band noise; musical = a tone at the band centre with harmonics
 * (vibratory, as Still's murmur) over a little noise.
 */
export function murmurTexture(
  rng: RandomStream,
  lesion: MurmurLesion,
  n: number,
  rateHz: number,
): Float32Array {
  const p = MURMUR_PRESETS[lesion];
  const x = bandNoise(rng, n, p.loHz, p.hiHz, rateHz, 3);
  if (p.attributes.quality === 'harsh') {
    const f = rng.uniform(HARSH_MODULATION.rateHz[0], HARSH_MODULATION.rateHz[1]);
    const mod = bandNoise(rng, n, f * 0.5, f * 1.5, rateHz, 1);
    for (let i = 0; i < n; i++) x[i] *= 1 + HARSH_MODULATION.depth * mod[i];
  } else if (p.attributes.quality === 'musical') {
    const f0 = Math.sqrt(p.loHz * p.hiHz);
    for (let i = 0; i < n; i++) {
      const ph = (2 * Math.PI * f0 * i) / rateHz;
      x[i] = 0.3 * x[i] + 1.2 * Math.sin(ph) + 0.4 * Math.sin(2 * ph);
    }
  }
  const r = rms(x) || 1;
  for (let i = 0; i < n; i++) x[i] /= r;
  return x;
}

/** The site where a lesion's murmur is loudest. */
export function mostAudibleSite(lesion: MurmurLesion): HeartSite {
  const src = MURMUR_PRESETS[lesion].source;
  const sites: HeartSite[] = ['AV', 'PV', 'TV', 'MV'];
  return sites.reduce((best, s) => (siteGain(s, src) > siteGain(best, src) ? s : best), sites[0]);
}
