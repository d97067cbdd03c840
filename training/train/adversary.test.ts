// The gradient-reversed source head: the reversal negates and scales the gradient, the masks keep each domain to its
// own sources, and training against it makes the sources harder to tell apart while the head itself keeps trying.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CorpusEntry } from '../../src/core/clinical/corpus';
import { initBackend } from '../backend/index';
import { mulberry32 } from '../model/params';
import {
  ADV_CLASSES,
  adversaryMode,
  reversalScale,
  scaleGradient,
  sourceLoss,
  sourceMasks,
  sourceTargets,
} from './adversary';

beforeAll(async () => initBackend({ quiet: true }));

const entry = (source: string, domain: 'heart' | 'lung') => ({ source, domain }) as unknown as CorpusEntry;

describe('scaleGradient', () => {
  it('is the identity forward and multiplies the gradient by k (−0.5 reverses and halves it, 0 stops it)', () => {
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const f = (k: number) => (t: tf.Tensor) => tf.sum(tf.mul(scaleGradient(t, k), tf.square(t)));
    expect(Array.from(scaleGradient(x, -0.5).dataSync())).toEqual([1, 2, 3, 4]);
    // d/dt Σ g(t)·t² = k·t² + 2t·t (g's own gradient scaled by k)
    const at = (k: number) => Array.from(tf.grad(f(k))(x).dataSync());
    expect(at(-0.5)).toEqual([1, 2, 3, 4].map((t) => 1.5 * t * t));
    expect(at(0)).toEqual([1, 2, 3, 4].map((t) => 2 * t * t));
    expect(() => adversaryMode('flip')).toThrow(/sourceAdvMode/);
  });

  it('the DANN schedule rises from 0 to almost 1', () => {
    expect(reversalScale(0, 100)).toBe(0);
    expect(reversalScale(50, 100)).toBeCloseTo(2 / (1 + Math.exp(-5)) - 1, 9);
    expect(reversalScale(100, 100)).toBeGreaterThan(0.999);
  });
});

describe('source masks and targets', () => {
  it('a heart recording chooses among heart sources only', () => {
    const masks = sourceMasks([
      entry('circor', 'heart'),
      entry('pascal', 'heart'),
      entry('sprsound', 'lung'),
    ]);
    const t = sourceTargets([entry('pascal', 'heart'), entry('sprsound', 'lung')], masks);
    const S = ADV_CLASSES.length;
    const open = (row: number) => ADV_CLASSES.filter((_, k) => t.mask[row * S + k] === 0);
    expect(open(0)).toEqual(['circor', 'pascal']);
    expect(open(1)).toEqual(['sprsound']);
    expect(open(2)).toEqual(['circor', 'pascal']); // the second view repeats the picks
    expect(t.y[0 * S + ADV_CLASSES.indexOf('pascal')]).toBe(1);
    expect(t.y[1 * S + ADV_CLASSES.indexOf('sprsound')]).toBe(1);
    expect(() => sourceMasks([entry('nowhere', 'heart')])).toThrow(/unknown source/);
  });
});

describe('training against the source head', () => {
  it("the head learns the sources on fixed features; learning against it ('confuse') removes the source offset", () => {
    // Features: a source offset in dimension 0 plus noise; a trainable linear "encoder" W feeds the head.
    const rand = mulberry32(3);
    const picks = Array.from({ length: 32 }, (_, i) => entry(i % 2 ? 'circor' : 'pascal', 'heart'));
    const raw = tf.tensor2d(
      Array.from({ length: 64 }, (_, i) => [((i % 32) % 2 ? 1 : -1) * 2 + rand() - 0.5, rand() - 0.5]),
    );
    const masks = sourceMasks(picks);
    const t = sourceTargets(picks, masks);
    const run = (scale: number, mode: 'reverse' | 'confuse') => {
      const W = tf.variable(tf.eye(2));
      const hw = tf.variable(tf.zeros([2, ADV_CLASSES.length]));
      const hb = tf.variable(tf.zeros([ADV_CLASSES.length]));
      const opt = tf.train.sgd(0.2);
      for (let s = 0; s < 150; s++)
        opt.minimize(() => sourceLoss(tf.matMul(raw, W), hw, hb, t, scale, mode).loss, false, [W, hw, hb]);
      const sep = Math.abs(W.arraySync()[0][0]); // how much of the source offset the "encoder" still passes on
      return { sep, acc: sourceLoss(tf.matMul(raw, W), hw, hb, t, 0, mode).accuracy };
    };
    const fixed = run(0, 'confuse');
    const confused = run(1, 'confuse');
    const reversed = run(1, 'reverse');
    console.log(
      `|W00| fixed ${fixed.sep.toFixed(3)}, confuse ${confused.sep.toFixed(3)}, reverse ${reversed.sep.toFixed(3)}; ` +
        `head accuracy ${fixed.acc} / ${confused.acc} / ${reversed.acc}`,
    );
    expect(fixed.acc).toBe(1);
    expect(fixed.sep).toBe(1);
    expect(confused.sep).toBeLessThan(0.25);
    expect(confused.acc).toBeLessThan(0.75); // two sources: chance is 0.5
    // The negated gradient flips the features' sign instead of removing the offset, and the head follows.
    expect(reversed.acc).toBe(1);
  });
});
