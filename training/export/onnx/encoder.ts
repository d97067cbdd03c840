// audio_encoder.onnx (features window → audio tokens for the decoder) and findings_head.onnx (window → finding logits,
// and frame-level event logits when the model has a frame head).
// Input `audio_values` [batch_size, nMels, windowFrames]: one log-mel window per batch row (src/core/features).
import { encoderFrames, type ModelArchitecture } from '../../../src/core/manifest/architecture';
import type { WeightMap } from '../../checkpoint';
import { DT, GraphBuilder } from './graph';
import { encoderStack, linear, silu, weight } from './layers';

const FP32 = { kind: 'fp32' } as const;

/** Encoder + projector: [B, nMels, W] → `audio_features` [B, tokens, D] (Ultravox's audio_encoder part). */
export function buildAudioEncoder(arch: ModelArchitecture, weights: WeightMap): Uint8Array {
  const { encoder, projector, decoder } = arch;
  const g = new GraphBuilder('auscult_audio_encoder');
  const x = g.input('audio_values', DT.float, ['batch_size', encoder.nMels, encoder.windowFrames]);
  const frames = encoderFrames(encoder);
  const tokens = Math.floor(frames / projector.framesPerToken);
  const channels = encoder.channels[encoder.channels.length - 1];
  let h = g.op('Transpose', [encoderStack(g, x, weights, encoder)], { perm: { ints: [0, 2, 1] } }); // [B, T', C]
  if (tokens * projector.framesPerToken !== frames) {
    const end = tokens * projector.framesPerToken;
    h = g.op('Slice', [h, g.constI64([0]), g.constI64([end]), g.constI64([1])]);
  }
  // Time-major grouping: consecutive frames concatenated into one vector per audio token.
  h = g.op('Reshape', [h, g.constI64([0, tokens, projector.framesPerToken * channels], 'shape')]);
  h = silu(g, linear(g, h, weights, 'proj.fc1', FP32, 'proj.fc1.bias'));
  const out = linear(g, h, weights, 'proj.fc2', FP32, 'proj.fc2.bias');
  g.op('Identity', [out], {}, 'audio_features');
  g.output('audio_features', DT.float, ['batch_size', tokens, decoder.hiddenSize]);
  return g.toBytes('Auscult audio encoder + projector');
}

/** Findings head: mean- and max-pool of encoder frames → Linear → `finding_logits` [B, labels] (sigmoid after calibration). */
export function buildFindingsHead(arch: ModelArchitecture, weights: WeightMap): Uint8Array {
  const { encoder, heads } = arch;
  const g = new GraphBuilder('auscult_findings_head');
  const x = g.input('audio_values', DT.float, ['batch_size', encoder.nMels, encoder.windowFrames]);
  const h = encoderStack(g, x, weights, encoder); // [B, C, T']
  const axes = g.constI64([2], 'axes');
  const mean = g.op('ReduceMean', [h, axes], { keepdims: { i: 0 } });
  const max = g.op('ReduceMax', [h, axes], { keepdims: { i: 0 } });
  const pooled = g.op('Concat', [mean, max], { axis: { i: 1 } });
  const logits = linear(g, pooled, weights, 'heads', FP32, 'heads.bias');
  g.op('Identity', [logits], {}, 'finding_logits');
  g.output('finding_logits', DT.float, ['batch_size', heads.labels.length]);
  if (!weights.has('aux.frame.weight'))
    return g.toBytes('Auscult findings head (logits; apply the manifest calibration, then sigmoid)');
  // The frame-level event head on the same encoder frames (appended, so finding_logits' nodes stay as they were).
  const frames = g.op('Transpose', [h], { perm: { ints: [0, 2, 1] } }); // [B, T', C]
  const events = linear(g, frames, weights, 'aux.frame', FP32, 'aux.frame.bias');
  g.op('Identity', [events], {}, 'frame_logits');
  g.output('frame_logits', DT.float, [
    'batch_size',
    encoderFrames(encoder),
    weight(weights, 'aux.frame.bias').shape[0],
  ]);
  return g.toBytes(
    'Auscult findings head (logits; apply the manifest calibration, then sigmoid) and frame-level event logits (manifest frameEvents)',
  );
}
