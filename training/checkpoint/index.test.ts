// Round-trip tests for the checkpoint folder format (weights, optimizer state, tokenizer, atomic replace).
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isCheckpoint, readCheckpoint, writeCheckpoint, type WeightMap } from './index';
import type { ModelArchitecture } from '../../src/core/manifest/architecture';

const arch: ModelArchitecture = {
  encoder: { nMels: 8, windowFrames: 16, kernel: 3, channels: [4] },
  projector: { framesPerToken: 2, hidden: 8 },
  heads: { labels: ['a', 'b'] },
  decoder: {
    vocabSize: 16,
    hiddenSize: 8,
    numLayers: 1,
    numHeads: 2,
    numKvHeads: 1,
    headDim: 4,
    intermediateSize: 16,
    maxPositions: 64,
    ropeTheta: 10000,
    rmsNormEps: 1e-5,
    tieEmbeddings: true,
  },
};
const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

function weights(seed: number): WeightMap {
  const m: WeightMap = new Map();
  m.set('embed.weight', {
    shape: [16, 8],
    data: Float32Array.from({ length: 128 }, (_, i) => Math.sin(i + seed)),
  });
  m.set('final_norm.weight', { shape: [8], data: new Float32Array(8).fill(1 + seed) });
  return m;
}
const meta = {
  format: 1 as const,
  stage: 'sft',
  step: 7,
  config: { lr: 0.001 },
  architecture: arch,
  featureConfigHash: 'abc',
  promptTemplateVersion: 'v1',
};

describe('checkpoint', () => {
  it('writes and reads weights, optimizer state and tokenizer exactly', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'ckpt-'));
    dirs.push(root);
    const dir = path.join(root, 'c');
    const opt: WeightMap = new Map([
      ['m.embed.weight', { shape: [2, 2], data: Float32Array.of(1, 2, 3, 4) }],
    ]);
    await writeCheckpoint(dir, meta, weights(0), {
      tokenizerJson: '{"x":1}',
      optimizer: { step: 7, hyper: { beta1: 0.9 }, weights: opt },
    });
    expect(await isCheckpoint(dir)).toBe(true);
    const c = await readCheckpoint(dir);
    expect(c.meta.step).toBe(7);
    expect(c.meta.weights['final_norm.weight']).toEqual({ shape: [8], offset: 128 });
    expect(Array.from(c.weights.get('embed.weight')!.data)).toEqual(
      Array.from(weights(0).get('embed.weight')!.data),
    );
    expect(Array.from(c.optimizer!.get('m.embed.weight')!.data)).toEqual([1, 2, 3, 4]);
    expect(await readFile(path.join(dir, 'tokenizer.json'), 'utf8')).toBe('{"x":1}');
  });

  it('replaces an existing checkpoint atomically and leaves no temp folders', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'ckpt-'));
    dirs.push(root);
    const dir = path.join(root, 'c');
    await writeCheckpoint(dir, meta, weights(0), { tokenizerJson: '{}' });
    await writeCheckpoint(dir, { ...meta, step: 8 }, weights(1), { tokenizerJson: '{}' });
    const c = await readCheckpoint(dir);
    expect(c.meta.step).toBe(8);
    expect(c.optimizer).toBeUndefined();
    expect(c.weights.get('final_norm.weight')!.data[0]).toBe(2);
    expect(await readdir(root)).toEqual(['c']);
  });

  it('explains a missing checkpoint and rejects shape mismatches', async () => {
    await expect(readCheckpoint('/nonexistent/ckpt')).rejects.toThrow(/checkpoint.json is missing/);
    const bad: WeightMap = new Map([['w', { shape: [3], data: new Float32Array(2) }]]);
    await expect(writeCheckpoint('/tmp/never', meta, bad, { tokenizerJson: '{}' })).rejects.toThrow(/shape/);
  });
});
