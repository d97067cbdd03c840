// Trainable variables keyed by checkpoint weight name, and conversion to/from checkpoint weight maps.
import * as tf from '@tensorflow/tfjs';
import type { WeightMap } from '../checkpoint/index';

export type Vars = Map<string, tf.Variable>;
/** tfjs variable names are global: a counter keeps two models of the same architecture apart. */
let created = 0;

/** Creates tf.Variables from a weight map (names kept, trainable). */
export function toVars(w: WeightMap): Vars {
  const out: Vars = new Map();
  for (const [name, { shape, data }] of w)
    out.set(name, tf.variable(tf.tensor(data, shape), true, `${name}#${created++}`));
  return out;
}

/** Copies variables back to plain arrays for a checkpoint. */
export function fromVars(v: Vars): WeightMap {
  const out: WeightMap = new Map();
  for (const [name, t] of v) out.set(name, { shape: [...t.shape], data: t.dataSync() as Float32Array });
  return out;
}

/** The variable called `name`; throws with the missing name so shape/name drift is obvious. */
export function need<T extends tf.Tensor = tf.Tensor>(v: Vars, name: string): T {
  const t = v.get(name);
  if (!t) throw new Error(`model weight ${name} is missing`);
  return t as unknown as T;
}

export function disposeVars(v: Vars): void {
  for (const t of v.values()) t.dispose();
  v.clear();
}
