// A hand-written onnxruntime-node pipeline over an exported model folder: encoder → scatter audio tokens into the
// embeddings → KV-cache greedy decode. The parity checks compare it with training's tfjs forward and across dtypes.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import type { ModelManifest, PartDtype } from '../../src/core/manifest/manifest';
import { AUDIO_TOKEN_ID } from '../../src/core/tasks/prompt';

type Kv = Record<string, ort.Tensor>;

export class OrtModel {
  private constructor(
    readonly manifest: ModelManifest,
    private readonly encoder: ort.InferenceSession,
    private readonly embedder: ort.InferenceSession,
    private readonly decoder: ort.InferenceSession,
    readonly findingsHead: ort.InferenceSession,
  ) {}

  /** Opens the model folder's parts at `dtype`; `decoderBytes` replaces its decoder (quantization experiments). */
  static async load(dir: string, dtype: PartDtype, decoderBytes?: Uint8Array): Promise<OrtModel> {
    const m = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as ModelManifest;
    const open = async (rel: string | undefined): Promise<ort.InferenceSession> => {
      if (!rel) throw new Error(`${dir} has no ${dtype} file for a part`);
      return ort.InferenceSession.create(await readFile(path.join(dir, rel)));
    };
    const p = m.parts;
    const decoder = decoderBytes
      ? await ort.InferenceSession.create(decoderBytes)
      : await open(p.decoder_model_merged[dtype]);
    return new OrtModel(
      m,
      await open(p.audio_encoder.fp32),
      await open(p.embed_tokens.fp32),
      decoder,
      await open(p.findings_head.fp32),
    );
  }

  private get spec() {
    return this.manifest.architecture.decoder;
  }

  /** windows [n, nMels, windowFrames] flattened → audio tokens [n, tokens, D] flattened. */
  async encode(windows: Float32Array, n: number): Promise<Float32Array> {
    const { nMels, windowFrames } = this.manifest.architecture.encoder;
    const out = await this.encoder.run({
      audio_values: new ort.Tensor('float32', windows, [n, nMels, windowFrames]),
    });
    return out.audio_features.data as Float32Array;
  }

  /** Token embeddings with every <|audio|> position replaced, in order, by the rows of `audio` ([*, D]). */
  async embed(ids: number[], audio: Float32Array): Promise<Float32Array> {
    const embeds = await this.embedIds(ids);
    const D = this.spec.hiddenSize;
    let row = 0;
    ids.forEach((id, i) => {
      if (id !== AUDIO_TOKEN_ID) return;
      if ((row + 1) * D > audio.length) throw new Error('more <|audio|> tokens than audio features');
      embeds.set(audio.subarray(row * D, (row + 1) * D), i * D);
      row += 1;
    });
    if (row * D !== audio.length)
      throw new Error(`${row} <|audio|> tokens for ${audio.length / D} audio features`);
    return embeds;
  }

  /** Plain token embeddings (generated tokens: an <|audio|> the model emits is just a token). */
  async embedIds(ids: number[]): Promise<Float32Array> {
    const out = await this.embedder.run({
      input_ids: new ort.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, ids.length]),
    });
    return (out.inputs_embeds.data as Float32Array).slice();
  }

  emptyCache(): Kv {
    const { numLayers, numKvHeads, headDim } = this.spec;
    const kv: Kv = {};
    for (let i = 0; i < numLayers; i++)
      for (const t of ['key', 'value'])
        kv[`past_key_values.${i}.${t}`] = new ort.Tensor('float32', new Float32Array(0), [
          1,
          numKvHeads,
          0,
          headDim,
        ]);
    return kv;
  }

  /** One decoder call on S new positions after `past` cached ones: logits [S, V] and the extended cache. */
  async step(embeds: Float32Array, cache: Kv): Promise<{ logits: Float32Array; cache: Kv }> {
    const D = this.spec.hiddenSize;
    const S = embeds.length / D;
    const past = cache['past_key_values.0.key'].dims[2];
    const feeds: Kv = {
      ...cache,
      inputs_embeds: new ort.Tensor('float32', embeds, [1, S, D]),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(past + S).fill(1n), [1, past + S]),
      position_ids: new ort.Tensor(
        'int64',
        BigInt64Array.from({ length: S }, (_, i) => BigInt(past + i)),
        [1, S],
      ),
    };
    const out = await this.decoder.run(feeds);
    const next: Kv = {};
    for (const name of Object.keys(cache)) next[name] = out[name.replace('past_key_values', 'present')];
    return { logits: out.logits.data as Float32Array, cache: next };
  }

  /**
   * Greedy decode from prompt embeddings: up to maxNew ids, stopping after EOS (included). `margins`, when given,
   * receives each step's gap between the two largest logits (how close the choice was to a tie).
   */
  async greedy(promptEmbeds: Float32Array, maxNew: number, margins?: number[]): Promise<number[]> {
    const { vocabSize: V } = this.spec;
    const eos = this.manifest.tokenizer.eosTokenId;
    let { logits, cache } = await this.step(promptEmbeds, this.emptyCache());
    const out: number[] = [];
    for (let t = 0; t < maxNew; t++) {
      const last = logits.subarray(logits.length - V);
      let [best, second] = last[1] > last[0] ? [1, 0] : [0, 1];
      for (let v = 2; v < V; v++) {
        if (last[v] > last[best]) [best, second] = [v, best];
        else if (last[v] > last[second]) second = v;
      }
      margins?.push(last[best] - last[second]);
      out.push(best);
      if (best === eos) break;
      const e = await this.embedIds([best]);
      ({ logits, cache } = await this.step(e, cache));
    }
    return out;
  }

  async release(): Promise<void> {
    await Promise.all([this.encoder, this.embedder, this.decoder, this.findingsHead].map((s) => s.release()));
  }
}
