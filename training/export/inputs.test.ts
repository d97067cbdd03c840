// Export inputs: temperatures training stored in checkpoint metrics become the manifest's calibration.
import { describe, expect, it } from 'vitest';
import { checkpointCalibration, fromRandom } from './inputs';

describe('checkpointCalibration', () => {
  it('takes temperature.<label> for every label, or nothing when any is missing', () => {
    const metrics = { 'temperature.murmur': 1.7, 'temperature.wheeze': 0.8, 'valAuc.murmur': 0.9 };
    expect(checkpointCalibration(['murmur', 'wheeze'], metrics)).toEqual({
      temperature: [1.7, 0.8],
      method: 'temperature',
      ece: null,
      split: 'val',
    });
    expect(checkpointCalibration(['murmur', 'stridor'], metrics)).toBeUndefined();
    expect(checkpointCalibration(['murmur'], undefined)).toBeUndefined();
  });
});

describe('fromRandom', () => {
  it('rejects unknown presets and builds a matching tokenizer/decoder vocabulary', () => {
    expect(() => fromRandom('huge', 'x', 1)).toThrow(/tiny or default/);
    const input = fromRandom('tiny', 'x', 1);
    expect(input.architecture.decoder.vocabSize).toBe(
      Object.keys(JSON.parse(input.tokenizerJson).model.vocab).length,
    );
  });
});
