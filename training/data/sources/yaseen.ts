// Yaseen 2018 adapter: {AS,MR,MS,MVP,N}_New/*.wav. The class folder gives the diagnosis; the murmur attributes are
// the textbook ones for that lesion (docs/labels.md). No patient ids exist, so each file is its own patient.
import path from 'node:path';
import type { Diagnosis, Finding, MurmurAttributes } from '../../../src/core/clinical/schema';
import type { SourceAdapter, SourceListing } from './types';
import { filesWithExt, isDir, stem } from './util';

interface ClassLabels {
  findings: Finding[];
  normal: boolean;
  diagnosis: Diagnosis[];
  murmur?: MurmurAttributes;
}

export const YASEEN_CLASSES: Readonly<Record<string, ClassLabels>> = {
  N: { findings: ['normal-s1s2'], normal: true, diagnosis: [] },
  AS: {
    findings: ['systolic-murmur'],
    normal: false,
    diagnosis: ['aortic-stenosis'],
    murmur: { phase: 'systolic', shape: 'crescendo-decrescendo' },
  },
  MR: {
    findings: ['systolic-murmur'],
    normal: false,
    diagnosis: ['mitral-regurgitation'],
    murmur: { phase: 'systolic', timing: 'holosystolic' },
  },
  MS: {
    findings: ['diastolic-murmur'],
    normal: false,
    diagnosis: ['mitral-stenosis'],
    murmur: { phase: 'diastolic', timing: 'mid-diastolic', quality: 'rumbling' },
  },
  MVP: {
    findings: ['mid-systolic-click', 'systolic-murmur'],
    normal: false,
    diagnosis: ['mitral-valve-prolapse'],
    murmur: { phase: 'systolic', timing: 'late-systolic' },
  },
};

async function list(root: string): Promise<SourceListing> {
  const out: SourceListing = { records: [], issues: [] };
  for (const [cls, labels] of Object.entries(YASEEN_CLASSES)) {
    const dir = path.join(root, `${cls}_New`);
    const wavs = filesWithExt(dir, '.wav');
    if (wavs.length === 0) {
      out.issues.push({
        source: 'yaseen',
        kind: 'missing-audio',
        file: `${cls}_New`,
        message: 'class folder missing or empty',
      });
    }
    for (const wav of wavs) {
      const name = stem(wav);
      out.records.push({
        audioPath: path.join(dir, wav),
        labels: {
          id: `yaseen/${name}`,
          source: 'yaseen',
          patient: name,
          domain: 'heart',
          site: 'unknown',
          findings: [...labels.findings],
          normal: labels.normal,
          ...(labels.murmur ? { murmur: { ...labels.murmur } } : {}),
          events: [],
          diagnosis: [...labels.diagnosis],
        },
      });
    }
  }
  return out;
}

export const yaseen: SourceAdapter = {
  name: 'yaseen',
  folder: 'yaseen',
  detect: (root) => Object.keys(YASEEN_CLASSES).some((c) => isDir(path.join(root, `${c}_New`))),
  list,
};
