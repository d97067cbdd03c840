// URL parameters of the web wiring: only plain model ids reach the model URL, and answer-length limits are bounded.
import { describe, expect, it } from 'vitest';
import { maxNewTokensFrom, modelUrlFrom } from './inferenceWeb';

describe('inference web wiring', () => {
  it('takes ?model= only when it is a plain id', () => {
    expect(modelUrlFrom('?model=tiny-random', 'auscult-v1')).toBe('/models/tiny-random/');
    expect(modelUrlFrom('', 'auscult-v1')).toBe('/models/auscult-v1/');
    expect(modelUrlFrom('?model=../../etc', 'auscult-v1')).toBe('/models/auscult-v1/');
    expect(modelUrlFrom('?model=https://evil.example/m', 'auscult-v1')).toBe('/models/auscult-v1/');
  });
  it('bounds ?maxNewTokens=', () => {
    expect(maxNewTokensFrom('?maxNewTokens=48')).toBe(48);
    expect(maxNewTokensFrom('?maxNewTokens=0')).toBeUndefined();
    expect(maxNewTokensFrom('?maxNewTokens=1e9')).toBeUndefined();
    expect(maxNewTokensFrom('')).toBeUndefined();
  });
});
