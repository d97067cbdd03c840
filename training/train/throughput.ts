// `npx tsx training/train/throughput.ts [--key=value ...]`: measures SFT-step throughput (examples/s, tokens/s) of a
// config on random data with the chosen backend, to size a run before starting it. Prints one JSON line.
import * as tf from '@tensorflow/tfjs';
import { audioTokensPerWindow } from '../../src/core/manifest/architecture';
import { initBackend } from '../backend/index';
import { learningRate } from '../model/adam';
import { lmLoss } from '../model/lm';
import { initWeights } from '../model/params';
import { packBatch, type Encoded } from '../model/sequence';
import { toVars } from '../model/vars';
import { architectureFor, newAdam, trainStep, type StageState } from './common';
import { applyOverrides, DEFAULTS } from './config';
import { HEAD_LABELS } from './data';

export async function measureSft(
  over: Record<string, string>,
  steps = 3,
  seqLen = 100,
): Promise<Record<string, number | string>> {
  const cfg = applyOverrides({ ...DEFAULTS }, over, 'throughput');
  const backend = await initBackend({ quiet: true });
  const arch = architectureFor(cfg, cfg.vocabSize, HEAD_LABELS);
  const n = audioTokensPerWindow(arch);
  const st: StageState = { vars: toVars(initWeights(arch, 1)), opt: newAdam(cfg), step: 0 };
  const names = [...st.vars.keys()].filter((k) => !k.startsWith('enc.') && !k.startsWith('heads.'));
  const enc: Encoded[] = Array.from({ length: cfg.sftBatch }, (_, b) => ({
    ids: [
      1,
      ...Array(n).fill(4),
      ...Array.from({ length: seqLen - n - 1 }, (_, i) => 7 + ((i * 31 + b) % (cfg.vocabSize - 7))),
    ],
    promptLen: n + 20,
    nRecordings: 1,
  }));
  const seq = packBatch(
    enc,
    enc.map((_, i) => i),
    n,
  );
  const mels = tf
    .randomNormal([cfg.sftBatch, arch.encoder.nMels, arch.encoder.windowFrames])
    .dataSync() as Float32Array;
  const shape: [number, number, number] = [cfg.sftBatch, arch.encoder.nMels, arch.encoder.windowFrames];
  trainStep(st, names, () => lmLoss(st.vars, arch, seq, tf.tensor3d(mels, shape)), 1e-3); // warm-up
  const t0 = Date.now();
  for (let i = 0; i < steps; i++)
    trainStep(
      st,
      names,
      () => lmLoss(st.vars, arch, seq, tf.tensor3d(mels, shape)),
      learningRate(i, 1e-3, 1, steps),
    );
  const s = (Date.now() - t0) / 1000 / steps;
  const params = [...st.vars.values()].reduce((a, v) => a + v.size, 0);
  return {
    backend: backend.name,
    params,
    msPerStep: Math.round(s * 1000),
    examplesPerS: cfg.sftBatch / s,
    tokensPerS: (cfg.sftBatch * seqLen) / s,
  };
}

if (process.argv[1]?.endsWith('throughput.ts')) {
  const over = Object.fromEntries(
    process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]),
  );
  measureSft(over).then((r) => console.log(JSON.stringify(r)));
}
