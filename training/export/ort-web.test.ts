// Every part of models/tiny-random (fp32, q4 and q8 MatMulNBits decoders included) runs in onnxruntime-web's wasm
// build — the ORT the browser uses — and matches onnxruntime-node.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import type { ModelManifest } from '../../src/core/manifest/manifest';

const MODEL = path.resolve(import.meta.dirname, '../../models/tiny-random');

type Feeds = Record<
  string,
  { type: 'float32' | 'int64'; data: Float32Array | BigInt64Array; dims: number[] }
>;

function feedsFor(part: string, m: ModelManifest): Feeds {
  const { encoder, decoder: d } = m.architecture;
  if (part === 'embed_tokens')
    return { input_ids: { type: 'int64', data: BigInt64Array.of(1n, 5n, 4n), dims: [1, 3] } };
  if (part !== 'decoder_model_merged') {
    const n = encoder.nMels * encoder.windowFrames;
    return {
      audio_values: {
        type: 'float32',
        data: Float32Array.from({ length: n }, (_, i) => Math.sin(i / 3)),
        dims: [1, encoder.nMels, encoder.windowFrames],
      },
    };
  }
  const S = 4;
  const f: Feeds = {
    inputs_embeds: {
      type: 'float32',
      data: Float32Array.from({ length: S * d.hiddenSize }, (_, i) => Math.cos(i)),
      dims: [1, S, d.hiddenSize],
    },
    attention_mask: { type: 'int64', data: new BigInt64Array(S).fill(1n), dims: [1, S] },
    position_ids: {
      type: 'int64',
      data: BigInt64Array.from({ length: S }, (_, i) => BigInt(i)),
      dims: [1, S],
    },
  };
  for (let i = 0; i < d.numLayers; i++)
    for (const t of ['key', 'value'])
      f[`past_key_values.${i}.${t}`] = {
        type: 'float32',
        data: new Float32Array(0),
        dims: [1, d.numKvHeads, 0, d.headDim],
      };
  return f;
}

async function run(
  ort: typeof ortNode | typeof ortWeb,
  bytes: Uint8Array,
  feeds: Feeds,
): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(
    bytes,
    ort === ortWeb ? { executionProviders: ['wasm'] } : {},
  );
  const inputs = Object.fromEntries(
    Object.entries(feeds).map(([k, v]) => [k, new ort.Tensor(v.type, v.data, v.dims)]),
  );
  const out = await session.run(inputs as never);
  const data = out[session.outputNames[0]].data as Float32Array;
  await session.release();
  return data;
}

describe('onnxruntime-web (wasm) runs every exported graph', () => {
  it('matches onnxruntime-node for all parts and dtypes', async () => {
    ortWeb.env.wasm.numThreads = 1;
    const m = JSON.parse(await readFile(path.join(MODEL, 'manifest.json'), 'utf8')) as ModelManifest;
    for (const [part, byDtype] of Object.entries(m.parts))
      for (const [dtype, file] of Object.entries(byDtype)) {
        const bytes = new Uint8Array(await readFile(path.join(MODEL, file)));
        const feeds = feedsFor(part, m);
        const [web, node] = [await run(ortWeb, bytes, feeds), await run(ortNode, bytes, feeds)];
        let diff = 0;
        for (let i = 0; i < node.length; i++) diff = Math.max(diff, Math.abs(web[i] - node[i]));
        console.log(`ort-web vs ort-node: ${part} ${dtype} max|Δ| = ${diff.toExponential(2)}`);
        expect(web.length).toBe(node.length);
        expect(diff).toBeLessThanOrEqual(1e-4);
      }
  });
});
