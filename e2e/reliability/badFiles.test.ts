// Unit matrix behind the e2e bad-file test: every generated file through the WAV decoder and the signal-quality
// check the import path uses. (The decoder's 20k-case fast-check fuzz lives in src/core/audio/wav.test.ts.)
import { describe, expect, it } from 'vitest';
import { decodeWav, WavError } from '../../src/core/audio/wav';
import { signalQuality, type QualityIssue } from '../../src/core/analysis/quality';
import { BAD_FILES } from './badFiles';

/** The quality issue (or decoder warning) each accepted-but-suspicious file must raise. */
const SUSPICION: Record<string, QualityIssue | RegExp> = {
  silence: 'silence',
  'dc-offset': 'dc-offset',
  clipping: 'clipping',
  'nan-inf': /NaN\/Infinity sample\(s\) replaced by 0/,
};

describe('bad and suspicious audio files', () => {
  for (const f of BAD_FILES) {
    it(`${f.id}: ${f.what}`, () => {
      const bytes = f.bytes();
      if (f.expect.kind === 'reject') {
        if (!f.fileName.endsWith('.wav')) {
          expect(String.fromCharCode(...bytes.subarray(0, 4))).not.toBe('RIFF'); // goes to the browser decoder
          return;
        }
        // The app prefixes the decoder's message with 'not a readable WAV file:'; the rest must name the defect.
        const defect = f.expect.message.source.replace(/^not a readable WAV file\.\*/, '');
        expect(() => decodeWav(bytes)).toThrow(WavError);
        expect(() => decodeWav(bytes)).toThrow(new RegExp(defect));
        return;
      }
      const t0 = performance.now();
      const d = decodeWav(bytes);
      const q = signalQuality(d.samples, d.sampleRateHz);
      const ms = performance.now() - t0;
      console.log(
        `[reliability] ${f.id}: ${(d.samples.length / d.sampleRateHz).toFixed(2)} s at ${d.sampleRateHz} Hz, ` +
          `${d.channels} ch; issues [${q.issues.join(', ')}], ${d.warnings.length} decoder warning(s); ${ms.toFixed(0)} ms`,
      );
      expect(d.samples.length / d.sampleRateHz).toBeCloseTo(f.expect.durationSec, 3);
      const suspicion = SUSPICION[f.id];
      if (f.expect.kind === 'accept') {
        expect(q.issues).toEqual([]);
        expect(d.warnings).toEqual([]);
      } else if (typeof suspicion === 'string') expect(q.issues).toContain(suspicion);
      else expect(d.warnings.join('\n')).toMatch(suspicion);
    });
  }
});
