// Named clinical conditions → synthesizer parameters and labels. Each seed draws the free parameters
// (heart rate, grade, frequencies...) from a plausible range, so one condition yields varied recordings.
import type { Diagnosis, Finding } from '../clinical/schema';
import type { HeartOptions } from './heart';
import type { LungOptions } from './lung';
import type { Grade, MurmurLesion } from './murmur';
import type { RandomStream } from './prng';

type HeartParams = Omit<HeartOptions, 'seed' | 'durationS' | 'sampleRateHz' | 'site'>;
type LungParams = Omit<LungOptions, 'seed' | 'durationS' | 'sampleRateHz' | 'site'>;

export type ConditionSpec =
  | { domain: 'heart'; findings: Finding[]; diagnosis: Diagnosis[]; params: (r: RandomStream) => HeartParams }
  | { domain: 'lung'; findings: Finding[]; diagnosis: Diagnosis[]; params: (r: RandomStream) => LungParams };

const int = (r: RandomStream, lo: number, hi: number): number => Math.floor(r.uniform(lo, hi + 1));
const grade = (r: RandomStream, lo: Grade, hi: Grade): Grade => int(r, lo, hi) as Grade;
const hr = (r: RandomStream, lo = 60, hi = 95): number => r.uniform(lo, hi);
const murmur =
  (lesion: MurmurLesion, lo: Grade, hi: Grade) =>
  (r: RandomStream): HeartParams => ({ heartRateBpm: hr(r), murmur: { lesion, grade: grade(r, lo, hi) } });

function heart(
  findings: Finding[],
  diagnosis: Diagnosis[],
  params: (r: RandomStream) => HeartParams,
): ConditionSpec {
  return { domain: 'heart', findings, diagnosis, params };
}
function lung(
  findings: Finding[],
  diagnosis: Diagnosis[],
  params: (r: RandomStream) => LungParams,
): ConditionSpec {
  return { domain: 'lung', findings, diagnosis, params };
}
const wheezeFreqs = (r: RandomStream, n: number): number[] =>
  Array.from({ length: n }, (_, k) => Math.round(r.uniform(200 + 250 * k, 400 + 250 * k)));

export const CONDITION_SPECS = {
  'normal-heart': heart(['normal-s1s2'], [], (r) => ({ heartRateBpm: hr(r) })),
  'aortic-stenosis': heart(['systolic-murmur', 'ejection-click'], ['aortic-stenosis'], (r) => ({
    ...murmur('aortic-stenosis', 2, 4)(r),
    extra: { ejectionClick: true },
    s2Split: 'single',
  })),
  'pulmonic-stenosis': heart(
    ['systolic-murmur', 'ejection-click', 'split-s2'],
    ['pulmonic-stenosis'],
    (r) => ({ ...murmur('pulmonic-stenosis', 2, 4)(r), extra: { ejectionClick: true }, s2Split: 'wide' }),
  ),
  'atrial-septal-defect': heart(['systolic-murmur', 'split-s2'], ['atrial-septal-defect'], (r) => ({
    ...murmur('atrial-septal-defect', 1, 3)(r),
    s2Split: 'fixed',
  })),
  'mitral-regurgitation': heart(
    ['systolic-murmur'],
    ['mitral-regurgitation'],
    murmur('mitral-regurgitation', 2, 4),
  ),
  'tricuspid-regurgitation': heart(
    ['systolic-murmur'],
    ['tricuspid-regurgitation'],
    murmur('tricuspid-regurgitation', 2, 3),
  ),
  'ventricular-septal-defect': heart(['systolic-murmur'], ['ventricular-septal-defect'], (r) => ({
    ...murmur('ventricular-septal-defect', 3, 5)(r),
    heartRateBpm: hr(r, 80, 130),
  })),
  'mitral-valve-prolapse': heart(
    ['mid-systolic-click', 'systolic-murmur'],
    ['mitral-valve-prolapse'],
    (r) => ({ ...murmur('mitral-valve-prolapse', 1, 3)(r), extra: { midSystolicClick: true } }),
  ),
  'aortic-regurgitation': heart(
    ['diastolic-murmur'],
    ['aortic-regurgitation'],
    murmur('aortic-regurgitation', 1, 3),
  ),
  'mitral-stenosis': heart(['opening-snap', 'diastolic-murmur'], ['mitral-stenosis'], (r) => ({
    ...murmur('mitral-stenosis', 1, 3)(r),
    extra: { openingSnap: true },
  })),
  'patent-ductus-arteriosus': heart(['continuous-murmur'], ['patent-ductus-arteriosus'], (r) => ({
    ...murmur('patent-ductus-arteriosus', 2, 4)(r),
    heartRateBpm: hr(r, 90, 140),
  })),
  's3-gallop': heart(['s3'], [], (r) => ({ heartRateBpm: hr(r, 70, 105), extra: { s3: true } })),
  's4-gallop': heart(['s4'], [], (r) => ({ heartRateBpm: hr(r, 55, 85), extra: { s4: true } })),
  'split-s2': heart(['split-s2'], [], (r) => ({ heartRateBpm: hr(r), s2Split: 'wide' })),
  'paradoxical-split-s2': heart(['split-s2'], [], (r) => ({ heartRateBpm: hr(r), s2Split: 'paradoxical' })),
  'atrial-fibrillation': heart(['irregular-rhythm'], ['atrial-fibrillation'], (r) => ({
    heartRateBpm: hr(r, 80, 130),
    rhythm: 'atrial-fibrillation',
  })),
  extrasystoles: heart(['irregular-rhythm'], [], (r) => ({
    heartRateBpm: hr(r),
    extrasystoleProbability: r.uniform(0.1, 0.2),
  })),
  'pericardial-rub': heart(['pericardial-rub'], ['pericarditis'], (r) => ({
    heartRateBpm: hr(r, 85, 110),
    extra: { pericardialRub: true },
  })),
  'normal-lung': lung(['vesicular'], [], (r) => ({ respiratoryRateBpm: r.uniform(12, 20) })),
  'bronchial-breathing': lung(['bronchial'], [], (r) => ({
    respiratoryRateBpm: r.uniform(14, 24),
    breath: 'bronchial',
  })),
  'fine-crackles': lung(['vesicular', 'fine-crackles'], [], (r) => ({
    respiratoryRateBpm: r.uniform(12, 22),
    crackles: { kind: 'fine' },
  })),
  'coarse-crackles': lung(['vesicular', 'coarse-crackles'], [], (r) => ({
    respiratoryRateBpm: r.uniform(12, 22),
    crackles: { kind: 'coarse' },
  })),
  wheeze: lung(['vesicular', 'wheeze'], [], (r) => ({
    respiratoryRateBpm: r.uniform(14, 24),
    ieRatio: 2,
    wheeze: { frequenciesHz: wheezeFreqs(r, 1), phase: 'expiratory' },
  })),
  rhonchi: lung(['vesicular', 'rhonchi'], [], (r) => ({
    respiratoryRateBpm: r.uniform(14, 24),
    rhonchi: { frequenciesHz: [Math.round(r.uniform(100, 190))], phase: 'expiratory', phaseFraction: 0.7 },
  })),
  stridor: lung(['bronchial', 'stridor'], ['upper-airway-obstruction'], (r) => ({
    respiratoryRateBpm: r.uniform(18, 30),
    breath: 'bronchial',
    stridor: {
      frequenciesHz: [Math.round(r.uniform(600, 1000))],
      phase: 'inspiratory',
      phaseFraction: 0.8,
      levelDb: 10,
    },
  })),
  'pleural-rub': lung(['vesicular', 'pleural-rub'], [], (r) => ({
    respiratoryRateBpm: r.uniform(14, 24),
    pleuralRub: true,
  })),
  asthma: lung(['vesicular', 'wheeze'], ['asthma'], (r) => ({
    respiratoryRateBpm: r.uniform(20, 28),
    ieRatio: r.uniform(2.5, 3.5),
    wheeze: { frequenciesHz: wheezeFreqs(r, int(r, 2, 3)), phase: 'expiratory', phaseFraction: 0.8 },
  })),
  pneumonia: lung(['bronchial', 'coarse-crackles'], ['pneumonia'], (r) => ({
    respiratoryRateBpm: r.uniform(22, 30),
    breath: 'bronchial',
    crackles: { kind: 'coarse', perBreath: int(r, 3, 7) },
  })),
  copd: lung(['vesicular', 'coarse-crackles', 'wheeze'], ['copd'], (r) => ({
    respiratoryRateBpm: r.uniform(16, 24),
    ieRatio: r.uniform(2.5, 4),
    crackles: { kind: 'coarse', perBreath: int(r, 2, 4) },
    wheeze: { frequenciesHz: wheezeFreqs(r, 1), phase: 'expiratory', levelDb: 0 },
  })),
  'pulmonary-fibrosis': lung(['vesicular', 'fine-crackles'], ['pulmonary-fibrosis'], (r) => ({
    respiratoryRateBpm: r.uniform(18, 26),
    crackles: { kind: 'fine', perBreath: int(r, 8, 14) },
  })),
  bronchiolitis: lung(['vesicular', 'fine-crackles', 'wheeze'], ['bronchiolitis'], (r) => ({
    respiratoryRateBpm: r.uniform(40, 60),
    crackles: { kind: 'fine', perBreath: int(r, 3, 6) },
    wheeze: { frequenciesHz: wheezeFreqs(r, 1), phase: 'expiratory', phaseFraction: 0.7 },
  })),
} satisfies Record<string, ConditionSpec>;

export type SynthCondition = keyof typeof CONDITION_SPECS;
export const SYNTH_CONDITIONS: readonly SynthCondition[] = Object.keys(CONDITION_SPECS) as SynthCondition[];

export function isSynthCondition(s: string): s is SynthCondition {
  return Object.prototype.hasOwnProperty.call(CONDITION_SPECS, s);
}
