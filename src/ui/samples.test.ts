import { describe, expect, it } from 'vitest';
import { decodeWav } from '../core/audio/wav';
import { newExam, withRecording, type Exam } from '../core/clinical/exam';
import type { RecordingPatch } from '../core/clinical/recording';
import {
  SAMPLE_CONDITIONS,
  SAMPLE_DURATION_S,
  SYNTHETIC_ATTRIBUTION,
  createSampleExams,
  makeSample,
} from './samples';

describe('makeSample', () => {
  it('makes heart and lung samples of several conditions, marked synthetic, with their ground truth', () => {
    const made = SAMPLE_CONDITIONS.map((c) => makeSample(c, 1000));
    const domains = new Set(made.map((m) => m.meta.truth?.domain));
    expect(domains).toEqual(new Set(['heart', 'lung']));
    expect(made.filter((m) => m.meta.truth?.normal).length).toBeGreaterThanOrEqual(2);
    expect(made.filter((m) => m.meta.truth?.normal === false).length).toBeGreaterThanOrEqual(2);
    for (const { meta, wav } of made) {
      expect(meta.name).toMatch(/\(synthetic\)$/);
      expect(meta.truth?.attribution).toBe(SYNTHETIC_ATTRIBUTION);
      expect(meta.site).not.toBe('unknown');
      const d = decodeWav(wav);
      expect(d.samples.length / d.sampleRateHz).toBeCloseTo(SAMPLE_DURATION_S, 1);
      expect(meta.durationSec).toBeCloseTo(SAMPLE_DURATION_S, 1);
    }
  });

  it('gives an abnormal sample its abnormal findings, and a normal one none', () => {
    const as = makeSample('aortic-stenosis', 0).meta.truth;
    expect(as?.normal).toBe(false);
    expect(as?.findings).toContain('systolic-murmur');
    const normal = makeSample('normal-lung', 0).meta.truth;
    expect(normal).toMatchObject({ domain: 'lung', normal: true, findings: [] });
  });
});

describe('createSampleExams', () => {
  it('imports a synthetic recording into every site of a heart and a lung exam, each with its ground truth', async () => {
    const exams = new Map<string, Exam>();
    const truths = new Map<string, RecordingPatch>();
    const files: string[] = [];
    const ids = await createSampleExams({
      async createExam(protocol, fields) {
        const id = `exam-${exams.size}`;
        exams.set(id, { ...newExam(id, protocol, { ...fields, createdAtMs: 0 }) });
        return id;
      },
      async importIntoSite(examId, site, file) {
        files.push(file.name);
        const exam = exams.get(examId);
        if (exam) exams.set(examId, withRecording(exam, site, `rec-${files.length}`));
      },
      async editRecording(id, patch) {
        truths.set(id, patch);
      },
      exam: (id) => exams.get(id),
    });
    expect(ids).toHaveLength(2);
    expect(exams.get(ids[0])?.sites.every((s) => s.recordingId)).toBe(true);
    expect(exams.get(ids[1])?.sites.every((s) => s.recordingId)).toBe(true);
    expect(files).toHaveLength(4 + 6);
    expect(files[0]).toBe('Sample: aortic stenosis (synthetic) at aortic area.wav');
    const lungTruths = exams
      .get(ids[1])
      ?.sites.map((s) => [s.site, truths.get(s.recordingId ?? '')?.truth?.normal]);
    expect(lungTruths?.filter(([, normal]) => normal === false).map(([site]) => site)).toEqual([
      'posterior-right-lower',
      'posterior-left-lower',
    ]);
    for (const patch of truths.values()) expect(patch.truth?.attribution).toBe(SYNTHETIC_ATTRIBUTION);
  });
});
