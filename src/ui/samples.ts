// "Try a sample": heart and lung recordings of several conditions made on this device by the project's synthesizer
// (src/core/synth), stored like imports, named and noted as synthetic, and carrying their ground truth; and two
// sample exams (a heart exam at the four valve areas, a lung exam at six zones) made of such recordings.
import { encodeWav16 } from '../core/audio/wav';
import { EXAM_PROTOCOLS, type Exam } from '../core/clinical/exam';
import { NORMAL_FINDINGS, type Site } from '../core/clinical/schema';
import { siteName } from '../core/clinical/sites';
import { synthesizeCondition, type SynthCondition } from '../core/synth';
import type { RecordingMeta, RecordingPatch } from '../core/clinical/recording';
import { saveMadeRecording } from '../state/recordingFiles';

/** Two heart sounds and two lung sounds of each kind: normal and abnormal, so every task has something to say. */
export const SAMPLE_CONDITIONS: readonly SynthCondition[] = [
  'normal-heart',
  'aortic-stenosis',
  'mitral-regurgitation',
  'normal-lung',
  'pneumonia',
  'asthma',
];
/** Two model windows (10.24 s each) and a bit: long enough for rates, short enough to make in a blink. */
export const SAMPLE_DURATION_S = 22;
export const SAMPLE_RATE_HZ = 4000;
/** A fixed seed per sample: everyone who tries the samples hears the same recordings. */
const SAMPLE_SEED = 17;

export const SYNTHETIC_ATTRIBUTION =
  'Synthetic — generated on this device by Auscult’s heart and lung sound synthesizer (no patient).';

export function sampleName(condition: SynthCondition): string {
  return `Sample: ${condition.replaceAll('-', ' ')} (synthetic)`;
}

/** One sample's metadata and WAV bytes; `createdAtMs` orders the library (the first sample newest). */
export function makeSample(
  condition: SynthCondition,
  createdAtMs: number,
  site?: Site,
): { meta: RecordingMeta; wav: Uint8Array } {
  const r = synthesizeCondition(condition, {
    seed: SAMPLE_SEED,
    durationS: SAMPLE_DURATION_S,
    sampleRateHz: SAMPLE_RATE_HZ,
    site,
  });
  const findings = r.labels.findings.filter((f) => f !== 'poor-quality' && !NORMAL_FINDINGS.includes(f));
  const meta: RecordingMeta = {
    id: crypto.randomUUID(),
    name: sampleName(condition),
    createdAtMs,
    durationSec: r.samples.length / r.sampleRateHz,
    sampleRateHz: r.sampleRateHz,
    site: r.labels.site,
    notes: `Synthetic sample of ${condition.replaceAll('-', ' ')}, seed ${SAMPLE_SEED}; the ground truth comes from the synthesizer.`,
    source: 'import',
    status: 'importing',
    originalName: `${condition}.synthetic.wav`,
    originalType: 'audio/wav',
    truth: {
      domain: r.labels.domain,
      normal: r.labels.normal ?? findings.length === 0,
      findings,
      attribution: SYNTHETIC_ATTRIBUTION,
    },
  };
  return { meta, wav: encodeWav16(r.samples, r.sampleRateHz) };
}

/** Synthesizes and stores every sample; returns them as stored, in library order (newest first). */
export async function createSamples(nowMs = Date.now()): Promise<RecordingMeta[]> {
  const stored: RecordingMeta[] = [];
  for (const [i, condition] of SAMPLE_CONDITIONS.entries()) {
    const { meta, wav } = makeSample(condition, nowMs - i);
    stored.push(await saveMadeRecording(meta, wav));
    // let the page paint between samples: each takes the main thread for a moment
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return stored;
}

/** A sample exam: its sequence and, per site, the condition synthesized there (heard as it sounds at that site). */
export interface SampleExam {
  protocol: 'heart-4' | 'lung-6';
  label: string;
  conditionAt(site: Site): SynthCondition;
}

export const SAMPLE_EXAMS: readonly SampleExam[] = [
  {
    protocol: 'heart-4',
    label: 'Sample exam: aortic stenosis (synthetic)',
    conditionAt: () => 'aortic-stenosis',
  },
  {
    protocol: 'lung-6',
    label: 'Sample exam: crackles at both bases (synthetic)',
    conditionAt: (site) => (site.endsWith('-lower') ? 'pulmonary-fibrosis' : 'normal-lung'),
  },
];

/** The store actions a sample exam is made with (the exam slice's guided import, then the ground truth). */
export interface SampleExamActions {
  createExam(protocol: SampleExam['protocol'], fields: { label: string; notes?: string }): Promise<string>;
  importIntoSite(examId: string, site: Site, file: File): Promise<void>;
  editRecording(id: string, patch: RecordingPatch): Promise<void>;
  exam(id: string): Exam | undefined;
}

/** Makes each sample exam through the same import path as a user's files; returns the exams' ids. */
export async function createSampleExams(app: SampleExamActions): Promise<string[]> {
  const ids: string[] = [];
  for (const spec of SAMPLE_EXAMS) {
    const id = await app.createExam(spec.protocol, {
      label: spec.label,
      notes: 'Synthetic recordings made on this device; each carries its ground truth.',
    });
    for (const site of EXAM_PROTOCOLS[spec.protocol].sites) {
      const condition = spec.conditionAt(site);
      const { meta, wav } = makeSample(condition, 0, site);
      const name = `${sampleName(condition)} at ${siteName(site)}`;
      await app.importIntoSite(
        id,
        site,
        new File([wav.slice().buffer], `${name}.wav`, { type: 'audio/wav' }),
      );
      const recordingId = app.exam(id)?.sites.find((s) => s.site === site)?.recordingId;
      if (recordingId) await app.editRecording(recordingId, { truth: meta.truth, notes: meta.notes });
    }
    ids.push(id);
  }
  return ids;
}
