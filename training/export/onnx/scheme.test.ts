// Quantization schemes: glob rules with the last match winning, strict parsing (typos fail), storage bits per weight.
import { describe, expect, it } from 'vitest';
import type { DecoderSpec } from '../../../src/core/manifest/architecture';
import { formatScheme, linearNames, modeFor, parseScheme, schemeBits, uniformScheme } from './scheme';

const spec: DecoderSpec = {
  vocabSize: 256,
  hiddenSize: 64,
  numLayers: 2,
  numHeads: 4,
  numKvHeads: 2,
  headDim: 16,
  intermediateSize: 128,
  maxPositions: 64,
  ropeTheta: 10000,
  rmsNormEps: 1e-5,
  tieEmbeddings: true,
};

describe('quantization schemes', () => {
  it('names every linear weight of the decoder, LM head last', () => {
    const names = linearNames(spec);
    expect(names).toHaveLength(2 * 7 + 1);
    expect(names.slice(0, 3)).toEqual(['layers.0.attn.q', 'layers.0.attn.k', 'layers.0.attn.v']);
    expect(names.at(-1)).toBe('lm_head');
  });

  it('applies the last matching rule; unmatched weights stay fp32', () => {
    const s = parseScheme('*=4/32,*.attn.*=8/16/asym,layers.1.attn.v=fp32', spec);
    expect(modeFor(s, 'layers.0.mlp.up')).toEqual({
      kind: 'nbits',
      bits: 4,
      blockSize: 32,
      asymmetric: false,
    });
    expect(modeFor(s, 'layers.0.attn.q')).toEqual({
      kind: 'nbits',
      bits: 8,
      blockSize: 16,
      asymmetric: true,
    });
    expect(modeFor(s, 'layers.1.attn.v')).toEqual({ kind: 'fp32' });
    expect(modeFor(parseScheme('*.mlp.*=4/32', spec), 'lm_head')).toEqual({ kind: 'fp32' });
    expect(formatScheme(s)).toBe('*=4/32,*.attn.*=8/16/asym,layers.1.attn.v=fp32');
    const g = parseScheme('*=4/32/gptq,*.mlp.*=4/32/asym/gptq-act', spec);
    expect(modeFor(g, 'layers.0.mlp.up')).toEqual({
      kind: 'nbits',
      bits: 4,
      blockSize: 32,
      asymmetric: true,
      gptq: true,
      actOrder: true,
    });
    expect(formatScheme(g)).toBe('*=4/32/gptq,*.mlp.*=4/32/asym/gptq-act');
  });

  it('rejects typos, bad modes and patterns that match nothing', () => {
    expect(() => parseScheme('*.atn.*=8/32', spec)).toThrow(/matches no decoder weight/);
    expect(() => parseScheme('*=3/32', spec)).toThrow(/mode must be/);
    expect(() => parseScheme('*=4/24', spec)).toThrow(/power of two/);
    expect(() => parseScheme('*=4/8', spec)).toThrow(/≥ 16/);
    expect(() => parseScheme('4/32', spec)).toThrow(/<glob>=<mode>/);
  });

  it('the uniform scheme is the former --block-size/--quantize-lm-head behaviour', () => {
    expect(formatScheme(uniformScheme(4, 32, false))).toBe('*=4/32,lm_head=fp32');
    expect(modeFor(uniformScheme(8, 16, true), 'lm_head')).toEqual({
      kind: 'nbits',
      bits: 8,
      blockSize: 16,
      asymmetric: false,
    });
  });

  it('counts storage bits per weight: codes + fp32 scale per block (+ zero point), fp32 weights at 32', () => {
    expect(schemeBits(parseScheme('*=4/32', spec), spec).bitsPerWeight).toBeCloseTo(4 + 32 / 32, 9);
    expect(schemeBits(parseScheme('*=4/16/asym', spec), spec).bitsPerWeight).toBeCloseTo(
      4 + (32 + 4) / 16,
      9,
    );
    const mixed = schemeBits(parseScheme('*=4/32,lm_head=fp32', spec), spec);
    const head = spec.hiddenSize * spec.vocabSize;
    const total = head + 2 * (64 * 64 * 2 + 64 * 32 * 2 + 64 * 128 * 3);
    expect(mixed.fp32Share).toBeCloseTo(head / total, 9);
    expect(mixed.bitsPerWeight).toBeCloseTo((32 * head + 5 * (total - head)) / total, 9);
  });
});
