// Range reads of a saved recording through the real storage code (fake-indexeddb): the samples of a range, as range
// playback reads them, equal that slice of a whole-file decode (max |Δ| printed), and the WAV comes back as its Blob.
import { IDBFactory, IDBKeyRange as FakeKeyRange } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecordingMeta } from '../core/clinical/recording';
import { decodeWav, encodeWav16 } from '../core/audio/wav';

const RATE_HZ = 8000;
const meta: RecordingMeta = {
  id: 'r1',
  name: 'tone',
  createdAtMs: 1,
  durationSec: 0,
  sampleRateHz: RATE_HZ,
  site: 'unknown',
  notes: '',
  source: 'import',
  status: 'importing',
};
const wav = encodeWav16(
  Float32Array.from({ length: 3.5 * RATE_HZ }, (_, i) => 0.7 * Math.sin(i / 5) * Math.cos(i / 977)),
  RATE_HZ,
);

describe('recording files', () => {
  beforeEach(() => {
    vi.resetModules(); // db.ts keeps one connection per module instance
    vi.stubGlobal('indexedDB', new IDBFactory());
    vi.stubGlobal('IDBKeyRange', FakeKeyRange);
  });

  it('reads a range of a saved recording equal to the slice of the whole decode', async () => {
    const files = await import('./recordingFiles');
    await files.saveMadeRecording(meta, wav);
    const whole = decodeWav(wav).samples;
    for (const [fromS, seconds] of [
      [0, 0.5],
      [1.25, 0.4],
      [3.3, 2], // runs past the end: clamped
    ]) {
      const got = await files.readRecordingRange('r1', { fromS, seconds });
      if (!got) throw new Error('no audio');
      const from = Math.round(fromS * RATE_HZ);
      const want = whole.slice(from, Math.min(whole.length, from + Math.round(seconds * RATE_HZ)));
      expect(got.sampleRateHz).toBe(RATE_HZ);
      expect(got.samples).toHaveLength(want.length);
      let d = 0;
      for (let i = 0; i < want.length; i++) d = Math.max(d, Math.abs(got.samples[i] - want[i]));
      console.log(`range ${fromS}+${seconds} s: ${want.length} samples, max |Δ| vs whole decode ${d}`);
      expect(d).toBe(0);
    }
    expect(await files.readRecordingRange('missing', { fromS: 0, seconds: 1 })).toBeNull();
  });

  it('gives the stored WAV as a Blob with the same bytes', async () => {
    const files = await import('./recordingFiles');
    await files.saveMadeRecording(meta, wav);
    const blob = await files.recordingWavBlob('r1');
    expect(blob).toBeInstanceOf(Blob);
    expect(new Uint8Array(await (blob as Blob).arrayBuffer())).toEqual(wav);
    expect(await files.recordingWavBlob('missing')).toBeNull();
  });
});
