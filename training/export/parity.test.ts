// Parity of the exported ONNX model (onnxruntime-node) with training's tfjs forward, KV-cache decode with full-sequence
// decode, and quantized greedy decoding with fp32 — on a random tiny checkpoint built in memory.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_CONFIG } from '../../src/core/features/config';
import { audioTokensPerWindow } from '../../src/core/manifest/architecture';
import { formatPrompt } from '../../src/core/tasks/prompt';
import { decoderHidden, lmLogits } from '../model/decoder';
import { encode, headLogits } from '../model/encoder';
import { audioTokens } from '../model/lm';
import { toVars, type Vars } from '../model/vars';
import { DEFAULT_EXPORT_OPTIONS, exportModel } from './export';
import { OrtModel } from './ort-model';
import { greedyAgreement, NEAR_TIE_LOGITS, type GreedyReference } from './parity';
import { mulberry32 } from '../model/params';
import { randomInput } from './inputs';
import { presetArchitecture, randomWeights } from './random';
import { byteLevelTokenizer } from './tokenizer';

const tokenizer = byteLevelTokenizer();
const arch = presetArchitecture('tiny', tokenizer.vocabSize, FEATURE_CONFIG.windowFrames);
const WEIGHT_SEED = 7;
const weights = randomWeights(arch, WEIGHT_SEED);
const { nMels, windowFrames } = arch.encoder;
const D = arch.decoder.hiddenSize;
let dir = '';
let vars: Vars;
const models: Partial<Record<'fp32' | 'q4' | 'q8', OrtModel>> = {};

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Log-mel-like windows: values in [-12, 0] with a per-window offset. */
function randomWindows(n: number, seed: number): Float32Array {
  const r = mulberry32(seed);
  return Float32Array.from({ length: n * nMels * windowFrames }, (_, i) => -12 * r() + (i % 7) * 0.1);
}

function promptIds(instruction: string, recordings: number): number[] {
  const recs = Array.from({ length: recordings }, () => ({ domain: 'heart' as const, site: 'MV' as const }));
  return tokenizer.encode(
    formatPrompt({ instruction, recordings: recs, audioTokensPerRecording: audioTokensPerWindow(arch) }),
  );
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'auscult-parity-'));
  await exportModel(
    randomInput({ id: 'parity', description: 'parity test', architecture: arch, seed: WEIGHT_SEED }),
    dir,
    { ...DEFAULT_EXPORT_OPTIONS, defaultDtype: 'fp32' },
  );
  for (const d of ['fp32', 'q4', 'q8'] as const) models[d] = await OrtModel.load(dir, d);
  vars = toVars(weights);
});

afterAll(async () => {
  for (const m of Object.values(models)) await m?.release();
  await rm(dir, { recursive: true, force: true });
});

describe('exported ONNX vs training forward (tfjs)', () => {
  it('audio encoder + projector and findings head match', async () => {
    const windows = randomWindows(1, 1);
    const mels = tf.tensor3d(windows, [1, nMels, windowFrames]);
    const ref = audioTokens(vars, arch, mels).dataSync() as Float32Array;
    const got = await models.fp32!.encode(windows, 1);
    const encDiff = maxAbsDiff(ref, got);
    const refHead = headLogits(vars, encode(vars, arch, mels)).dataSync() as Float32Array;
    const out = await models.fp32!.findingsHead.run({
      audio_values: new ort.Tensor('float32', windows, [1, nMels, windowFrames]),
    });
    const headDiff = maxAbsDiff(refHead, out.finding_logits.data as Float32Array);
    console.log(
      `parity: audio encoder max|Δ| = ${encDiff.toExponential(2)}, findings head max|Δlogits| = ${headDiff.toExponential(2)}`,
    );
    expect(encDiff).toBeLessThanOrEqual(1e-4);
    expect(headDiff).toBeLessThanOrEqual(1e-4);
  });

  it('decoder logits over a full two-recording prompt match (max |Δlogits| ≤ 1e-4)', async () => {
    const windows = randomWindows(2, 2);
    const ids = promptIds('Compare these two recordings.', 2);
    const audio = await models.fp32!.encode(windows, 2);
    const embeds = await models.fp32!.embed(ids, audio);
    const { logits } = await models.fp32!.step(embeds, models.fp32!.emptyCache());
    const refAudio = audioTokens(
      vars,
      arch,
      tf.tensor3d(windows, [2, nMels, windowFrames]),
    ).dataSync() as Float32Array;
    const table = weights.get('embed.weight')!.data;
    const refEmbeds = new Float32Array(ids.length * D);
    let row = 0;
    ids.forEach((id, i) =>
      refEmbeds.set(
        id === 4 ? refAudio.subarray(D * row++, D * row) : table.subarray(id * D, (id + 1) * D),
        i * D,
      ),
    );
    const h = decoderHidden(vars, arch.decoder, tf.tensor3d(refEmbeds, [1, ids.length, D]));
    const ref = lmLogits(vars, arch.decoder, h.reshape([ids.length, D])).dataSync() as Float32Array;
    const diff = maxAbsDiff(ref, logits);
    console.log(
      `parity: decoder fp32 max|Δlogits| = ${diff.toExponential(2)} over ${ids.length} positions × ${arch.decoder.vocabSize} (tfjs vs onnxruntime-node)`,
    );
    expect(diff).toBeLessThanOrEqual(1e-4);
  });
});

describe('KV cache and quantization', () => {
  it('KV-cache incremental decode equals full-sequence decode', async () => {
    const m = models.fp32!;
    const ids = promptIds('Is this normal?', 1);
    const embeds = await m.embed(ids, await m.encode(randomWindows(1, 3), 1));
    const full = (await m.step(embeds, m.emptyCache())).logits;
    const split = ids.length - 5;
    let { logits, cache } = await m.step(embeds.subarray(0, split * D), m.emptyCache());
    const parts = [logits];
    for (let i = split; i < ids.length; i++) {
      ({ logits, cache } = await m.step(embeds.subarray(i * D, (i + 1) * D), cache));
      parts.push(logits);
    }
    const incremental = Float32Array.from(parts.flatMap((p) => Array.from(p)));
    const diff = maxAbsDiff(full, incremental);
    console.log(`parity: KV-cache vs full-sequence max|Δlogits| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThanOrEqual(1e-4);
  });

  it('q8 and q4 greedy answers agree with fp32 (printed)', async () => {
    const prompts = Array.from({ length: 8 }, (_, i) => ({
      ids: promptIds(`Question ${i}: describe the sounds.`, 1),
      windows: randomWindows(1, 100 + i),
    }));
    const agreement: Record<string, { same: number; tokens: number; total: number }> = {};
    const reference: number[][] = [];
    for (const dtype of ['fp32', 'q8', 'q4'] as const) {
      const m = models[dtype]!;
      const a = (agreement[dtype] = { same: 0, tokens: 0, total: 0 });
      for (const [i, p] of prompts.entries()) {
        const out = await m.greedy(await m.embed(p.ids, await m.encode(p.windows, 1)), 10);
        if (dtype === 'fp32') reference.push(out);
        else if (i === 0)
          console.log(
            `parity: prompt 0 greedy ids fp32 [${reference[0].join(' ')}], ${dtype} [${out.join(' ')}]`,
          );
        const ref = reference[i];
        a.same += Number(out.join() === ref.join());
        let k = 0;
        while (k < Math.min(out.length, ref.length) && out[k] === ref[k]) k++;
        a.tokens += k;
        a.total += ref.length;
      }
    }
    for (const d of ['q8', 'q4']) {
      const a = agreement[d];
      console.log(
        `parity: ${d} vs fp32 greedy: ${((100 * a.same) / prompts.length).toFixed(0)}% identical answers, ${((100 * a.tokens) / a.total).toFixed(0)}% tokens before first divergence (${prompts.length} prompts, random tiny model)`,
      );
    }
    expect(agreement.q8.same / prompts.length).toBeGreaterThanOrEqual(0.9);
    expect(agreement.q4.same / prompts.length).toBeGreaterThanOrEqual(0.75);
  });

  it("greedyAgreement: fp32 agrees with itself; margins record each step's top-two logit gap", async () => {
    const fp32 = models.fp32!;
    const embeds = await Promise.all(
      [0, 1, 2].map(async (i) =>
        fp32.embed(promptIds(`Q${i}`, 1), await fp32.encode(randomWindows(1, 200 + i), 1)),
      ),
    );
    const ref: GreedyReference = { embeds, answers: [], maxNewTokens: 6, nearTie: [] };
    for (const e of embeds) {
      const margins: number[] = [];
      ref.answers.push(await fp32.greedy(e, 6, margins));
      expect(margins).toHaveLength(ref.answers.at(-1)!.length);
      expect(Math.min(...margins)).toBeGreaterThanOrEqual(0);
      ref.nearTie.push(margins.some((m) => m < NEAR_TIE_LOGITS));
    }
    expect(await greedyAgreement(fp32, ref)).toEqual({ greedy: 1, prefix: 1, disagreementsNearTie: 0 });
    const q4 = await greedyAgreement(models.q4!, ref);
    console.log(`parity: q4 greedyAgreement ${JSON.stringify(q4)} (random tiny model, 3 prompts)`);
    expect(q4.greedy).toBeGreaterThanOrEqual(0);
    expect(q4.prefix).toBeLessThanOrEqual(1);
  });
});
