// The frame-level event head in the export: the findings head's `frame_logits` match training's tfjs frame logits
// (encode → aux.frame), its `finding_logits` are unchanged by it, the manifest describes it, and the head is taken
// from the run's pretrain checkpoint only when that encoder is the exported one.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { FEATURE_CONFIG, featureConfigHash } from '../../src/core/features/config';
import { encoderFrames, type ModelArchitecture } from '../../src/core/manifest/architecture';
import { validateManifest } from '../../src/core/manifest/manifest';
import { PROMPT_TEMPLATE_VERSION } from '../../src/core/tasks/prompt';
import { writeCheckpoint, type WeightMap } from '../checkpoint';
import { encode } from '../model/encoder';
import { mulberry32 } from '../model/params';
import { toVars } from '../model/vars';
import { FRAME_CHANNELS } from '../train/frames';
import { DEFAULT_EXPORT_OPTIONS, exportModel } from './export';
import { findFrameHead, randomFrameHead } from './frames';
import { randomInput } from './inputs';
import { buildFindingsHead } from './onnx/encoder';
import { presetArchitecture, randomWeights } from './random';
import { byteLevelTokenizer } from './tokenizer';

const vocab = byteLevelTokenizer().vocabSize;
const tiny = presetArchitecture('tiny', vocab);
const shipped = presetArchitecture('default', vocab); // auscult-v1's encoder shape
const band = (a: ModelArchitecture): ModelArchitecture => ({
  ...a,
  encoder: { ...a.encoder, norm: 'band', floorNepers: 8 },
});
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
const tmp = async (name: string) => {
  const d = await mkdtemp(path.join(tmpdir(), `auscult-frames-${name}-`));
  dirs.push(d);
  return d;
};

function windows(n: number, seed: number, arch: ModelArchitecture): Float32Array {
  const r = mulberry32(seed);
  const { nMels, windowFrames } = arch.encoder;
  return Float32Array.from({ length: n * nMels * windowFrames }, () => -4 + 3 * r());
}

const maxAbsDiff = (a: Float32Array, b: Float32Array) =>
  a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

async function runHead(bytes: Uint8Array, x: Float32Array, arch: ModelArchitecture, n: number) {
  const s = await ort.InferenceSession.create(bytes);
  const out = await s.run({
    audio_values: new ort.Tensor('float32', x, [n, arch.encoder.nMels, arch.encoder.windowFrames]),
  });
  await s.release();
  return out;
}

describe('frame-level event head export', () => {
  for (const [name, arch] of [
    ['tiny', tiny],
    ['tiny, band norm', band(tiny)],
    ['shipped shape, band norm', band(shipped)],
  ] as const)
    it(`frame_logits match the tfjs frame logits (${name}; max |Δ| ≤ 1e-4)`, async () => {
      const weights = randomWeights(arch, 5);
      for (const [k, w] of randomFrameHead(arch, 5).weights) weights.set(k, w);
      const n = 3;
      const x = windows(n, 7, arch);
      const out = await runHead(buildFindingsHead(arch, weights), x, arch, n);
      const v = toVars(weights);
      const frames = encode(v, arch, tf.tensor3d(x, [n, arch.encoder.nMels, arch.encoder.windowFrames]));
      const [B, T, C] = frames.shape;
      const ref = tf
        .add(
          tf.matMul(tf.reshape(frames, [B * T, C]) as tf.Tensor2D, v.get('aux.frame.weight') as tf.Tensor2D),
          v.get('aux.frame.bias')!,
        )
        .dataSync() as Float32Array;
      const got = out.frame_logits;
      expect(got.dims).toEqual([n, encoderFrames(arch.encoder), FRAME_CHANNELS.length]);
      const diff = maxAbsDiff(ref, got.data as Float32Array);
      const scale = ref.reduce((m, y) => Math.max(m, Math.abs(y)), 0);
      console.log(
        `frame head parity (${name}): max|Δframe logits| ${diff.toExponential(2)} (largest |logit| ${scale.toFixed(2)})`,
      );
      expect(diff).toBeLessThanOrEqual(1e-4);
      // the findings output is the same graph as without the frame head, so it is bitwise unchanged
      const plain = await runHead(buildFindingsHead(arch, randomWeights(arch, 5)), x, arch, n);
      expect(out.finding_logits.data).toEqual(plain.finding_logits.data);
    });

  it('writes the frameEvents block (channels, hop, default thresholds) and a model without a head has none', async () => {
    const input = randomInput({
      id: 'f',
      description: 'frames',
      architecture: tiny,
      seed: 1,
      frameHead: true,
    });
    const d = await tmp('export');
    const m = await exportModel(input, d, {
      ...DEFAULT_EXPORT_OPTIONS,
      dtypes: ['fp32'],
      defaultDtype: 'fp32',
    });
    const onDisk = validateManifest(JSON.parse(await readFile(path.join(d, 'manifest.json'), 'utf8')));
    const fe = onDisk.frameEvents!;
    expect(fe).toEqual(m.frameEvents);
    expect(fe.channels.map((c) => c.name)).toEqual([...FRAME_CHANNELS]);
    expect(fe.channels[0].findings).toEqual(['fine-crackles', 'coarse-crackles', 'pleural-rub']);
    expect(fe.channels[1].findings).toEqual(['wheeze', 'rhonchi', 'stridor']);
    expect(fe.channels.map((c) => c.threshold)).toEqual([0.5, 0.5]);
    expect(fe.framesPerWindow).toBe(encoderFrames(tiny.encoder));
    // 512 feature frames of 20 ms over 32 encoder frames: 0.32 s each, tiling the 10.24 s window
    expect(fe.hopS * fe.framesPerWindow).toBeCloseTo(
      (FEATURE_CONFIG.windowFrames * FEATURE_CONFIG.hopSamples) / FEATURE_CONFIG.sampleRateHz,
      9,
    );
    expect(fe.thresholdFit).toEqual({ method: 'default' });
    const none = await exportModel(
      randomInput({ id: 'g', description: 'no frames', architecture: tiny, seed: 1 }),
      await tmp('none'),
      { ...DEFAULT_EXPORT_OPTIONS, dtypes: ['fp32'], defaultDtype: 'fp32' },
    );
    expect(none.frameEvents).toBeUndefined();
    expect(() => validateManifest({ ...m, frameEvents: { ...fe, framesPerWindow: 7 } })).toThrow(
      /framesPerWindow/,
    );
    expect(() =>
      validateManifest({ ...m, frameEvents: { ...fe, channels: [{ ...fe.channels[0], threshold: 2 }] } }),
    ).toThrow(/threshold/);
  });
});

describe('models/auscult-v1', () => {
  it('carries the frame head: crackle and wheeze channels, 0.32 s frames, thresholds fitted on val', async () => {
    const m = validateManifest(
      JSON.parse(
        await readFile(path.resolve(import.meta.dirname, '../../models/auscult-v1/manifest.json'), 'utf8'),
      ),
    );
    const fe = m.frameEvents!;
    expect(fe.channels.map((c) => [c.name, c.findings])).toEqual([
      ['discontinuous', ['fine-crackles', 'coarse-crackles', 'pleural-rub']],
      ['continuous', ['wheeze', 'rhonchi', 'stridor']],
    ]);
    expect(fe.hopS).toBeCloseTo(0.32, 12);
    expect(fe.framesPerWindow).toBe(encoderFrames(m.architecture.encoder));
    expect(fe.thresholdFit.method).toBe('max-f1');
    expect(fe.source).toMatch(/^pretrain checkpoint .*\(encoder identical\)$/);
    // the old manifest without the block stays valid (older models export no frame events)
    expect(validateManifest({ ...m, frameEvents: undefined }).frameEvents).toBeUndefined();
  });
});

describe('findFrameHead', () => {
  const meta = (stage: string) => ({
    format: 1 as const,
    stage,
    step: 7,
    config: {},
    architecture: tiny,
    featureConfigHash: featureConfigHash(FEATURE_CONFIG),
    promptTemplateVersion: PROMPT_TEMPLATE_VERSION,
  });
  const save = (dir: string, stage: string, w: WeightMap) =>
    writeCheckpoint(path.join(dir, stage), meta(stage), w, { tokenizerJson: '{}' });

  it("takes aux.frame.* from the run's pretrain checkpoint when its encoder is the exported one", async () => {
    const run = await tmp('run');
    const sft = randomWeights(tiny, 3);
    const pre: WeightMap = new Map([...sft].filter(([k]) => k.startsWith('enc.')));
    for (const [k, w] of randomFrameHead(tiny, 3).weights) pre.set(k, w);
    await save(run, 'pretrain', pre);
    const head = await findFrameHead(path.join(run, 'qat'), sft, 'qat', 300);
    expect('weights' in head && head.weights.get('aux.frame.weight')!.data).toEqual(
      pre.get('aux.frame.weight')!.data,
    );
    expect('source' in head && head.source).toMatch(/pretrain, step 7 \(encoder identical\)/);
  });

  it('refuses a pretrain head whose encoder differs, and a run without pretrain checkpoint', async () => {
    const run = await tmp('changed');
    const pre = randomWeights(tiny, 4);
    for (const [k, w] of randomFrameHead(tiny, 4).weights) pre.set(k, w);
    await save(run, 'pretrain', pre);
    const other = await findFrameHead(path.join(run, 'sft'), randomWeights(tiny, 5), 'sft', 1);
    expect('reason' in other && other.reason).toMatch(/encoder .* differs/);
    const empty = await findFrameHead(path.join(await tmp('empty'), 'qat'), pre, 'qat', 1);
    expect('weights' in empty).toBe(true); // the checkpoint's own head
    const none = await findFrameHead(path.join(await tmp('none'), 'qat'), randomWeights(tiny, 4), 'qat', 1);
    expect('reason' in none && none.reason).toMatch(/no pretrain checkpoint/);
  });
});
