// Quantization-aware training: the grid is the exporter's (rounding a grid weight reproduces it), the fake-quantizer
// passes gradients straight through, schemes QAT cannot train for are refused, and the tiny stage lowers the quantized
// model's loss, resumes exactly, and leaves a checkpoint whose decoder weights the q4 export stores without change.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index';
import { readCheckpoint } from '../checkpoint/index';
import { writeTinySft } from '../dpo/testdata';
import { dequantizeMatrix, quantizeMatrix } from '../export/onnx/quantize';
import { parseScheme } from '../export/onnx/scheme';
import { trainedQ4Scheme } from '../export/inputs';
import { createCheckpointResponder } from '../model/responder';
import { saveStage, tryResume } from '../train/common';
import type { TrainConfig } from '../train/config';
import { readBench } from '../train/data';
import { RunLog } from '../train/progress';
import { tinyConfig, writeTinyData, type TinyData } from '../train/testdata';
import { fakeQuant, gridOf, qatTargets } from './fakequant';
import { qatLatentDir, qatStep, runQat, setupQat, withQuantized } from '../stages/qat';
import { lmLoss } from '../model/lm';

let root = '';
let data: TinyData;
let cfg: TrainConfig;

function randomMatrix(k: number, n: number, seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: k * n }, () => {
    s = (s * 1103515245 + 12345) >>> 0;
    return (s / 2 ** 32 - 0.5) * (1 + (s % 7));
  });
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  return a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);
}

beforeAll(async () => {
  await initBackend({ quiet: true });
  root = await mkdtemp(path.join(tmpdir(), 'qat-'));
  data = await writeTinyData(root);
  cfg = tinyConfig('qat', data, root, ['--qatLr=0.01', '--warmupSteps=1', '--qatScheme=*=4/16,lm_head=fp32']);
  await writeTinySft({ ...cfg, sftBatch: 4 }, data.entries);
}, 60_000);
afterAll(async () => rm(root, { recursive: true, force: true }));

describe('the QAT grid', () => {
  it.each([
    [4, 32, 64, 24],
    [4, 16, 40, 8],
    [8, 32, 96, 16],
  ] as const)(
    '%i-bit, block %i: idempotent, and the exporter stores a grid weight [%i, %i] unchanged',
    (bits, block, k, n) => {
      const w = tf.tensor2d(randomMatrix(k, n, k * n), [k, n]);
      const g = gridOf(w, { bits, blockSize: block });
      const gv = g.dataSync() as Float32Array;
      expect(maxAbsDiff(gridOf(g, { bits, blockSize: block }).dataSync() as Float32Array, gv)).toBe(0);
      // Rounding moved the weights (this is not the identity) ...
      const moved = maxAbsDiff(gv, w.dataSync() as Float32Array);
      // ... and the exporter's MatMulNBits rounding of the grid weights gives them back up to float rounding.
      const back = dequantizeMatrix(quantizeMatrix(gv, k, n, bits, block));
      const err = maxAbsDiff(back, gv);
      const scale = gv.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
      console.log(
        `${bits}/${block} [${k},${n}]: grid moved weights by ≤ ${moved.toExponential(2)}, export round trip ≤ ${err.toExponential(2)}`,
      );
      expect(moved).toBeGreaterThan(1e-3 * scale);
      expect(err).toBeLessThanOrEqual(1e-6 * scale);
    },
  );

  it('fake quantization is the grid forward and the identity backward', () => {
    const w = tf.tensor2d(randomMatrix(32, 4, 7), [32, 4]);
    const mode = { bits: 4, blockSize: 32 } as const;
    expect(
      maxAbsDiff(fakeQuant(w, mode).dataSync() as Float32Array, gridOf(w, mode).dataSync() as Float32Array),
    ).toBe(0);
    const up = tf.tensor2d(randomMatrix(32, 4, 9), [32, 4]);
    const grad = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(fakeQuant(x as tf.Tensor2D, mode), up)))(w);
    expect(maxAbsDiff(grad.dataSync() as Float32Array, up.dataSync() as Float32Array)).toBe(0);
  });

  it('maps scheme rules to checkpoint weights and refuses what QAT cannot train for', () => {
    const spec = { numLayers: 2, tieEmbeddings: true };
    const t = qatTargets(parseScheme('*=4/32,*.attn.v=8/16,lm_head=fp32'), spec);
    expect(t.size).toBe(14);
    expect(t.get('layers.1.attn.v.weight')).toEqual({ bits: 8, blockSize: 16 });
    expect(t.get('layers.0.mlp.down.weight')).toEqual({ bits: 4, blockSize: 32 });
    expect(() => qatTargets(parseScheme('*=4/32'), spec)).toThrow(/tied/);
    expect(() => qatTargets(parseScheme('*=4/32/asym,lm_head=fp32'), spec)).toThrow(/zero points/);
    expect(() => qatTargets(parseScheme('*=4/32/gptq,lm_head=fp32'), spec)).toThrow(/GPTQ/);
    expect(() => qatTargets(parseScheme('*=fp32'), spec)).toThrow(/no decoder weight/);
  });
});

describe('qat stage (tiny config)', () => {
  it('steps lower the quantized model loss; a resume gives the identical next-step loss', async () => {
    const c0 = { ...cfg, qatSteps: 20 };
    const s = await setupQat(c0, new RunLog(path.join(root, 'steps'), 'qat'));
    const names = [...s.st.vars.keys()].filter((k) => !k.startsWith('enc.') && !k.startsWith('heads.'));
    const [item] = s.train;
    const b = s.data.batch([item, ...s.train.slice(1, 4)]);
    const loss = () =>
      withQuantized(s.st, s.targets, (v) =>
        tf.tidy(() => lmLoss(v, s.init.arch, b.seq, tf.tensor3d(b.mels, b.melShape)).dataSync()[0]),
      );
    const before = loss();
    for (let i = 0; i < 10; i++) qatStep(s, c0, names);
    const after = loss();
    console.log(`quantized-model loss on a fixed batch: ${before.toFixed(4)} → ${after.toFixed(4)}`);
    expect(after).toBeLessThan(before);

    const dir = path.join(root, 'resume-ckpt');
    await saveStage(dir, 'qat', c0, s.init.arch, s.st, s.init.tok.toJSON());
    const straight = qatStep(s, c0, names).loss;
    const resumed = (await tryResume(dir, 'qat', c0))!;
    expect(resumed.step).toBe(10);
    const again = qatStep({ ...s, st: resumed }, c0, names).loss;
    expect(again).toBe(straight);
  }, 60_000);

  it('runQat leaves a grid checkpoint: the export stores its decoder weights unchanged, and it answers', async () => {
    const c2 = { ...cfg, qatSteps: 4, evalEvery: 4, logEvery: 2 };
    const r = await runQat(c2);
    expect(r.step).toBe(4);
    const ck = await readCheckpoint(r.dir);
    expect(ck.meta.stage).toBe('qat');
    expect(
      trainedQ4Scheme({ training: { stage: ck.meta.stage, step: ck.meta.step, config: ck.meta.config } }),
    ).toBe('*=4/16,lm_head=fp32');
    const targets = qatTargets(parseScheme(c2.qatScheme), ck.meta.architecture.decoder);
    expect(targets.size).toBe(7);
    const latent = await readCheckpoint(qatLatentDir(c2));
    let movedFromLatent = 0;
    for (const [name, mode] of targets) {
      const w = ck.weights.get(name)!;
      const [k, n] = w.shape;
      const back = dequantizeMatrix(quantizeMatrix(w.data, k, n, mode.bits, mode.blockSize));
      const scale = w.data.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
      expect(maxAbsDiff(back, w.data)).toBeLessThanOrEqual(1e-6 * scale);
      movedFromLatent = Math.max(movedFromLatent, maxAbsDiff(w.data, latent.weights.get(name)!.data));
    }
    expect(movedFromLatent).toBeGreaterThan(0);
    // Untargeted weights (the embedding the LM head shares, norms, projector) are the latent ones.
    expect(maxAbsDiff(ck.weights.get('embed.weight')!.data, latent.weights.get('embed.weight')!.data)).toBe(
      0,
    );
    expect(await readFile(path.join(c2.outDir, 'qat.curves.csv'), 'utf8')).toMatch(/valAccuracy/);
    const resp = await createCheckpointResponder(r.dir, { maxNewTokens: 4 });
    const [item] = await readBench(c2.benchDir, 'val');
    expect(typeof (await resp.answer(item, [new Float32Array(4000)]))).toBe('string');
    await resp.dispose?.();
  }, 90_000);
});
