// Phrase patterns that name findings, diagnoses, sites and verdicts in free text. The parser reads answers with
// them; the renderer's wording (knowledge-base names) must be matched by them (checked by the round-trip test).
import type { Diagnosis, Finding, HeartSite, LungAspect, LungLevel, LungSide } from '../clinical/schema';

/** Findings plus generic words that name a family ("murmur", "crackles", "rub") without saying which. */
export type LexFinding = Finding | 'murmur' | 'crackles' | 'rub';

const NOT_LINK = '(?:(?!and\\b|or\\b|but\\b|no\\b|with\\b|click)[a-z0-9-]+ ){0,3}';
const rx = (s: string) => new RegExp(s, 'gi');

/** Specific patterns first; overlapping generic matches are dropped by the parser (longest match wins). */
export const FINDING_LEXICON: readonly [LexFinding, RegExp][] = [
  ['mid-systolic-click', rx('\\b(?:mid-? ?|late )?systolic clicks?\\b|\\bnon-?ejection clicks?\\b')],
  ['ejection-click', rx('\\b(?:systolic )?ejection clicks?\\b')],
  ['continuous-murmur', rx(`\\bcontinuous ${NOT_LINK}murmurs?\\b|\\bmachinery(?:-like)? murmurs?\\b`)],
  [
    'systolic-murmur',
    rx(
      `\\b(?:holo|pan|early[- ]?|mid-? ?|late[- ]?)?systolic ${NOT_LINK}murmurs?\\b|\\bejection murmurs?\\b`,
    ),
  ],
  [
    'diastolic-murmur',
    rx(`\\b(?:holo|early[- ]?|mid-? ?|late[- ]?)?diastolic ${NOT_LINK}(?:murmurs?|rumbles?)\\b`),
  ],
  ['murmur', rx('\\bmurmurs?\\b')],
  ['s3', rx('\\bS3\\b|\\bthird heart sounds?\\b|\\bventricular gallop\\b|\\bprotodiastolic gallop\\b')],
  ['s4', rx('\\bS4\\b|\\bfourth heart sounds?\\b|\\batrial gallop\\b|\\bpresystolic gallop\\b')],
  [
    'split-s2',
    rx('\\bsplit(?:ting of| of)? (?:the )?(?:S2|second heart sound)\\b|\\b(?:widely |fixed )?split S2\\b'),
  ],
  ['opening-snap', rx('\\bopening snaps?\\b')],
  [
    'irregular-rhythm',
    rx(
      '\\birregular(?:ly irregular)? (?:heart )?(?:rhythm|beats?|rate)\\b|\\barrhythmias?\\b|\\bextrasystoles?\\b|\\bectopic beats?\\b|\\bextra beats?\\b|\\brhythm is irregular\\b',
    ),
  ],
  ['pericardial-rub', rx('\\bpericardial (?:friction )?rubs?\\b')],
  ['pleural-rub', rx('\\bpleural (?:friction )?rubs?\\b')],
  ['rub', rx('\\b(?:friction )?rubs?\\b')],
  ['bronchial', rx('\\bbronchial (?:breath(?:ing)? sounds?|breathing)\\b')],
  [
    'vesicular',
    rx(
      '\\bvesicular(?: breath(?:ing)? sounds?)?\\b|\\bnormal breath(?:ing)? sounds?\\b|\\bclear breath sounds?\\b',
    ),
  ],
  [
    'fine-crackles',
    rx('\\bfine (?:inspiratory )?(?:crackles?|crepitations?|rales)\\b|\\bvelcro crackles\\b'),
  ],
  ['coarse-crackles', rx('\\bcoarse (?:inspiratory )?(?:crackles?|crepitations?|rales)\\b')],
  ['crackles', rx('\\bcrackles?\\b|\\bcrepitations?\\b|\\brales\\b')],
  ['wheeze', rx('\\bwheez(?:e|es|ing|y)\\b')],
  ['rhonchi', rx('\\brhonch(?:i|us)\\b')],
  ['stridor', rx('\\bstridor\\b')],
  [
    'normal-s1s2',
    rx(
      '\\bnormal (?:S1 and S2|heart sounds|first and second heart sounds)\\b|\\bS1 and S2 (?:are )?normal\\b',
    ),
  ],
  [
    'poor-quality',
    rx(
      '\\bpoor(?:-| )quality\\b|\\b(?:too )?noisy\\b|\\bartifacts?\\b|\\bartefacts?\\b|\\bquality is (?:too )?(?:poor|low)\\b',
    ),
  ],
];

export const DIAGNOSIS_LEXICON: readonly [Diagnosis, RegExp][] = [
  ['aortic-stenosis', rx('\\baortic (?:valve )?stenosis\\b')],
  ['aortic-regurgitation', rx('\\baortic (?:valve )?(?:regurgitation|insufficiency)\\b')],
  ['mitral-regurgitation', rx('\\bmitral (?:valve )?(?:regurgitation|insufficiency)\\b')],
  ['mitral-stenosis', rx('\\bmitral (?:valve )?stenosis\\b')],
  ['mitral-valve-prolapse', rx('\\bmitral (?:valve )?prolapse\\b|\\bMVP\\b')],
  ['pulmonic-stenosis', rx('\\bpulmon(?:ic|ary) (?:valve )?stenosis\\b')],
  ['tricuspid-regurgitation', rx('\\btricuspid (?:valve )?(?:regurgitation|insufficiency)\\b')],
  ['ventricular-septal-defect', rx('\\bventricular septal defect\\b|\\bVSD\\b')],
  ['atrial-septal-defect', rx('\\batrial septal defect\\b|\\bASD\\b')],
  ['patent-ductus-arteriosus', rx('\\bpatent ductus(?: arteriosus)?\\b|\\bPDA\\b')],
  ['pericarditis', rx('\\bpericarditis\\b')],
  ['heart-failure', rx('\\b(?:congestive )?heart failure\\b|\\bCHF\\b')],
  ['atrial-fibrillation', rx('\\batrial fibrillation\\b|\\bAF\\b|\\bA-?fib\\b')],
  ['pneumonia', rx('\\bpneumonia\\b')],
  ['bronchiolitis', rx('\\bbronchiolitis\\b')],
  ['bronchitis', rx('\\bbronchitis\\b')],
  ['asthma', rx('\\basthma\\b')],
  ['copd', rx('\\bCOPD\\b|\\bchronic obstructive pulmonary disease\\b|\\bemphysema\\b')],
  ['bronchiectasis', rx('\\bbronchiectasis\\b')],
  ['pulmonary-fibrosis', rx('\\b(?:pulmonary|lung) fibrosis\\b|\\binterstitial lung disease\\b')],
  ['pleural-effusion', rx('\\bpleural effusion\\b')],
  ['upper-airway-obstruction', rx('\\bupper airway obstruction\\b|\\bcroup\\b')],
  ['urti', rx('\\bupper respiratory (?:tract )?infection\\b|\\bURTI\\b')],
  ['lrti', rx('\\blower respiratory (?:tract )?infection\\b|\\bLRTI\\b')],
];

const AREA = '(?:area|region|position|focus|site|valve area)';
export const HEART_SITE_LEXICON: readonly [HeartSite, RegExp][] = [
  [
    'AV',
    new RegExp(
      `\\bAV\\b|\\baortic ${AREA}\\b|\\bright upper sternal border\\b|\\bsecond right intercostal`,
      'g',
    ),
  ],
  [
    'PV',
    new RegExp(
      `\\bPV\\b|\\bpulmon(?:ic|ary) ${AREA}\\b|\\bleft upper sternal border\\b|\\bsecond left intercostal`,
      'g',
    ),
  ],
  ['TV', new RegExp(`\\bTV\\b|\\btricuspid ${AREA}\\b|\\bleft lower sternal border\\b`, 'g')],
  ['MV', new RegExp(`\\bMV\\b|\\bmitral ${AREA}\\b|\\b(?:cardiac )?apex\\b|\\bapical\\b`, 'g')],
  ['Phc', new RegExp('\\bPhc\\b|\\bother site\\b', 'g')],
];

export const LUNG_SIDE_RX = /\b(left|right)\b/gi;
export const LUNG_ASPECT_WORDS: Readonly<Record<string, LungAspect>> = {
  anterior: 'anterior',
  front: 'anterior',
  posterior: 'posterior',
  back: 'posterior',
  lateral: 'lateral',
};
export const LUNG_LEVEL_WORDS: Readonly<Record<string, LungLevel>> = {
  upper: 'upper',
  middle: 'middle',
  lower: 'lower',
  basal: 'lower',
  base: 'lower',
};
export type { LungSide };

/** Words that deny what follows them in the same clause ("no murmur", "without crackles"). */
export const NEGATION_BEFORE =
  /\b(?:no|not|nothing|without|absent|absence of|denies|negative for|free of|rules? out|ruled out|none|neither|nor|never|lack of|no evidence of|cannot hear|can't hear|do not hear|does not have|is not|are not|isn't|aren't)\b/gi;
/** Words after a finding that deny it ("crackles are absent"). */
export const NEGATION_AFTER =
  /^[^.;]{0,30}?\b(?:absent|not (?:heard|present|detected|audible|seen)|ruled out|excluded)\b/i;
/** Hedges turn an assertion into a possibility, which the scorer does not count as a detection. */
export const HEDGE =
  /\b(?:possible|possibly|maybe|perhaps|may|might|could|cannot (?:be )?(?:exclude|excluded|rule out|ruled out)|can't (?:exclude|rule out)|not (?:be )?(?:excluded|ruled out)|questionable|equivocal|suspected|suspicious for|unclear whether|uncertain whether)\b/i;
/** Hedges after a finding ("crackles cannot be excluded"). */
export const HEDGE_AFTER =
  /^[^.;,]{0,30}?\b(?:cannot be (?:excluded|ruled out)|can't be (?:excluded|ruled out)|(?:is|are) not (?:excluded|ruled out)|(?:is|are) (?:possible|possibly present|suspected|questionable))\b/i;
/** Cues that the answer refuses to judge the sound (poor quality, advise to re-record). */
export const UNCERTAIN =
  /\b(?:re-?record|record again|repeat (?:the )?recording|new recording|cannot (?:be )?(?:determine|determined|assess|assessed|judge|judged|tell|classify|classified)|can't (?:determine|assess|judge|tell)|unable to (?:determine|assess|judge|tell|classify)|inconclusive|indeterminate|not (?:possible|able) to (?:judge|tell|determine|classify)|uncertain|unclear)\b/i;
/** Cues that the answer declines an out-of-scope request. */
export const DECLINE =
  /\b(?:I can(?:not|'t) (?:help|answer|provide|advise|prescribe|do that|write)|outside (?:of )?(?:my|the) scope|out of (?:my )?scope|beyond (?:my|the) scope|not able to (?:help|answer|provide|advise|prescribe)|I only (?:analy[sz]e|answer|interpret)|only answer questions about|please (?:ask|consult) (?:a|your) (?:clinician|doctor|pharmacist))/i;
