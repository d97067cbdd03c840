// Knowledge base of auscultation findings: what each sounds like, when it occurs, where it is best heard, its
// mechanism and what it suggests. Used to write reasoning/differential answers; cites ./sources.
import type { Diagnosis, Finding } from '../schema';
import type { KbSourceId } from './sources';

export interface FindingInfo {
  /** Name used in generated answers ("systolic murmur"). */
  name: string;
  description: string;
  /** Where in the cardiac or respiratory cycle it occurs. */
  timing: string;
  bestHeard: string;
  mechanism: string;
  /** Diagnoses it points to, most typical first. Empty for normal sounds and quality flags. */
  suggests: Diagnosis[];
  sources: KbSourceId[];
}

export const FINDING_KB: Readonly<Record<Finding, FindingInfo>> = {
  'normal-s1s2': {
    name: 'normal S1 and S2',
    description: 'two crisp heart sounds per cycle with no added sounds',
    timing: 'S1 at the start of systole, S2 at the start of diastole',
    bestHeard: 'S1 at the apex, S2 at the base',
    mechanism: 'closure of the atrioventricular valves (S1) and of the semilunar valves (S2)',
    suggests: [],
    sources: ['bates'],
  },
  'systolic-murmur': {
    name: 'systolic murmur',
    description: 'a blowing or harsh sound between S1 and S2',
    timing: 'systole, between S1 and S2',
    bestHeard: 'at the base for outflow murmurs, at the apex or left sternal border for regurgitant murmurs',
    mechanism:
      'turbulent flow across a narrowed outflow valve, a regurgitant atrioventricular valve or a septal defect',
    suggests: [
      'aortic-stenosis',
      'mitral-regurgitation',
      'ventricular-septal-defect',
      'pulmonic-stenosis',
      'tricuspid-regurgitation',
      'mitral-valve-prolapse',
    ],
    sources: ['bates', 'constant', 'accaha2020'],
  },
  'diastolic-murmur': {
    name: 'diastolic murmur',
    description: 'a soft decrescendo or low rumbling sound after S2',
    timing: 'diastole, between S2 and the next S1',
    bestHeard:
      'left sternal border for regurgitant murmurs, apex in left lateral decubitus for a mitral rumble',
    mechanism:
      'backflow through an incompetent aortic or pulmonic valve, or flow through a narrowed mitral or tricuspid valve',
    suggests: ['aortic-regurgitation', 'mitral-stenosis'],
    sources: ['bates', 'constant', 'accaha2020'],
  },
  'continuous-murmur': {
    name: 'continuous murmur',
    description: 'a machinery-like sound that runs through S2 into diastole',
    timing: 'systole and diastole without a pause at S2',
    bestHeard: 'left infraclavicular area and upper left sternal border',
    mechanism: 'flow from a high- to a low-pressure vessel throughout the cycle, as through a patent ductus',
    suggests: ['patent-ductus-arteriosus'],
    sources: ['bates', 'constant'],
  },
  s3: {
    name: 'third heart sound (S3)',
    description: 'a dull low-pitched sound just after S2',
    timing: 'early diastole',
    bestHeard: 'apex with the bell, patient in left lateral decubitus',
    mechanism:
      'rapid ventricular filling into a dilated or volume-loaded ventricle (physiological in children and young adults)',
    suggests: ['heart-failure', 'mitral-regurgitation'],
    sources: ['bates', 'constant'],
  },
  s4: {
    name: 'fourth heart sound (S4)',
    description: 'a low-pitched sound just before S1',
    timing: 'late diastole (atrial contraction)',
    bestHeard: 'apex with the bell',
    mechanism: 'atrial contraction into a stiff, non-compliant ventricle',
    suggests: ['heart-failure', 'aortic-stenosis'],
    sources: ['bates', 'constant'],
  },
  'split-s2': {
    name: 'split S2',
    description: 'two audible components of the second heart sound',
    timing: 'start of diastole; physiological splitting widens on inspiration',
    bestHeard: 'pulmonic area',
    mechanism:
      'aortic and pulmonic valves closing at different times; fixed splitting suggests an atrial septal defect',
    suggests: ['atrial-septal-defect', 'pulmonic-stenosis'],
    sources: ['bates', 'constant'],
  },
  'ejection-click': {
    name: 'ejection click',
    description: 'a sharp high-pitched sound just after S1',
    timing: 'early systole',
    bestHeard: 'base of the heart (aortic or pulmonic area)',
    mechanism: 'abrupt opening of a deformed aortic or pulmonic valve, or a dilated great artery',
    suggests: ['aortic-stenosis', 'pulmonic-stenosis'],
    sources: ['bates', 'constant'],
  },
  'mid-systolic-click': {
    name: 'mid-systolic click',
    description:
      'a short high-pitched click in mid or late systole, often followed by a late systolic murmur',
    timing: 'mid to late systole',
    bestHeard: 'apex',
    mechanism: 'sudden tensing of a prolapsing mitral leaflet and its chordae',
    suggests: ['mitral-valve-prolapse'],
    sources: ['bates', 'constant'],
  },
  'opening-snap': {
    name: 'opening snap',
    description: 'a sharp high-pitched sound shortly after S2',
    timing: 'early diastole',
    bestHeard: 'between the apex and the left lower sternal border',
    mechanism: 'abrupt opening of a stenotic mitral valve',
    suggests: ['mitral-stenosis'],
    sources: ['bates', 'constant'],
  },
  'irregular-rhythm': {
    name: 'irregular rhythm',
    description: 'heart sounds at uneven intervals, or extra beats out of sequence',
    timing: 'throughout the recording',
    bestHeard: 'any site',
    mechanism: 'atrial fibrillation, ectopic (extra) beats or other arrhythmias',
    suggests: ['atrial-fibrillation'],
    sources: ['bates'],
  },
  'pericardial-rub': {
    name: 'pericardial friction rub',
    description: 'a scratchy, grating sound with up to three components per cycle',
    timing: 'systole and diastole, unrelated to breathing',
    bestHeard: 'left sternal border with the patient leaning forward',
    mechanism: 'inflamed pericardial layers rubbing together',
    suggests: ['pericarditis'],
    sources: ['bates'],
  },
  vesicular: {
    name: 'normal vesicular breath sounds',
    description: 'soft low-pitched sounds, louder and longer in inspiration than in expiration',
    timing: 'inspiration and early expiration',
    bestHeard: 'over most of the lung fields',
    mechanism: 'airflow in the airways filtered by normally aerated lung',
    suggests: [],
    sources: ['bates', 'pasterkamp2016'],
  },
  bronchial: {
    name: 'bronchial breath sounds',
    description: 'loud, high-pitched, hollow sounds with a long expiratory phase',
    timing: 'inspiration and expiration, with a gap between them',
    bestHeard: 'normally only over the trachea and manubrium; elsewhere abnormal',
    mechanism: 'airless (consolidated) lung transmitting tracheal sounds to the chest wall',
    suggests: ['pneumonia', 'pleural-effusion'],
    sources: ['bates', 'bohadana2014'],
  },
  'fine-crackles': {
    name: 'fine crackles',
    description: 'brief, soft, high-pitched discontinuous sounds',
    timing: 'late inspiration',
    bestHeard: 'the lung bases, posteriorly',
    mechanism: 'sudden opening of small airways that closed during expiration',
    suggests: ['pneumonia', 'pulmonary-fibrosis', 'heart-failure'],
    sources: ['pasterkamp2016', 'bohadana2014'],
  },
  'coarse-crackles': {
    name: 'coarse crackles',
    description: 'louder, lower-pitched, longer discontinuous sounds',
    timing: 'early inspiration and expiration',
    bestHeard: 'anywhere over the lungs, often changing after a cough',
    mechanism: 'air bubbling through secretions in larger airways',
    suggests: ['bronchiectasis', 'pneumonia', 'bronchitis', 'lrti'],
    sources: ['pasterkamp2016', 'bohadana2014'],
  },
  wheeze: {
    name: 'wheeze',
    description: 'a continuous, musical, high-pitched sound',
    timing: 'mainly expiration',
    bestHeard: 'over the lung fields, sometimes at the mouth',
    mechanism: 'airflow through narrowed airways making their walls oscillate',
    suggests: ['asthma', 'bronchiolitis', 'copd', 'bronchitis'],
    sources: ['pasterkamp2016', 'bohadana2014'],
  },
  rhonchi: {
    name: 'rhonchi',
    description: 'low-pitched continuous snoring sounds',
    timing: 'expiration or both phases, often clearing with a cough',
    bestHeard: 'over the large airways',
    mechanism: 'secretions or narrowing in the larger bronchi',
    suggests: ['bronchitis', 'pneumonia', 'copd', 'lrti'],
    sources: ['pasterkamp2016', 'bohadana2014'],
  },
  stridor: {
    name: 'stridor',
    description: 'a loud, high-pitched continuous sound, louder over the neck than the chest',
    timing: 'mainly inspiration',
    bestHeard: 'over the trachea and neck',
    mechanism: 'narrowing of the larynx or extrathoracic trachea',
    suggests: ['upper-airway-obstruction', 'urti'],
    sources: ['bates', 'bohadana2014'],
  },
  'pleural-rub': {
    name: 'pleural friction rub',
    description: 'a creaking or grating sound like leather rubbing',
    timing: 'inspiration and expiration, stops when breathing is held',
    bestHeard: 'the lower lateral chest wall',
    mechanism: 'inflamed pleural surfaces sliding over each other',
    suggests: ['pleural-effusion', 'pneumonia'],
    sources: ['bates', 'pasterkamp2016'],
  },
  'poor-quality': {
    name: 'poor recording quality',
    description: 'noise, friction or missing signal that hides the body sounds',
    timing: 'throughout or in parts of the recording',
    bestHeard: 'not applicable',
    mechanism: 'stethoscope movement, ambient noise, crying or poor skin contact',
    suggests: [],
    sources: ['circor', 'sprsound'],
  },
};
