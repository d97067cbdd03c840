// AdamW with global-norm gradient clipping, whose moments are plain tensors so they can be saved in a
// checkpoint (optimizer.bin) and a resumed run continues bit-for-bit.
import * as tf from '@tensorflow/tfjs';
import type { WeightMap } from '../checkpoint/index';
import type { Vars } from './vars';

export interface AdamHyper {
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  clipNorm: number;
}

export class AdamW {
  step = 0;
  private m = new Map<string, tf.Tensor>();
  private v = new Map<string, tf.Tensor>();

  constructor(readonly hyper: AdamHyper) {}

  /** Applies one update to the named variables; returns the pre-clip global gradient norm. */
  apply(vars: Vars, grads: Map<string, tf.Tensor>, lr: number): number {
    const { beta1, beta2, eps, weightDecay, clipNorm } = this.hyper;
    this.step++;
    const norm = tf.tidy(() =>
      Math.sqrt(tf.addN([...grads.values()].map((g) => tf.sum(tf.square(g)))).dataSync()[0]),
    );
    const scale = norm > clipNorm ? clipNorm / norm : 1;
    const bc1 = 1 - Math.pow(beta1, this.step);
    const bc2 = 1 - Math.pow(beta2, this.step);
    for (const [name, g0] of grads) {
      const variable = vars.get(name)!;
      const [m, v] = tf.tidy(() => {
        const g = tf.mul(g0, scale);
        const m1 = tf.add(tf.mul(this.m.get(name) ?? tf.zerosLike(g), beta1), tf.mul(g, 1 - beta1));
        const v1 = tf.add(
          tf.mul(this.v.get(name) ?? tf.zerosLike(g), beta2),
          tf.mul(tf.square(g), 1 - beta2),
        );
        const upd = tf.div(tf.div(m1, bc1), tf.add(tf.sqrt(tf.div(v1, bc2)), eps));
        // Decoupled weight decay on matrices only (not norms, biases).
        const decay = variable.shape.length > 1 ? tf.mul(variable, weightDecay) : tf.scalar(0);
        variable.assign(tf.sub(variable, tf.mul(tf.add(upd, decay), lr)));
        return [m1, v1];
      });
      this.m.get(name)?.dispose();
      this.v.get(name)?.dispose();
      this.m.set(name, m);
      this.v.set(name, v);
    }
    return norm;
  }

  /** Moments as a weight map ("m.<name>", "v.<name>"). */
  state(): WeightMap {
    const out: WeightMap = new Map();
    for (const [k, map] of [['m', this.m] as const, ['v', this.v] as const])
      for (const [name, t] of map)
        out.set(`${k}.${name}`, { shape: [...t.shape], data: t.dataSync() as Float32Array });
    return out;
  }

  load(step: number, state: WeightMap): void {
    this.dispose();
    this.step = step;
    for (const [key, w] of state) {
      const dot = key.indexOf('.');
      const map = key.slice(0, dot) === 'm' ? this.m : this.v;
      map.set(key.slice(dot + 1), tf.tensor(w.data, w.shape));
    }
  }

  dispose(): void {
    for (const t of [...this.m.values(), ...this.v.values()]) t.dispose();
    this.m.clear();
    this.v.clear();
  }
}

/** Linear warmup then cosine decay to `minFrac`·lr at `total` steps. */
export function learningRate(step: number, lr: number, warmup: number, total: number, minFrac = 0.1): number {
  if (step < warmup) return (lr * (step + 1)) / warmup;
  const p = Math.min(1, (step - warmup) / Math.max(1, total - warmup));
  return lr * (minFrac + (1 - minFrac) * 0.5 * (1 + Math.cos(Math.PI * p)));
}
