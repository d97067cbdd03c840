// Training throughput on one tfjs compute backend, run as its own process (initBackend picks once per process):
// `tsx training/speed/speed-train.ts '<json options>'` prints one `RESULT {json}` line.
import * as tf from '@tensorflow/tfjs';
import { audioTokensPerWindow, type ModelArchitecture } from '../../src/core/manifest/architecture';
import { AUDIO_TOKEN_ID } from '../../src/core/tasks/prompt';
import { initBackend, type BackendName } from '../backend/index';
import { lmLoss } from '../model/lm';
import { initWeights, mulberry32 } from '../model/params';
import { packBatch, type Encoded, type SeqBatch } from '../model/sequence';
import { toVars } from '../model/vars';
import { architectureFor, newAdam, trainStep, type StageState } from '../train/common';
import { applyOverrides, DEFAULTS, type TrainConfig } from '../train/config';
import { HEAD_LABELS } from '../train/data';
import { sftTrainable } from '../train/sft';

export interface TrainBenchOptions {
  backend: BackendName;
  /** Config overrides on top of training/train/config.ts DEFAULTS (e.g. the tiny preset for --quick). */
  overrides: Record<string, unknown>;
  seqLen: number;
  steps: number;
  /** Square matmul size for the backend's FLOP/s. */
  matmulN: number;
}

export interface TrainBenchResult {
  backend: BackendName;
  reason: string;
  architecture: ModelArchitecture;
  batch: number;
  seqLen: number;
  stepMs: number[];
  matmulGflops: number[];
  /** Non-padding tokens per step (all positions of the synthetic batch are real). */
  tokensPerStep: number;
}

/** A fixed synthetic SFT batch: audio tokens after BOS, random text ids, loss on the second half. */
function syntheticBatch(
  a: ModelArchitecture,
  batch: number,
  seqLen: number,
): { seq: SeqBatch; mels: tf.Tensor3D } {
  const rand = mulberry32(7);
  const n = audioTokensPerWindow(a);
  if (seqLen <= n + 2) throw new Error(`seqLen ${seqLen} must exceed the ${n} audio tokens + 2`);
  const enc: Encoded[] = Array.from({ length: batch }, () => ({
    ids: Array.from({ length: seqLen }, (_, s) =>
      s === 0 ? 1 : s <= n ? AUDIO_TOKEN_ID : 7 + Math.floor(rand() * (a.decoder.vocabSize - 7)),
    ),
    promptLen: Math.max(n + 1, seqLen >> 1),
    nRecordings: 1,
  }));
  const seq = packBatch(
    enc,
    enc.map((_, i) => i),
    n,
  );
  const melData = Float32Array.from(
    { length: batch * a.encoder.nMels * a.encoder.windowFrames },
    () => rand() * 2 - 1,
  );
  return { seq, mels: tf.tensor3d(melData, [batch, a.encoder.nMels, a.encoder.windowFrames]) };
}

function matmulGflops(n: number, reps: number): number[] {
  const a = tf.randomNormal([n, n]);
  const b = tf.randomNormal([n, n]);
  tf.matMul(a, b).dispose(); // warm-up (kernel selection, allocation)
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const c = tf.matMul(a, b);
    c.dataSync();
    out.push((2 * n * n * n) / ((performance.now() - t0) / 1000) / 1e9);
    c.dispose();
  }
  a.dispose();
  b.dispose();
  return out;
}

export async function runTrainBench(o: TrainBenchOptions): Promise<TrainBenchResult> {
  const info = await initBackend({ prefer: o.backend, quiet: true });
  if (info.name !== o.backend) throw new Error(`asked for ${o.backend}, got ${info.name}: ${info.reason}`);
  const cfg: TrainConfig = applyOverrides(DEFAULTS, o.overrides, 'speed-train');
  const a = architectureFor(cfg, cfg.vocabSize, HEAD_LABELS);
  const st: StageState = { vars: toVars(initWeights(a, cfg.seed)), opt: newAdam(cfg), step: 0 };
  const names = sftTrainable(cfg, st);
  const { seq, mels } = syntheticBatch(a, cfg.sftBatch, o.seqLen);
  const stepMs: number[] = [];
  for (let i = 0; i <= o.steps; i++) {
    const t0 = performance.now();
    trainStep(st, names, () => lmLoss(st.vars, a, seq, mels), cfg.sftLr);
    if (i > 0) stepMs.push(performance.now() - t0); // step 0 warms up kernels and allocates optimizer state
  }
  return {
    backend: info.name,
    reason: info.reason,
    architecture: a,
    batch: cfg.sftBatch,
    seqLen: o.seqLen,
    stepMs,
    matmulGflops: matmulGflops(o.matmulN, 5),
    tokensPerStep: cfg.sftBatch * o.seqLen,
  };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  runTrainBench(JSON.parse(process.argv[2] ?? '{}') as TrainBenchOptions).then(
    (r) => console.log(`RESULT ${JSON.stringify(r)}`),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
