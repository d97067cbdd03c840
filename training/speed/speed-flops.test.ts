// The FLOP counts checked against the weight shapes the training code creates (2 FLOPs per weight per token).
import { describe, expect, it } from 'vitest';
import type { ModelArchitecture } from '../../src/core/manifest/architecture';
import { defaultArchitecture } from '../../src/core/manifest/fixtures';
import { weightSpecs } from '../model/params';
import { decoderTokenFlops, encoderFlops, floorRatio, meanDecoderFlops, trainStepFlops } from './speed-flops';

const ARCH: ModelArchitecture = defaultArchitecture({
  heads: { labels: ['a', 'b'] },
  decoder: { maxPositions: 256 },
});

const size = (s: number[]): number => s.reduce((a, b) => a * b, 1);

describe('speed-flops', () => {
  it('decoder token FLOPs = 2 × matmul weights + LM head + attention over the context', () => {
    const specs = weightSpecs(ARCH);
    const linear = specs
      .filter((s) => /^layers\.\d+\.(attn|mlp)\.\w+\.weight$/.test(s.name))
      .reduce((a, s) => a + size(s.shape), 0);
    const d = ARCH.decoder;
    const head = d.vocabSize * d.hiddenSize; // tied: embed.weightᵀ
    const attnAt = (p: number): number => d.numLayers * 2 * 2 * (p + 1) * d.numHeads * d.headDim;
    for (const p of [0, 10, 100]) expect(decoderTokenFlops(d, p)).toBe(2 * (linear + head) + attnAt(p));
    console.log(
      `decoder FLOPs/token at position 0: ${decoderTokenFlops(d, 0)}; mean over 0..128: ${meanDecoderFlops(d, 0, 128).toFixed(0)}`,
    );
  });

  it('encoder FLOPs = 2 × conv weights × output frames + projector per token', () => {
    const specs = new Map(weightSpecs(ARCH).map((s) => [s.name, s.shape]));
    let frames = ARCH.encoder.windowFrames;
    let expected = 0;
    ARCH.encoder.channels.forEach((_, i) => {
      frames = Math.ceil(frames / 2);
      expected += 2 * frames * size(specs.get(`enc.conv${i}.weight`)!);
    });
    const tokens = frames / ARCH.projector.framesPerToken;
    expected += 2 * tokens * (size(specs.get('proj.fc1.weight')!) + size(specs.get('proj.fc2.weight')!));
    expect(encoderFlops(ARCH)).toBe(expected);
    console.log(`encoder FLOPs/window: ${encoderFlops(ARCH)}`);
  });

  it('training step is 3 × forward and the floor ratio scales with time', () => {
    const fwd = encoderFlops(ARCH) + meanDecoderFlops(ARCH.decoder, 0, 64) * 64;
    expect(trainStepFlops(ARCH, 2, 64)).toBeCloseTo(6 * fwd, 3);
    expect(floorRatio(20, 1e9, 1e11)).toBeCloseTo(2, 9); // floor: 1e9 / 1e11 s = 10 ms
  });
});
