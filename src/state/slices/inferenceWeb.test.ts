// URL parameters of the web wiring: only plain model ids reach the model URL, and answer-length limits are bounded.
import { describe, expect, it } from 'vitest';
import { maxNewTokensFrom, modelUrlFrom } from './inferenceWeb';

describe('inference web wiring', () => {
  it('takes ?model= only when it is a plain id', () => {
    const page = 'http://127.0.0.1:4173/';
    expect(modelUrlFrom('?model=tiny-random', 'auscult-v1', page)).toBe(`${page}models/tiny-random/`);
    expect(modelUrlFrom('', 'auscult-v1', page)).toBe(`${page}models/auscult-v1/`);
    expect(modelUrlFrom('?model=../../etc', 'auscult-v1', page)).toBe(`${page}models/auscult-v1/`);
    expect(modelUrlFrom('?model=https://evil.example/m', 'auscult-v1', page)).toBe(
      `${page}models/auscult-v1/`,
    );
  });
  it('puts the model folder beside the page, so a build served under a sub-path finds it', () => {
    const page = 'https://host.example/auscult/?model=tiny-random';
    expect(modelUrlFrom('?model=tiny-random', 'auscult-v1', page, './')).toBe(
      'https://host.example/auscult/models/tiny-random/',
    );
  });
  it('bounds ?maxNewTokens=', () => {
    expect(maxNewTokensFrom('?maxNewTokens=48')).toBe(48);
    expect(maxNewTokensFrom('?maxNewTokens=0')).toBeUndefined();
    expect(maxNewTokensFrom('?maxNewTokens=1e9')).toBeUndefined();
    expect(maxNewTokensFrom('')).toBeUndefined();
  });
});
