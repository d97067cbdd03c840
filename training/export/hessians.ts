// Calibration statistics for GPTQ: H = Σ xxᵀ over every token of bench prompts + reference answers, for the input x of
// each decoder linear layer, from an fp32 decoder graph that exposes those inputs as extra outputs (onnxruntime-node).
import * as ort from 'onnxruntime-node';
import { AUDIO_TOKEN_ID } from '../../src/core/tasks/prompt';
import type { BenchItem } from '../../src/core/tasks/types';
import { Tokenizer } from '../tokenizer/tokenizer';
import type { ExportInput } from './export';
import { buildDecoder } from './onnx/decoder';
import { buildAudioEncoder } from './onnx/encoder';
import { audioTokensPerWindow } from '../../src/core/manifest/architecture';
import { promptOf } from './parity';

export interface DecoderHessians {
  /** Σ xxᵀ [K, K] per linear layer name (layers.0.attn.q, …, lm_head). */
  hessians: Map<string, Float64Array>;
  items: number;
  tokens: number;
}

/** Accumulates Σ xxᵀ of the rows of x [S, K] into h [K, K] (upper triangle, then mirrored by the caller). */
export function accumulateOuter(h: Float64Array, x: Float32Array, k: number): void {
  for (let t = 0; t < x.length / k; t++) {
    const row = x.subarray(t * k, (t + 1) * k);
    for (let i = 0; i < k; i++) {
      const xi = row[i];
      if (xi === 0) continue;
      for (let j = i; j < k; j++) h[i * k + j] += xi * row[j];
    }
  }
}

function mirror(h: Float64Array, k: number): void {
  for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) h[i * k + j] = h[j * k + i];
}

/** Prompt embeddings: token rows of embed.weight with each <|audio|> replaced, in order, by the encoder's rows. */
function embedRows(ids: number[], audio: Float32Array, table: Float32Array, d: number): Float32Array {
  const out = new Float32Array(ids.length * d);
  let row = 0;
  ids.forEach((id, i) =>
    out.set(
      id === AUDIO_TOKEN_ID ? audio.subarray(d * row++, d * row) : table.subarray(id * d, (id + 1) * d),
      i * d,
    ),
  );
  return out;
}

export async function decoderHessians(
  input: ExportInput,
  items: BenchItem[],
  corpusDir: string,
): Promise<DecoderHessians> {
  const { architecture: arch, weights } = input;
  const spec = arch.decoder;
  const taps = new Map<string, string>();
  const decoder = await ort.InferenceSession.create(buildDecoder(spec, weights, [], { taps }));
  const encoder = await ort.InferenceSession.create(buildAudioEncoder(arch, weights));
  const tok = Tokenizer.fromJSON(input.tokenizerJson);
  const table = weights.get('embed.weight')!.data;
  const sums = new Map<string, Float64Array>(); // per tap output (q/k/v share one input)
  let tokens = 0;
  for (const item of items) {
    const p = await promptOf(item, corpusDir, tok, audioTokensPerWindow(arch), true);
    const { nMels, windowFrames } = arch.encoder;
    const audio = (
      await encoder.run({
        audio_values: new ort.Tensor('float32', p.windows, [p.recordings, nMels, windowFrames]),
      })
    ).audio_features.data as Float32Array;
    // Training truncates to the rotary table's length; so does calibration (a longer item would index past it).
    const ids = p.ids.slice(0, spec.maxPositions);
    const S = ids.length;
    const feeds: Record<string, ort.Tensor> = {
      inputs_embeds: new ort.Tensor('float32', embedRows(ids, audio, table, spec.hiddenSize), [
        1,
        S,
        spec.hiddenSize,
      ]),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(S).fill(1n), [1, S]),
      position_ids: new ort.Tensor(
        'int64',
        BigInt64Array.from({ length: S }, (_, i) => BigInt(i)),
        [1, S],
      ),
    };
    for (let i = 0; i < spec.numLayers; i++)
      for (const t of ['key', 'value'])
        feeds[`past_key_values.${i}.${t}`] = new ort.Tensor('float32', new Float32Array(0), [
          1,
          spec.numKvHeads,
          0,
          spec.headDim,
        ]);
    const out = await decoder.run(feeds);
    for (const name of new Set(taps.values())) {
      const x = out[name];
      const k = x.dims[2];
      if (!sums.has(name)) sums.set(name, new Float64Array(k * k));
      accumulateOuter(sums.get(name)!, x.data as Float32Array, k);
    }
    tokens += S;
  }
  await Promise.all([decoder.release(), encoder.release()]);
  const hessians = new Map<string, Float64Array>();
  for (const [name, out] of taps) {
    const h = sums.get(out)!;
    mirror(h, Math.round(Math.sqrt(h.length)));
    hessians.set(name, h);
  }
  return { hessians, items: items.length, tokens };
}
