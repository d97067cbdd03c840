// Model architectures for tests and random models: the tiny one of models/tiny-random and the shipped default's
// shape, each with what a caller needs changed; and a frameEvents block as the shipped model's. One definition
// instead of an object literal per test.
import type { DecoderSpec, EncoderSpec, ModelArchitecture } from './architecture';
import type { FrameEventsInfo } from './frameEvents';

export interface ArchitectureChanges {
  encoder?: Partial<EncoderSpec>;
  projector?: Partial<ModelArchitecture['projector']>;
  heads?: ModelArchitecture['heads'];
  decoder?: Partial<DecoderSpec>;
}

function changed(base: ModelArchitecture, c: ArchitectureChanges): ModelArchitecture {
  return {
    encoder: { ...base.encoder, ...c.encoder },
    projector: { ...base.projector, ...c.projector },
    heads: c.heads ?? base.heads,
    decoder: { ...base.decoder, ...c.decoder },
  };
}

const TINY: ModelArchitecture = {
  encoder: { nMels: 64, windowFrames: 512, kernel: 3, channels: [8, 8, 8, 16] },
  projector: { framesPerToken: 2, hidden: 32 },
  heads: { labels: ['a'] },
  decoder: {
    vocabSize: 263,
    hiddenSize: 32,
    numLayers: 2,
    numHeads: 4,
    numKvHeads: 2,
    headDim: 8,
    intermediateSize: 64,
    maxPositions: 512,
    ropeTheta: 10000,
    rmsNormEps: 1e-5,
    tieEmbeddings: false,
  },
};

const DEFAULT: ModelArchitecture = {
  encoder: { nMels: 64, windowFrames: 512, kernel: 5, channels: [64, 96, 128, 128] },
  projector: { framesPerToken: 2, hidden: 256 },
  heads: { labels: ['a'] },
  decoder: {
    vocabSize: 2048,
    hiddenSize: 192,
    numLayers: 4,
    numHeads: 6,
    numKvHeads: 2,
    headDim: 32,
    intermediateSize: 512,
    maxPositions: 1024,
    ropeTheta: 10000,
    rmsNormEps: 1e-5,
    tieEmbeddings: true,
  },
};

/** The tiny architecture (models/tiny-random's shape: 32-wide, 2 layers), with `c` changed. */
export const tinyArchitecture = (c: ArchitectureChanges = {}): ModelArchitecture => changed(TINY, c);

/** The default architecture's shape (192-wide, 4 layers), with `c` changed. */
export const defaultArchitecture = (c: ArchitectureChanges = {}): ModelArchitecture => changed(DEFAULT, c);

/** A frameEvents block shaped as the shipped model's (two channels, 32 frames of 0.32 s per window). */
export const frameEventsFixture = (c: Partial<FrameEventsInfo> = {}): FrameEventsInfo => ({
  output: 'frame_logits',
  channels: [
    { name: 'discontinuous', findings: ['fine-crackles', 'coarse-crackles', 'pleural-rub'], threshold: 0.56 },
    { name: 'continuous', findings: ['wheeze', 'rhonchi', 'stridor'], threshold: 0.78 },
  ],
  framesPerWindow: 32,
  hopS: 0.32,
  minSpanS: 0.32,
  mergeGapS: 0.32,
  thresholdFit: { method: 'default' },
  source: 'test',
  ...c,
});
