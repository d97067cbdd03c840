// The per-band encoder normalisation (architecture encoder.norm 'band'): the exported ONNX graph matches training's
// tfjs forward, and the properties it exists for hold on the exported model: a gain or a fixed filter response (an
// additive constant per mel band) leaves the audio tokens unchanged, and bands below the floor are one constant.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_CONFIG } from '../../src/core/features/config';
import type { ModelArchitecture } from '../../src/core/manifest/architecture';
import { encode, headLogits, normalize } from '../model/encoder';
import { audioTokens } from '../model/lm';
import { mulberry32 } from '../model/params';
import { toVars } from '../model/vars';
import { DEFAULT_EXPORT_OPTIONS, exportModel } from './export';
import { OrtModel } from './ort-model';
import { randomInput } from './inputs';
import { presetArchitecture, randomWeights } from './random';
import { byteLevelTokenizer } from './tokenizer';

const tokenizer = byteLevelTokenizer();
const base = presetArchitecture('tiny', tokenizer.vocabSize, FEATURE_CONFIG.windowFrames);
const arch: ModelArchitecture = { ...base, encoder: { ...base.encoder, norm: 'band', floorNepers: 8 } };
const WEIGHT_SEED = 11;
const weights = randomWeights(arch, WEIGHT_SEED);
const { nMels, windowFrames } = arch.encoder;
let dir = '';
let model: OrtModel;

/** Log-mel-like window: a loud low band falling to quiet high bands, with noise. */
function window(seed: number): Float32Array {
  const r = mulberry32(seed);
  return Float32Array.from(
    { length: nMels * windowFrames },
    (_, i) => -2 - (Math.floor(i / windowFrames) / nMels) * 6 + 2 * r(),
  );
}

const maxAbsDiff = (a: Float32Array, b: Float32Array) =>
  a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'auscult-band-norm-'));
  await exportModel(
    randomInput({ id: 'band-norm', description: 'band norm test', architecture: arch, seed: WEIGHT_SEED }),
    dir,
    { ...DEFAULT_EXPORT_OPTIONS, defaultDtype: 'fp32' },
  );
  model = await OrtModel.load(dir, 'fp32');
});

afterAll(async () => {
  await model?.release();
  await rm(dir, { recursive: true, force: true });
});

describe("encoder norm 'band'", () => {
  it('the exported encoder and findings head match the tfjs forward (max |Δ| ≤ 1e-4)', async () => {
    const w = window(1);
    const vars = toVars(weights);
    const mels = tf.tensor3d(w, [1, nMels, windowFrames]);
    const encDiff = maxAbsDiff(
      audioTokens(vars, arch, mels).dataSync() as Float32Array,
      await model.encode(w, 1),
    );
    const refHead = headLogits(vars, encode(vars, arch, mels)).dataSync() as Float32Array;
    const out = await model.findingsHead.run({
      audio_values: new ort.Tensor('float32', w, [1, nMels, windowFrames]),
    });
    const headDiff = maxAbsDiff(refHead, out.finding_logits.data as Float32Array);
    console.log(
      `band norm parity: audio tokens max|Δ| ${encDiff.toExponential(2)}, findings logits max|Δ| ${headDiff.toExponential(2)}`,
    );
    expect(encDiff).toBeLessThanOrEqual(1e-4);
    expect(headDiff).toBeLessThanOrEqual(1e-4);
  });

  it('a gain and a fixed per-band response leave the exported audio tokens unchanged', async () => {
    const w = window(2);
    const eq = Float32Array.from(w, (v, i) => v + 1.5 + Math.sin(Math.floor(i / windowFrames) / 5));
    const ref = await model.encode(w, 1);
    const diff = maxAbsDiff(ref, await model.encode(eq, 1));
    const scale = ref.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    console.log(
      `band norm: gain + EQ changes audio tokens by max|Δ| ${diff.toExponential(2)} (tokens up to ${scale.toFixed(2)})`,
    );
    expect(diff).toBeLessThanOrEqual(1e-4 * Math.max(1, scale));
  });

  it('bands a recording never captured become exactly 0 after the floor, however far below it they sit', () => {
    const w = window(3);
    const cut = 40; // bands 40.. lost, as above a 2 kHz recorder's Nyquist
    const deep = Float32Array.from(w, (v, i) => (Math.floor(i / windowFrames) >= cut ? -23 + (i % 3) : v));
    const shallow = Float32Array.from(w, (v, i) => (Math.floor(i / windowFrames) >= cut ? -14 - (i % 5) : v));
    const a = normalize(tf.tensor3d(deep, [1, nMels, windowFrames]), arch.encoder).dataSync();
    const b = normalize(tf.tensor3d(shallow, [1, nMels, windowFrames]), arch.encoder).dataSync();
    let lost = 0;
    for (let i = cut * windowFrames; i < a.length; i++) lost = Math.max(lost, Math.abs(a[i]), Math.abs(b[i]));
    expect(lost).toBe(0);
    expect(maxAbsDiff(a as Float32Array, b as Float32Array)).toBeLessThanOrEqual(1e-6);
  });
});
