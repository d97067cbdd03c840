// Hand-made corpus entries covering every kind of label the sources produce (normal, each finding, murmur
// attributes, timed events, labeled diagnoses, unknown, poor quality). Used by tests here and in training/.
import type { CorpusEntry } from '../clinical/corpus';
import {
  HEART_FINDINGS,
  HEART_SITES,
  LUNG_FINDINGS,
  NORMAL_FINDINGS,
  type Finding,
  type MurmurAttributes,
  type RecordingLabels,
} from '../clinical/schema';

type Extra = Partial<RecordingLabels> & { findings: Finding[] };
const isNormal = (f: Finding): boolean => NORMAL_FINDINGS.includes(f);

function entry(
  id: string,
  domain: 'heart' | 'lung',
  extra: Extra,
  split: CorpusEntry['split'] = 'train',
): CorpusEntry {
  return {
    id,
    source: domain === 'heart' ? 'circor' : 'sprsound',
    patient: id.split('_')[0],
    domain,
    site: domain === 'heart' ? 'AV' : 'posterior-left',
    normal: !extra.findings.some((f) => !isNormal(f)),
    events: [],
    diagnosis: [],
    audio: `audio/${id}.wav`,
    durationS: 10,
    split,
    ...extra,
  };
}

const MURMURS: MurmurAttributes[] = [
  {
    phase: 'systolic',
    timing: 'holosystolic',
    shape: 'plateau',
    grade: 2,
    pitch: 'high',
    quality: 'blowing',
    mostAudible: 'MV',
  },
  {
    phase: 'systolic',
    timing: 'mid-systolic',
    shape: 'crescendo-decrescendo',
    grade: 3,
    quality: 'harsh',
    mostAudible: 'AV',
  },
  { phase: 'systolic', timing: 'early-systolic', shape: 'decrescendo', grade: 1, mostAudible: 'TV' },
  {
    phase: 'diastolic',
    timing: 'early-diastolic',
    shape: 'decrescendo',
    grade: 2,
    quality: 'blowing',
    mostAudible: 'PV',
  },
  { phase: 'diastolic', timing: 'mid-diastolic', pitch: 'low', quality: 'rumbling', mostAudible: 'MV' },
  { phase: 'systolic' },
];

const S1 = [0.1, 0.9, 1.7, 2.5, 3.3].map((t) => ({ type: 'S1' as const, startS: t, endS: t + 0.1 }));

/**
 * One entry per heart finding that the sections above do not cover: every one but the normal sounds and the
 * murmurs, then the continuous murmur (it has no MURMURS entry). The order sets the entries' ids.
 */
const HEART_ONLY: Finding[] = [
  ...HEART_FINDINGS.filter((f) => !isNormal(f) && !f.endsWith('-murmur')),
  'continuous-murmur',
];
/** One entry per lung finding but the normal (vesicular) sound, in the schema's order. */
const LUNG_ONLY: Finding[] = LUNG_FINDINGS.filter((f) => !isNormal(f));

function heartFixtures(): CorpusEntry[] {
  return [
    ...HEART_SITES.map((s, i) =>
      entry(`h${i}_${s}`, 'heart', { site: s, findings: ['normal-s1s2'], events: S1 }),
    ),
    ...MURMURS.map((m, i) =>
      entry(`hm${i}_${m.mostAudible ?? 'AV'}`, 'heart', {
        site: m.mostAudible ?? 'AV',
        findings: [m.phase === 'diastolic' ? 'diastolic-murmur' : 'systolic-murmur'],
        murmur: m,
      }),
    ),
    ...HEART_ONLY.map((f, i) => entry(`hf${i}_TV`, 'heart', { site: 'TV', findings: [f] })),
    entry('hu0_MV', 'heart', { site: 'MV', findings: [], normal: null }),
    entry('hq0_AV', 'heart', { findings: ['poor-quality'], normal: null }),
    entry('y0_unknown', 'heart', {
      source: 'yaseen',
      site: 'unknown',
      findings: ['systolic-murmur'],
      diagnosis: ['aortic-stenosis'],
    }),
    entry('y1_unknown', 'heart', {
      source: 'yaseen',
      site: 'unknown',
      findings: ['diastolic-murmur'],
      diagnosis: ['mitral-stenosis'],
    }),
    entry('y2_unknown', 'heart', {
      source: 'yaseen',
      site: 'unknown',
      findings: ['mid-systolic-click', 'systolic-murmur'],
      diagnosis: ['mitral-valve-prolapse'],
    }),
    entry('p0_unknown', 'heart', { source: 'pascal', site: 'unknown', findings: [], normal: false }),
    entry('p1_unknown', 'heart', { source: 'pascal', site: 'unknown', findings: ['irregular-rhythm'] }),
  ];
}

function lungFixtures(): CorpusEntry[] {
  return [
    ...['posterior-left', 'lateral-right', 'posterior-right-lower', 'trachea'].map((s, i) =>
      entry(`l${i}_x`, 'lung', { site: s as RecordingLabels['site'], findings: ['vesicular'] }),
    ),
    ...LUNG_ONLY.map((f, i) =>
      entry(`lf${i}_x`, 'lung', {
        site: i % 2 ? 'posterior-right' : 'lateral-left',
        findings: [f],
        ageGroup: i % 3 ? 'child' : 'adult',
        events: [
          { type: f, startS: 1.2, endS: 1.9 },
          { type: f, startS: 4, endS: 4.6 },
        ],
      }),
    ),
    entry('lc0_x', 'lung', { findings: ['fine-crackles', 'wheeze'], ageGroup: 'infant' }),
    entry('lc1_x', 'lung', { findings: ['coarse-crackles', 'rhonchi'], ageGroup: 'adult' }),
    entry('lq0_x', 'lung', { findings: ['poor-quality'], normal: null }),
  ];
}

export function fixtureEntries(): CorpusEntry[] {
  return [...heartFixtures(), ...lungFixtures()];
}
