// The one label schema every recording in Auscult is described with: dataset adapters, the synthesizer,
// the benchmark generator, training and the app all speak it. Documented in docs/labels.md.

export const DOMAINS = ['heart', 'lung'] as const;
export type Domain = (typeof DOMAINS)[number];

/** Heart auscultation sites as used by CirCor: aortic, pulmonic, tricuspid, mitral, and "other" (Phc). */
export const HEART_SITES = ['AV', 'PV', 'TV', 'MV', 'Phc'] as const;
export type HeartSite = (typeof HEART_SITES)[number];

/**
 * Lung zones: aspect × side × (optional) level, plus the trachea. Level is optional because several
 * datasets (SPRSound p1–p4, ICBHI Al/Ar/Pl/Pr/Ll/Lr) record aspect and side only.
 */
export const LUNG_ASPECTS = ['anterior', 'posterior', 'lateral'] as const;
export const LUNG_SIDES = ['left', 'right'] as const;
export const LUNG_LEVELS = ['upper', 'middle', 'lower'] as const;
export type LungAspect = (typeof LUNG_ASPECTS)[number];
export type LungSide = (typeof LUNG_SIDES)[number];
export type LungLevel = (typeof LUNG_LEVELS)[number];
export type LungSite = 'trachea' | `${LungAspect}-${LungSide}` | `${LungAspect}-${LungSide}-${LungLevel}`;

export const LUNG_SITES: readonly LungSite[] = [
  'trachea',
  ...LUNG_ASPECTS.flatMap((a) =>
    LUNG_SIDES.flatMap((s) => [
      `${a}-${s}` as LungSite,
      ...LUNG_LEVELS.map((l) => `${a}-${s}-${l}` as LungSite),
    ]),
  ),
];

export type Site = HeartSite | LungSite | 'unknown';

export const HEART_FINDINGS = [
  'normal-s1s2',
  'systolic-murmur',
  'diastolic-murmur',
  'continuous-murmur',
  's3',
  's4',
  'split-s2',
  'ejection-click',
  'mid-systolic-click',
  'opening-snap',
  'irregular-rhythm',
  'pericardial-rub',
] as const;
export const LUNG_FINDINGS = [
  'vesicular',
  'bronchial',
  'fine-crackles',
  'coarse-crackles',
  'wheeze',
  'rhonchi',
  'stridor',
  'pleural-rub',
] as const;
export const QUALITY_FINDINGS = ['poor-quality'] as const;
export type HeartFinding = (typeof HEART_FINDINGS)[number];
export type LungFinding = (typeof LUNG_FINDINGS)[number];
export type Finding = HeartFinding | LungFinding | (typeof QUALITY_FINDINGS)[number];
export const FINDINGS: readonly Finding[] = [...HEART_FINDINGS, ...LUNG_FINDINGS, ...QUALITY_FINDINGS];

/** Findings that make a recording abnormal when present (normal sounds and quality flags do not). */
export const NORMAL_FINDINGS: readonly Finding[] = ['normal-s1s2', 'vesicular'];

export const MURMUR_TIMINGS = [
  'early-systolic',
  'mid-systolic',
  'late-systolic',
  'holosystolic',
  'early-diastolic',
  'mid-diastolic',
  'late-diastolic',
  'holodiastolic',
  'continuous',
] as const;
export const MURMUR_SHAPES = ['crescendo', 'decrescendo', 'crescendo-decrescendo', 'plateau'] as const;
export const MURMUR_PITCHES = ['low', 'medium', 'high'] as const;
export const MURMUR_QUALITIES = ['blowing', 'harsh', 'musical', 'rumbling'] as const;
export type MurmurTiming = (typeof MURMUR_TIMINGS)[number];
export type MurmurShape = (typeof MURMUR_SHAPES)[number];
export type MurmurPitch = (typeof MURMUR_PITCHES)[number];
export type MurmurQuality = (typeof MURMUR_QUALITIES)[number];

/** Murmur description; any attribute may be missing when the source does not label it. */
export interface MurmurAttributes {
  phase: 'systolic' | 'diastolic' | 'continuous';
  timing?: MurmurTiming;
  shape?: MurmurShape;
  /** Levine grade 1–6 (diastolic murmurs in CirCor are graded I–IV on the same scale). */
  grade?: 1 | 2 | 3 | 4 | 5 | 6;
  pitch?: MurmurPitch;
  quality?: MurmurQuality;
  mostAudible?: HeartSite;
}

/** Event types that can be timed inside a recording: findings plus cardiac and respiratory phases. */
export type EventType = Finding | 'S1' | 'S2' | 'systole' | 'diastole' | 'inspiration' | 'expiration';
export interface TimedEvent {
  type: EventType;
  startS: number;
  endS: number;
}

export const DIAGNOSES = [
  'aortic-stenosis',
  'aortic-regurgitation',
  'mitral-regurgitation',
  'mitral-stenosis',
  'mitral-valve-prolapse',
  'pulmonic-stenosis',
  'tricuspid-regurgitation',
  'ventricular-septal-defect',
  'atrial-septal-defect',
  'patent-ductus-arteriosus',
  'pericarditis',
  'heart-failure',
  'atrial-fibrillation',
  'pneumonia',
  'bronchiolitis',
  'bronchitis',
  'asthma',
  'copd',
  'bronchiectasis',
  'pulmonary-fibrosis',
  'pleural-effusion',
  'upper-airway-obstruction',
  'urti',
  'lrti',
] as const;
export type Diagnosis = (typeof DIAGNOSES)[number];

export const AGE_GROUPS = ['neonate', 'infant', 'child', 'adolescent', 'adult'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];
export type Sex = 'female' | 'male';

export const SOURCES = [
  'circor',
  'sprsound',
  'yaseen',
  'pascal',
  'bmdhs',
  'kauh',
  'physionet2016',
  'icbhi',
  'manifest',
  'synth',
] as const;
export type SourceName = (typeof SOURCES)[number];
export type Split = 'train' | 'val' | 'test';

/** Everything known about one recording. Only what the source labels is asserted. */
export interface RecordingLabels {
  /** Unique within the corpus, e.g. "circor/9979_AV". */
  id: string;
  source: SourceName;
  /** Patient id, unique within the source (the corpus prefixes it with the source when splitting). */
  patient: string;
  domain: Domain;
  site: Site;
  /** Findings the labels assert as present. */
  findings: Finding[];
  /** true = normal, false = abnormal, null = the source could not tell (e.g. CirCor murmur "Unknown"). */
  normal: boolean | null;
  murmur?: MurmurAttributes;
  events: TimedEvent[];
  diagnosis: Diagnosis[];
  /** Clinical outcome where the source gives one separately from the sounds (CirCor "Outcome"). */
  outcome?: 'normal' | 'abnormal';
  ageGroup?: AgeGroup;
  sex?: Sex;
  /** Recording device where known (ICBHI file names, SPRSound Yunting, synthesizer's device model). */
  device?: string;
  /** Official split where the source defines one (SPRSound test sets). */
  officialSplit?: Split;
}

export function isHeartSite(s: string): s is HeartSite {
  return (HEART_SITES as readonly string[]).includes(s);
}
export function isLungSite(s: string): s is LungSite {
  return (LUNG_SITES as readonly string[]).includes(s);
}
export function isFinding(s: string): s is Finding {
  return (FINDINGS as readonly string[]).includes(s);
}
export function isDiagnosis(s: string): s is Diagnosis {
  return (DIAGNOSES as readonly string[]).includes(s);
}
