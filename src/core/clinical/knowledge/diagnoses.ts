// Knowledge base of diagnoses: the findings that typically point to each, where they are heard, the feature that
// favours it, and the diagnoses to weigh against it. Differential answers are derived from this table.
import type { Diagnosis, Domain, Finding, HeartSite, MurmurTiming } from '../schema';
import type { KbSourceId } from './sources';

export interface DiagnosisInfo {
  name: string;
  domain: Domain;
  typicalFindings: Finding[];
  /** Heart sites where its murmur is loudest (heart diagnoses with a murmur). */
  sites?: HeartSite[];
  /** Murmur timings typical of it. */
  timings?: MurmurTiming[];
  /** One phrase: the feature that favours this diagnosis ("a crescendo-decrescendo murmur at the aortic area"). */
  favouredBy: string;
  differentials: Diagnosis[];
  sources: KbSourceId[];
}

const VALVE: KbSourceId[] = ['bates', 'constant', 'accaha2020'];
const LUNG: KbSourceId[] = ['bates', 'pasterkamp2016', 'bohadana2014'];

export const DIAGNOSIS_KB: Readonly<Record<Diagnosis, DiagnosisInfo>> = {
  'aortic-stenosis': {
    name: 'aortic stenosis',
    domain: 'heart',
    typicalFindings: ['systolic-murmur', 'ejection-click', 's4'],
    sites: ['AV'],
    timings: ['mid-systolic', 'early-systolic'],
    favouredBy: 'a harsh crescendo-decrescendo mid-systolic murmur loudest at the aortic area',
    differentials: ['pulmonic-stenosis', 'mitral-regurgitation', 'ventricular-septal-defect'],
    sources: VALVE,
  },
  'aortic-regurgitation': {
    name: 'aortic regurgitation',
    domain: 'heart',
    typicalFindings: ['diastolic-murmur'],
    sites: ['AV', 'PV'],
    timings: ['early-diastolic', 'holodiastolic'],
    favouredBy: 'a blowing decrescendo early diastolic murmur at the left sternal border',
    differentials: ['mitral-stenosis', 'patent-ductus-arteriosus'],
    sources: VALVE,
  },
  'mitral-regurgitation': {
    name: 'mitral regurgitation',
    domain: 'heart',
    typicalFindings: ['systolic-murmur', 's3'],
    sites: ['MV'],
    timings: ['holosystolic', 'late-systolic'],
    favouredBy: 'a blowing holosystolic plateau murmur loudest at the apex (mitral area)',
    differentials: [
      'tricuspid-regurgitation',
      'ventricular-septal-defect',
      'aortic-stenosis',
      'mitral-valve-prolapse',
    ],
    sources: VALVE,
  },
  'mitral-stenosis': {
    name: 'mitral stenosis',
    domain: 'heart',
    typicalFindings: ['diastolic-murmur', 'opening-snap'],
    sites: ['MV'],
    timings: ['mid-diastolic', 'late-diastolic'],
    favouredBy: 'a low-pitched rumbling mid-diastolic murmur at the apex, often after an opening snap',
    differentials: ['aortic-regurgitation', 'atrial-septal-defect'],
    sources: VALVE,
  },
  'mitral-valve-prolapse': {
    name: 'mitral valve prolapse',
    domain: 'heart',
    typicalFindings: ['mid-systolic-click', 'systolic-murmur'],
    sites: ['MV'],
    timings: ['late-systolic'],
    favouredBy: 'a mid-systolic click and a late systolic murmur at the apex',
    differentials: ['mitral-regurgitation', 'aortic-stenosis'],
    sources: VALVE,
  },
  'pulmonic-stenosis': {
    name: 'pulmonic stenosis',
    domain: 'heart',
    typicalFindings: ['systolic-murmur', 'ejection-click', 'split-s2'],
    sites: ['PV'],
    timings: ['mid-systolic'],
    favouredBy: 'a crescendo-decrescendo systolic murmur at the pulmonic area with a widely split S2',
    differentials: ['atrial-septal-defect', 'aortic-stenosis', 'ventricular-septal-defect'],
    sources: VALVE,
  },
  'tricuspid-regurgitation': {
    name: 'tricuspid regurgitation',
    domain: 'heart',
    typicalFindings: ['systolic-murmur'],
    sites: ['TV'],
    timings: ['holosystolic'],
    favouredBy: 'a holosystolic murmur at the left lower sternal border that increases on inspiration',
    differentials: ['mitral-regurgitation', 'ventricular-septal-defect'],
    sources: VALVE,
  },
  'ventricular-septal-defect': {
    name: 'ventricular septal defect',
    domain: 'heart',
    typicalFindings: ['systolic-murmur'],
    sites: ['TV', 'PV'],
    timings: ['holosystolic'],
    favouredBy: 'a harsh holosystolic murmur at the left lower sternal border',
    differentials: ['mitral-regurgitation', 'tricuspid-regurgitation', 'pulmonic-stenosis'],
    sources: ['bates', 'constant'],
  },
  'atrial-septal-defect': {
    name: 'atrial septal defect',
    domain: 'heart',
    typicalFindings: ['split-s2', 'systolic-murmur'],
    sites: ['PV'],
    timings: ['mid-systolic'],
    favouredBy: 'fixed splitting of S2 with a soft pulmonic flow murmur',
    differentials: ['pulmonic-stenosis', 'ventricular-septal-defect'],
    sources: ['bates', 'constant'],
  },
  'patent-ductus-arteriosus': {
    name: 'patent ductus arteriosus',
    domain: 'heart',
    typicalFindings: ['continuous-murmur'],
    sites: ['PV'],
    timings: ['continuous'],
    favouredBy: 'a continuous machinery murmur below the left clavicle',
    differentials: ['aortic-regurgitation', 'ventricular-septal-defect'],
    sources: ['bates', 'constant'],
  },
  pericarditis: {
    name: 'pericarditis',
    domain: 'heart',
    typicalFindings: ['pericardial-rub'],
    favouredBy: 'a scratchy three-component friction rub',
    differentials: ['heart-failure'],
    sources: ['bates'],
  },
  'heart-failure': {
    name: 'heart failure',
    domain: 'heart',
    typicalFindings: ['s3', 's4', 'fine-crackles'],
    favouredBy: 'an S3 gallop, often with basal crackles',
    differentials: ['mitral-regurgitation', 'pneumonia', 'pulmonary-fibrosis'],
    sources: ['bates', 'constant'],
  },
  'atrial-fibrillation': {
    name: 'atrial fibrillation',
    domain: 'heart',
    typicalFindings: ['irregular-rhythm'],
    favouredBy: 'an irregularly irregular rhythm with varying S1 intensity',
    differentials: ['heart-failure'],
    sources: ['bates'],
  },
  pneumonia: {
    name: 'pneumonia',
    domain: 'lung',
    typicalFindings: ['fine-crackles', 'coarse-crackles', 'bronchial', 'pleural-rub'],
    favouredBy: 'localized inspiratory crackles, sometimes with bronchial breathing',
    differentials: ['bronchiolitis', 'bronchitis', 'heart-failure', 'pleural-effusion'],
    sources: LUNG,
  },
  bronchiolitis: {
    name: 'bronchiolitis',
    domain: 'lung',
    typicalFindings: ['wheeze', 'fine-crackles'],
    favouredBy: 'diffuse wheeze with fine crackles in an infant',
    differentials: ['asthma', 'pneumonia', 'urti'],
    sources: LUNG,
  },
  bronchitis: {
    name: 'bronchitis',
    domain: 'lung',
    typicalFindings: ['rhonchi', 'coarse-crackles', 'wheeze'],
    favouredBy: 'rhonchi or coarse crackles that change after coughing',
    differentials: ['pneumonia', 'asthma', 'copd'],
    sources: LUNG,
  },
  asthma: {
    name: 'asthma',
    domain: 'lung',
    typicalFindings: ['wheeze'],
    favouredBy: 'widespread expiratory wheeze',
    differentials: ['bronchiolitis', 'copd', 'bronchitis', 'upper-airway-obstruction'],
    sources: LUNG,
  },
  copd: {
    name: 'chronic obstructive pulmonary disease',
    domain: 'lung',
    typicalFindings: ['wheeze', 'rhonchi', 'coarse-crackles'],
    favouredBy: 'quiet breath sounds with expiratory wheeze in an adult',
    differentials: ['asthma', 'bronchiectasis', 'heart-failure'],
    sources: LUNG,
  },
  bronchiectasis: {
    name: 'bronchiectasis',
    domain: 'lung',
    typicalFindings: ['coarse-crackles', 'rhonchi', 'wheeze'],
    favouredBy: 'persistent coarse crackles over the same area',
    differentials: ['pneumonia', 'copd', 'pulmonary-fibrosis'],
    sources: LUNG,
  },
  'pulmonary-fibrosis': {
    name: 'pulmonary fibrosis',
    domain: 'lung',
    typicalFindings: ['fine-crackles'],
    favouredBy: 'fine "velcro" late-inspiratory crackles at both bases',
    differentials: ['heart-failure', 'pneumonia', 'bronchiectasis'],
    sources: LUNG,
  },
  'pleural-effusion': {
    name: 'pleural effusion',
    domain: 'lung',
    typicalFindings: ['bronchial', 'pleural-rub'],
    favouredBy: 'reduced breath sounds, with bronchial breathing or a rub at the upper edge',
    differentials: ['pneumonia', 'heart-failure'],
    sources: LUNG,
  },
  'upper-airway-obstruction': {
    name: 'upper airway obstruction',
    domain: 'lung',
    typicalFindings: ['stridor'],
    favouredBy: 'inspiratory stridor loudest over the neck',
    differentials: ['asthma', 'urti'],
    sources: LUNG,
  },
  urti: {
    name: 'upper respiratory tract infection',
    domain: 'lung',
    typicalFindings: ['stridor', 'rhonchi'],
    favouredBy: 'transmitted upper-airway sounds with clear lung fields',
    differentials: ['lrti', 'bronchiolitis', 'upper-airway-obstruction'],
    sources: LUNG,
  },
  lrti: {
    name: 'lower respiratory tract infection',
    domain: 'lung',
    typicalFindings: ['coarse-crackles', 'fine-crackles', 'rhonchi', 'wheeze'],
    favouredBy: 'crackles or rhonchi over the lung fields',
    differentials: ['pneumonia', 'bronchitis', 'bronchiolitis'],
    sources: LUNG,
  },
};
