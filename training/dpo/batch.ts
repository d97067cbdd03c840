// Pair batches for the preference losses: each pair's chosen and rejected answers (and, for mDPO, the chosen answer
// with degraded audio) as one packed batch, plus the frozen reference's log-likelihoods, computed once per pair.
import * as tf from '@tensorflow/tfjs';
import { audioTokensPerWindow, type ModelArchitecture } from '../../src/core/manifest/architecture';
import type { BenchItem } from '../../src/core/tasks/types';
import { mulberry32 } from '../model/params';
import { encodeExample, packBatch, type SeqBatch } from '../model/sequence';
import type { Vars } from '../model/vars';
import type { Tokenizer } from '../tokenizer/tokenizer';
import { exampleOf } from '../train/sft';
import { corruptWindow } from './degrade-mel';
import { sequenceLogProbs, type PairLogProbs } from './loss';
import type { Pair } from './pairs';

export interface PairContext {
  arch: ModelArchitecture;
  tok: Tokenizer;
  items: Map<string, BenchItem>;
  /** Clean first windows of an item's recordings. */
  windows: (item: BenchItem) => Float32Array[];
  seed: number;
  withDegraded: boolean;
}

/** Sequences [P chosen, P rejected, (P chosen on degraded audio)] as one batch. */
export function pairBatch(
  ctx: PairContext,
  pairs: Pair[],
  pairIndex: number[],
): { seq: SeqBatch; mels: tf.Tensor3D } {
  const { arch } = ctx;
  const rows: { item: BenchItem; response: string; windows: Float32Array[] }[] = [];
  const itemOf = (p: Pair) => {
    const it = ctx.items.get(p.itemId);
    if (!it) throw new Error(`pair for unknown item ${p.itemId}: delete the pairs cache and rerun`);
    return it;
  };
  for (const p of pairs) rows.push({ item: itemOf(p), response: p.chosen, windows: ctx.windows(itemOf(p)) });
  for (const p of pairs)
    rows.push({ item: itemOf(p), response: p.rejected, windows: ctx.windows(itemOf(p)) });
  if (ctx.withDegraded)
    pairs.forEach((p, i) => {
      // The corruption of a pair is fixed by its index, so the cached reference scores stay valid.
      const rand = mulberry32(ctx.seed * 31 + pairIndex[i]);
      const windows = ctx.windows(itemOf(p)).map((w) => corruptWindow(w, arch.encoder.nMels, rand));
      rows.push({ item: itemOf(p), response: p.chosen, windows });
    });
  const tokens = audioTokensPerWindow(arch);
  const enc = rows.map((r) =>
    encodeExample(ctx.tok, { ...exampleOf(r.item), response: r.response }, tokens, arch.decoder.maxPositions),
  );
  const recStart: number[] = [];
  const flat: Float32Array[] = [];
  for (const r of rows) {
    recStart.push(flat.length);
    flat.push(...r.windows);
  }
  const seq = packBatch(enc, recStart, tokens);
  const size = arch.encoder.nMels * arch.encoder.windowFrames;
  const mels = new Float32Array(flat.length * size);
  flat.forEach((w, i) => mels.set(w, i * size));
  return { seq, mels: tf.tensor3d(mels, [flat.length, arch.encoder.nMels, arch.encoder.windowFrames]) };
}

/** Splits a [k·P] log-likelihood vector into the pair fields. */
export function splitLogProbs(all: tf.Tensor1D, withDegraded: boolean): PairLogProbs {
  const [chosen, rejected, chosenDegraded] = tf.split(all, withDegraded ? 3 : 2) as tf.Tensor1D[];
  return { chosen, rejected, ...(withDegraded ? { chosenDegraded } : {}) };
}

/** Reference log-likelihoods for every pair, in chunks: [field][pair]. */
export function referenceLogProbs(v: Vars, ctx: PairContext, pairs: Pair[], chunk = 8): Float32Array {
  const k = ctx.withDegraded ? 3 : 2;
  const out = new Float32Array(k * pairs.length);
  for (let i = 0; i < pairs.length; i += chunk) {
    const idx = Array.from({ length: Math.min(chunk, pairs.length - i) }, (_, j) => i + j);
    const b = pairBatch(
      ctx,
      idx.map((j) => pairs[j]),
      idx,
    );
    const lp = tf.tidy(() => sequenceLogProbs(v, ctx.arch, b.seq, b.mels).dataSync());
    b.mels.dispose();
    for (let f = 0; f < k; f++) idx.forEach((j, n) => (out[f * pairs.length + j] = lp[f * idx.length + n]));
  }
  return out;
}

/** The reference fields of the pairs `idx` as tensors. */
export function refFor(ref: Float32Array, total: number, idx: number[], withDegraded: boolean): PairLogProbs {
  const field = (f: number) => tf.tensor1d(idx.map((j) => ref[f * total + j]));
  return { chosen: field(0), rejected: field(1), ...(withDegraded ? { chosenDegraded: field(2) } : {}) };
}
