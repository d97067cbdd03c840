// Audio normalization for the corpus: any readable WAV → mono → the model's sample rate → 16-bit PCM WAV bytes.
import { decodeWav, encodeWav16 } from '../../src/core/audio/wav';
import { FEATURE_CONFIG } from '../../src/core/features/config';
import { toModelRate } from '../../src/core/features/logmel';

export interface NormalizedAudio {
  wav: Uint8Array;
  durationS: number;
  sourceRateHz: number;
  warnings: string[];
}

/**
 * SPRSound's WAV headers declare blockAlign 4 for 16-bit mono PCM while byteRate (2 bytes per frame) and the data
 * agree on 2. The decoder rightly rejects that; this repairs exactly that inconsistency in a copy, and says so.
 */
export function repairBlockAlign(bytes: Uint8Array): { bytes: Uint8Array; repaired: boolean } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let pos = 12; pos + 8 <= bytes.length;) {
    const id = String.fromCharCode(...bytes.subarray(pos, pos + 4));
    const size = view.getUint32(pos + 4, true);
    if (id === 'fmt ' && size >= 16 && pos + 24 <= bytes.length) {
      const channels = view.getUint16(pos + 10, true);
      const rateHz = view.getUint32(pos + 12, true);
      const byteRate = view.getUint32(pos + 16, true);
      const bits = view.getUint16(pos + 22, true);
      const frame = (channels * bits) / 8;
      if (view.getUint16(pos + 20, true) === frame || byteRate !== rateHz * frame)
        return { bytes, repaired: false };
      const copy = bytes.slice();
      new DataView(copy.buffer).setUint16(pos + 20, frame, true);
      return { bytes: copy, repaired: true };
    }
    pos += 8 + size + (size & 1);
  }
  return { bytes, repaired: false };
}

/** Decodes (mono mixdown), resamples to FEATURE_CONFIG.sampleRateHz and re-encodes as 16-bit WAV. Throws WavError. */
export function normalizeWav(original: Uint8Array): NormalizedAudio {
  const { bytes, repaired } = repairBlockAlign(original);
  const decoded = decodeWav(bytes);
  const samples = toModelRate(decoded.samples, decoded.sampleRateHz);
  return {
    wav: encodeWav16(samples, FEATURE_CONFIG.sampleRateHz),
    durationS: samples.length / FEATURE_CONFIG.sampleRateHz,
    sourceRateHz: decoded.sampleRateHz,
    warnings: repaired
      ? ['header blockAlign disagreed with channels × bits and byteRate: repaired', ...decoded.warnings]
      : decoded.warnings,
  };
}

/** Normalizes model-rate or other-rate samples produced in memory (the synthesizer). */
export function normalizeSamples(
  samples: Float32Array,
  rateHz: number,
): { wav: Uint8Array; durationS: number } {
  const atModelRate = toModelRate(samples, rateHz);
  return {
    wav: encodeWav16(atModelRate, FEATURE_CONFIG.sampleRateHz),
    durationS: atModelRate.length / FEATURE_CONFIG.sampleRateHz,
  };
}
