// An exam archive reads back as the same exam with byte-identical recordings, credits its labelled recordings once,
// and refuses archives that are not Auscult exams.
import { describe, expect, it } from 'vitest';
import { newExam, withRecording } from '../clinical/exam';
import { readExamArchive, writeExamArchive } from './archive';
import { readZip, writeZip } from './zip';

const wav = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) & 0xff);

function sample() {
  let exam = newExam('e1', 'heart-4', { label: 'Case 3', createdAtMs: 1_765_000_000_000, ageGroup: 'child' });
  exam = withRecording(exam, 'AV', 'r1');
  exam = withRecording(exam, 'MV', 'r2');
  const credit = 'CirCor DigiScope 2022, ODC-By 1.0';
  const recordings = [
    {
      meta: {
        id: 'r1',
        name: '13918_AV',
        site: 'AV' as const,
        truth: { attribution: credit },
        durationSec: 2,
      },
      wav: wav(4000, 1),
    },
    {
      meta: { id: 'r2', name: '13918_MV', site: 'MV' as const, truth: { attribution: credit } },
      wav: wav(5000, 2),
    },
  ];
  return { exam, recordings };
}

describe('exam archive', () => {
  it('reads back the same exam and byte-identical recordings, with report, FHIR and attribution beside them', () => {
    const { exam, recordings } = sample();
    const zip = writeExamArchive(exam, recordings, {
      reportLines: ['Exam: Case 3'],
      fhir: { resourceType: 'Bundle' },
    });
    const back = readExamArchive(zip);
    expect(back.exam).toEqual(exam);
    expect(back.recordings).toEqual(recordings);
    const names = readZip(zip).map((e) => e.name);
    expect(names).toEqual([
      'exam.json',
      'recordings/01-AV.wav',
      'recordings/02-MV.wav',
      'report.txt',
      'fhir-bundle.json',
      'ATTRIBUTION.txt',
    ]);
    const credits = new TextDecoder().decode(readZip(zip).at(-1)?.bytes);
    expect(credits).toBe(
      'Recordings from open datasets:\nCirCor DigiScope 2022, ODC-By 1.0 — aortic area, mitral area\n',
    );
  });

  it('refuses a zip that is not an exam, and one that misses a recording', () => {
    expect(() => readExamArchive(writeZip([{ name: 'a.txt', bytes: new Uint8Array(1) }]))).toThrow(
      /no exam.json/,
    );
    const { exam, recordings } = sample();
    const entries = readZip(writeExamArchive(exam, recordings, { reportLines: [], fhir: {} })).filter(
      (e) => e.name !== 'recordings/02-MV.wav',
    );
    expect(() => readExamArchive(writeZip(entries))).toThrow(
      'The archive lists recordings/02-MV.wav but does not hold it.',
    );
  });

  it('carries each imported file as it came in, byte for byte, beside its decoded WAV', () => {
    const { exam, recordings } = sample();
    // an MP3-like original for the aortic area (arbitrary bytes, 0x00 and 0xff included), none for the mitral one
    const mp3 = Uint8Array.from({ length: 3001 }, (_, i) => (i * 131 + 7) & 0xff);
    const withOriginal = [
      {
        ...recordings[0],
        meta: { ...recordings[0].meta, originalName: 'BP31_N,N,P L M,27,F.mp3' },
        original: mp3,
      },
      recordings[1],
    ];
    const zip = writeExamArchive(exam, withOriginal, { reportLines: [], fhir: {} });
    const entry = readZip(zip).find((e) => e.name.startsWith('originals/'));
    expect(entry?.name).toBe('originals/01-AV-BP31_N_N_P_L_M_27_F.mp3');
    expect(entry?.bytes).toEqual(mp3);
    expect(readZip(zip).filter((e) => e.name.startsWith('originals/'))).toHaveLength(1);
    const back = readExamArchive(zip);
    expect(back.recordings[0].original).toEqual(mp3);
    expect(back.recordings[0].wav).toEqual(recordings[0].wav);
    expect(back.recordings[1]).not.toHaveProperty('original');
    // an archive that lists an original but lacks it is refused
    const broken = readZip(zip).filter((e) => !e.name.startsWith('originals/'));
    expect(() => readExamArchive(writeZip(broken))).toThrow(
      'The archive lists originals/01-AV-BP31_N_N_P_L_M_27_F.mp3 but does not hold it.',
    );
  });
});
