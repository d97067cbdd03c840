// CirCor patient-file field values ("#Systolic murmur shape: Diamond", "#Age: Child", …) → schema values.
import type {
  AgeGroup,
  Finding,
  HeartSite,
  MurmurAttributes,
  MurmurPitch,
  MurmurQuality,
  MurmurShape,
  MurmurTiming,
} from '../../../src/core/clinical/schema';
import { MURMUR_PITCHES, MURMUR_QUALITIES, MURMUR_TIMINGS } from '../../../src/core/clinical/schema';
import { circorSite } from '../../../src/core/clinical/sites';

/** "#Key: value" lines of a patient file, keyed without the '#'. */
export type CircorHeader = Record<string, string>;

const SHAPES: Record<string, MurmurShape> = {
  Crescendo: 'crescendo',
  Decrescendo: 'decrescendo',
  Diamond: 'crescendo-decrescendo',
  Plateau: 'plateau',
};
const ROMAN: Record<string, MurmurAttributes['grade']> = { I: 1, II: 2, III: 3, IV: 4, V: 5, VI: 6 };

function pick<T extends string>(values: readonly T[], raw: string | undefined): T | undefined {
  const v = (raw ?? '').toLowerCase();
  return (values as readonly string[]).includes(v) ? (v as T) : undefined;
}

function present(raw: string | undefined): boolean {
  return raw !== undefined && raw !== '' && raw !== 'nan';
}

function attributes(
  h: CircorHeader,
  phase: 'Systolic' | 'Diastolic',
  mostAudible?: HeartSite,
): MurmurAttributes {
  const grade = ROMAN[(h[`${phase} murmur grading`] ?? '').split('/')[0]];
  const a: MurmurAttributes = { phase: phase === 'Systolic' ? 'systolic' : 'diastolic' };
  const timing = pick<MurmurTiming>(MURMUR_TIMINGS, h[`${phase} murmur timing`]);
  const shape = SHAPES[h[`${phase} murmur shape`] ?? ''];
  const pitch = pick<MurmurPitch>(MURMUR_PITCHES, h[`${phase} murmur pitch`]);
  const quality = pick<MurmurQuality>(MURMUR_QUALITIES, h[`${phase} murmur quality`]);
  if (timing) a.timing = timing;
  if (shape) a.shape = shape;
  if (grade) a.grade = grade;
  if (pitch) a.pitch = pitch;
  if (quality) a.quality = quality;
  if (mostAudible) a.mostAudible = mostAudible;
  return a;
}

/**
 * Murmur findings and attributes of a murmur-present patient. When both a systolic and a diastolic murmur are
 * described, both findings are asserted and `murmur` carries the systolic one (the schema holds one murmur).
 */
export function parseCircorMurmur(h: CircorHeader): { findings: Finding[]; murmur?: MurmurAttributes } {
  const mostAudible = circorSite(h['Most audible location'] ?? '');
  const systolic = present(h['Systolic murmur timing']);
  const diastolic = present(h['Diastolic murmur timing']);
  const findings: Finding[] = [];
  if (systolic) findings.push('systolic-murmur');
  if (diastolic) findings.push('diastolic-murmur');
  if (systolic) return { findings, murmur: attributes(h, 'Systolic', mostAudible) };
  if (diastolic) return { findings, murmur: attributes(h, 'Diastolic', mostAudible) };
  return { findings };
}

const AGES: Record<string, AgeGroup> = {
  Neonate: 'neonate',
  Infant: 'infant',
  Child: 'child',
  Adolescent: 'adolescent',
  'Young Adult': 'adult',
};

export function parseCircorAge(raw: string | undefined): AgeGroup | undefined {
  return AGES[raw ?? ''];
}
