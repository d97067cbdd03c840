// GPTQ calibration on a random tiny model and generated audio: the calibration decoder's taps are the real layer inputs
// (the LM-head tap reproduces the logits), every linear layer gets a symmetric K×K Σxxᵀ, and a /gptq export runs.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav16 } from '../../src/core/audio/wav';
import type { BenchItem } from '../../src/core/tasks/types';
import { exportModel, DEFAULT_EXPORT_OPTIONS } from './export';
import { decoderHessians } from './hessians';
import { fromRandom } from './inputs';
import { buildDecoder } from './onnx/decoder';
import { linearNames, parseScheme } from './onnx/scheme';
import { OrtModel } from './ort-model';

const input = fromRandom('tiny', 'gptq-test', 3);
const spec = input.architecture.decoder;
let dir = '';
const item = (i: number): BenchItem => ({
  id: `t${i}`,
  task: 'classification',
  split: 'train',
  domain: 'heart',
  source: 'synth',
  recordings: ['a'],
  audio: ['a.wav'],
  site: 'MV',
  instruction: `Is this heart sound normal? (${i})`,
  response: 'Yes, normal heart sounds.',
  template: 'classification/01',
  labels: [
    {
      id: 'a',
      source: 'synth',
      patient: 'p',
      domain: 'heart',
      site: 'MV',
      findings: [],
      normal: true,
      events: [],
      diagnosis: [],
    },
  ],
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'auscult-gptq-'));
  const samples = Float32Array.from(
    { length: 4000 * 3 },
    (_, i) => 0.3 * Math.sin(i / 7) * Math.exp(-(i % 4000) / 400),
  );
  await writeFile(path.join(dir, 'a.wav'), encodeWav16(samples, 4000));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('GPTQ calibration', () => {
  it('the LM-head tap times the head weights reproduces the logits', async () => {
    const taps = new Map<string, string>();
    const session = await ort.InferenceSession.create(buildDecoder(spec, input.weights, [], { taps }));
    expect([...taps.keys()]).toEqual(linearNames(spec));
    const S = 3;
    const feeds: Record<string, ort.Tensor> = {
      inputs_embeds: new ort.Tensor(
        'float32',
        Float32Array.from({ length: S * spec.hiddenSize }, (_, i) => Math.sin(i)),
        [1, S, spec.hiddenSize],
      ),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(S).fill(1n), [1, S]),
      position_ids: new ort.Tensor('int64', BigInt64Array.of(0n, 1n, 2n), [1, S]),
    };
    for (let i = 0; i < spec.numLayers; i++)
      for (const t of ['key', 'value'])
        feeds[`past_key_values.${i}.${t}`] = new ort.Tensor('float32', new Float32Array(0), [
          1,
          spec.numKvHeads,
          0,
          spec.headDim,
        ]);
    const out = await session.run(feeds);
    const x = out[taps.get('lm_head')!].data as Float32Array;
    expect(spec.tieEmbeddings).toBe(false); // the tiny preset: lm_head.weight [D, vocab]
    const w = input.weights.get('lm_head.weight')!.data;
    let diff = 0;
    for (let s = 0; s < S; s++)
      for (let v = 0; v < spec.vocabSize; v++) {
        let y = 0;
        for (let d = 0; d < spec.hiddenSize; d++) y += x[s * spec.hiddenSize + d] * w[d * spec.vocabSize + v];
        diff = Math.max(diff, Math.abs(y - (out.logits.data as Float32Array)[s * spec.vocabSize + v]));
      }
    expect(diff).toBeLessThan(1e-4);
    await session.release();
  });

  it('collects Σxxᵀ per linear layer and a /gptq export records it and runs', async () => {
    const h = await decoderHessians(input, [item(0), item(1)], dir);
    expect(h.items).toBe(2);
    for (const name of linearNames(spec)) {
      const m = h.hessians.get(name)!;
      const k = name.endsWith('.down')
        ? spec.intermediateSize
        : name.endsWith('.o')
          ? spec.numHeads * spec.headDim
          : spec.hiddenSize;
      expect(m.length).toBe(k * k);
      expect(m[k + 2]).toBeCloseTo(m[2 * k + 1], 6);
      expect(m[0]).toBeGreaterThan(0);
    }
    const out = path.join(dir, 'model');
    const calibration = { source: 'generated', items: h.items, tokens: h.tokens };
    const schemes = {
      ...DEFAULT_EXPORT_OPTIONS.schemes,
      q4: parseScheme('*=4/32/asym/gptq,lm_head=fp32', spec),
    };
    const m = await exportModel(input, out, {
      ...DEFAULT_EXPORT_OPTIONS,
      schemes,
      gptq: { hessians: h.hessians, calibration },
    });
    expect(m.quantization.q4).toMatchObject({
      scheme: '*=4/32/asym/gptq,lm_head=fp32',
      gptqCalibration: calibration,
    });
    expect(m.quantization.q8?.gptqCalibration).toBeUndefined();
    const q4 = await OrtModel.load(out, 'q4');
    expect((await q4.greedy(await q4.embedIds([1, 5, 6]), 3)).length).toBeGreaterThan(0);
    await q4.release();
  });
});

describe('GPTQ calibration on long items', () => {
  it('truncates an item longer than the rotary table, as training does, instead of failing', async () => {
    const long = { ...item(9), response: 'normal heart sounds with no murmur. '.repeat(200) };
    const h = await decoderHessians(input, [long], dir);
    console.log(
      `long item: ${h.tokens} tokens kept of a longer sequence (maxPositions ${spec.maxPositions})`,
    );
    expect(h.tokens).toBe(spec.maxPositions);
  });
});
