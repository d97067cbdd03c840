// Compute floors for the speed benchmarks: the model's FLOPs (encoder window, decoder token, training example)
// from its architecture, and the best-case time they take at a measured matmul FLOP/s.
import { encoderFrames, type ModelArchitecture } from '../../src/core/manifest/architecture';

/** Multiply-adds count as 2 FLOPs. */
const mm = (m: number, k: number, n: number): number => 2 * m * k * n;

/** Encoder (conv stack) + projector FLOPs for one window of features. */
export function encoderFlops(a: Pick<ModelArchitecture, 'encoder' | 'projector' | 'decoder'>): number {
  const e = a.encoder;
  let frames = e.windowFrames;
  let cin = e.nMels;
  let flops = 0;
  for (const cout of e.channels) {
    frames = Math.floor((frames - 1) / 2) + 1;
    flops += mm(frames, e.kernel * cin, cout);
    cin = cout;
  }
  const tokens = Math.floor(encoderFrames(e) / a.projector.framesPerToken);
  flops += mm(tokens, a.projector.framesPerToken * cin, a.projector.hidden);
  flops += mm(tokens, a.projector.hidden, a.decoder.hiddenSize);
  return flops;
}

/**
 * Decoder FLOPs for one token at position `position` (it attends to position + 1 keys): projections, SwiGLU,
 * attention scores and values, and the LM head.
 */
export function decoderTokenFlops(d: ModelArchitecture['decoder'], position: number): number {
  const D = d.hiddenSize;
  const q = d.numHeads * d.headDim;
  const kv = d.numKvHeads * d.headDim;
  const perLayer =
    mm(1, D, q) +
    2 * mm(1, D, kv) +
    mm(1, q, D) +
    3 * mm(1, D, d.intermediateSize) +
    2 * mm(1, position + 1, q);
  return d.numLayers * perLayer + mm(1, D, d.vocabSize);
}

/** Mean decoder FLOPs per token over positions [from, to). */
export function meanDecoderFlops(d: ModelArchitecture['decoder'], from: number, to: number): number {
  if (to <= from) return decoderTokenFlops(d, from);
  let sum = 0;
  for (let p = from; p < to; p++) sum += decoderTokenFlops(d, p);
  return sum / (to - from);
}

/** Prefill FLOPs for a prompt of `promptTokens` tokens with `windows` audio windows to encode. */
export function prefillFlops(a: ModelArchitecture, promptTokens: number, windows: number): number {
  return windows * encoderFlops(a) + meanDecoderFlops(a.decoder, 0, promptTokens) * promptTokens;
}

/** One training step on `batch` sequences of `seqLen` tokens, one window each: forward + backward ≈ 3 × forward. */
export function trainStepFlops(a: ModelArchitecture, batch: number, seqLen: number): number {
  return 3 * batch * (encoderFlops(a) + meanDecoderFlops(a.decoder, 0, seqLen) * seqLen);
}

/** The shortest time `flops` can take at `flopsPerSecond`, in ms. */
export function floorMs(flops: number, flopsPerSecond: number): number {
  return (flops / flopsPerSecond) * 1000;
}

/** How many times slower than the floor a measurement is (≥ 1 means slower than the floor). */
export function floorRatio(measuredMs: number, flops: number, flopsPerSecond: number): number {
  return measuredMs / floorMs(flops, flopsPerSecond);
}
