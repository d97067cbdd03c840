// config.json and generation_config.json in the layout transformers.js's Ultravox model loads (stack.md §5).
import type { ModelArchitecture } from '../../src/core/manifest/architecture';
import type { PartDtype } from '../../src/core/manifest/manifest';
import { AUDIO_TOKEN_ID, SPECIAL_TOKENS } from '../../src/core/tasks/prompt';

const id = (t: (typeof SPECIAL_TOKENS)[number]): number => SPECIAL_TOKENS.indexOf(t);

export function ultravoxConfig(arch: ModelArchitecture): Record<string, unknown> {
  const d = arch.decoder;
  const special = { bos_token_id: id('<s>'), eos_token_id: id('</s>'), pad_token_id: id('<pad>') };
  return {
    model_type: 'ultravox',
    architectures: ['UltravoxModel'],
    audio_token_id: AUDIO_TOKEN_ID,
    ...special,
    text_config: {
      model_type: 'llama',
      architectures: ['LlamaForCausalLM'],
      vocab_size: d.vocabSize,
      hidden_size: d.hiddenSize,
      num_hidden_layers: d.numLayers,
      num_attention_heads: d.numHeads,
      num_key_value_heads: d.numKvHeads,
      head_dim: d.headDim,
      intermediate_size: d.intermediateSize,
      max_position_embeddings: d.maxPositions,
      rms_norm_eps: d.rmsNormEps,
      rope_theta: d.ropeTheta,
      tie_word_embeddings: d.tieEmbeddings,
      ...special,
    },
  };
}

export function generationConfig(arch: ModelArchitecture): Record<string, unknown> {
  return {
    bos_token_id: id('<s>'),
    eos_token_id: id('</s>'),
    pad_token_id: id('<pad>'),
    do_sample: false,
    max_length: arch.decoder.maxPositions,
  };
}

/** transformers.js file-name suffix per dtype (onnx/<part><suffix>.onnx). */
export const DTYPE_SUFFIX: Record<PartDtype, string> = { fp32: '', q4: '_q4', q8: '_quantized' };
