// Manifest validation: the shipped tiny-random manifest passes; each broken field is named in the error.
import { describe, expect, it } from 'vitest';
import type { ModelArchitecture } from './architecture';
import { tinyArchitecture } from './fixtures';
import { downloadBytes, ManifestError, manifestFile, validateManifest } from './manifest';

const hex = (c: string): string => c.repeat(64);
const architecture: ModelArchitecture = tinyArchitecture({
  encoder: { channels: [8, 16] },
  heads: { labels: ['wheeze', 'fine-crackles'] },
  decoder: { tieEmbeddings: true },
});
const files = [
  ['onnx/audio_encoder.onnx', 'a', 100],
  ['onnx/embed_tokens.onnx', 'b', 200],
  ['onnx/findings_head.onnx', 'c', 50],
  ['onnx/decoder_model_merged.onnx', 'd', 1000],
  ['onnx/decoder_model_merged_q4.onnx', 'e', 300],
  ['onnx/decoder_model_merged_quantized.onnx', 'f', 500],
  ['tokenizer.json', '1', 10],
  ['config.json', '2', 5],
] as const;
/** A complete, valid manifest as the exporter writes it. */
const valid = {
  format: 1,
  id: 'fixture',
  description: 'test fixture',
  files: files.map(([path, c, bytes]) => ({ path, sha256: hex(c), bytes })),
  parts: {
    audio_encoder: { fp32: 'onnx/audio_encoder.onnx' },
    embed_tokens: { fp32: 'onnx/embed_tokens.onnx' },
    findings_head: { fp32: 'onnx/findings_head.onnx' },
    decoder_model_merged: {
      fp32: 'onnx/decoder_model_merged.onnx',
      q4: 'onnx/decoder_model_merged_q4.onnx',
      q8: 'onnx/decoder_model_merged_quantized.onnx',
    },
  },
  defaultDtype: 'q4',
  quantization: { q4: { bits: 4, blockSize: 32, lmHead: false } },
  featureConfigHash: hex('9'),
  promptTemplateVersion: 'auscult-prompt-v1',
  tokenizer: {
    file: 'tokenizer.json',
    version: 'byte-level-v1',
    vocabSize: 263,
    audioTokenId: 4,
    eosTokenId: 2,
  },
  architecture,
  audioTokensPerWindow: 64,
  training: { stage: 'sft', step: 10, config: {} },
  evaluation: null,
  findings: {
    labels: ['wheeze', 'fine-crackles'],
    temperature: [1, 1.5],
    method: 'temperature',
    ece: 0.04,
    split: 'val',
  },
  licence: { model: 'research', attribution: [], notice: 'research use only' },
};

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests break fields freely
const clone = (): Json => JSON.parse(JSON.stringify(valid));

function errorFor(mutate: (m: Json) => void): string {
  const m = clone();
  mutate(m);
  try {
    validateManifest(m);
  } catch (e) {
    expect(e).toBeInstanceOf(ManifestError);
    return (e as Error).message;
  }
  return 'valid';
}

describe('validateManifest', () => {
  it('accepts a complete manifest', () => {
    const m = validateManifest(clone());
    expect(m.parts.decoder_model_merged.q4).toBe('onnx/decoder_model_merged_q4.onnx');
    expect(manifestFile(m, 'tokenizer.json').bytes).toBeGreaterThan(0);
  });

  it('names the offending field', () => {
    expect(errorFor((m) => (m.format = 2))).toMatch(/format must be 1/);
    expect(errorFor((m) => (m.files[0].sha256 = 'abc'))).toMatch(/files\[0\]\.sha256/);
    expect(errorFor((m) => (m.files[0].path = '../x'))).toMatch(/relative inside/);
    expect(errorFor((m) => (m.files = [...m.files, m.files[0]]))).toMatch(/listed twice/);
    expect(errorFor((m) => (m.parts.decoder_model_merged.q4 = 'onnx/missing.onnx'))).toMatch(
      /parts\.decoder_model_merged\.q4/,
    );
    expect(errorFor((m) => (m.parts.audio_encoder = {}))).toMatch(/parts\.audio_encoder\.fp32/);
    expect(errorFor((m) => (m.findings.temperature = [1]))).toMatch(/findings\.temperature/);
    expect(errorFor((m) => (m.architecture.decoder.numKvHeads = 3))).toMatch(/multiple of numKvHeads/);
    expect(errorFor((m) => (m.evaluation = 'good'))).toMatch(/evaluation/);
    expect(errorFor((m) => delete m.featureConfigHash)).toMatch(/featureConfigHash/);
    expect(
      errorFor(
        (m) =>
          (m.findings.heads = [{ label: 'wheeze', kind: 'finding', findings: ['wheeze'], domain: 'lung' }]),
      ),
    ).toMatch(/findings\.heads must hold one entry per label/);
  });

  it('accepts findings heads that name schema findings (format 1 stays: the field is optional)', () => {
    const m = clone();
    m.findings.heads = [
      { label: 'wheeze', kind: 'finding', findings: ['wheeze'], domain: 'lung' },
      { label: 'fine-crackles', kind: 'finding', findings: ['fine-crackles'], domain: 'lung' },
    ];
    expect(validateManifest(m).findings.heads?.[0].findings).toEqual(['wheeze']);
    m.findings.heads[1].findings = ['crackle'];
    expect(() => validateManifest(m)).toThrow(/findings\.heads\[1\]\.findings/);
  });
});

describe('downloadBytes', () => {
  it('counts one decoder variant plus every shared file', () => {
    const m = validateManifest(clone());
    const all = m.files.reduce((a, f) => a + f.bytes, 0);
    const dec = (d: 'fp32' | 'q4' | 'q8') => manifestFile(m, m.parts.decoder_model_merged[d]!).bytes;
    expect(downloadBytes(m, 'q4')).toBe(all - dec('fp32') - dec('q8'));
    expect(downloadBytes(m, 'q4')).toBeLessThan(downloadBytes(m, 'fp32'));
  });
});
