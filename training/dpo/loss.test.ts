// The preference loss against values worked out by hand for two pairs (DPO, + audio-conditioned term, + anchor).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/index';
import { preferenceLoss } from './loss';

const softplus = (x: number) => Math.log(1 + Math.exp(x));

describe('preferenceLoss', () => {
  beforeAll(async () => {
    await initBackend({ quiet: true });
  });
  const t = (xs: number[]) => tf.tensor1d(xs);
  const policy = () => ({ chosen: t([-1, -2]), rejected: t([-3, -1]), chosenDegraded: t([-1.2, -2.5]) });
  const ref = () => ({ chosen: t([-1.5, -2]), rejected: t([-2.5, -1.5]), chosenDegraded: t([-1.4, -2.2]) });

  it('DPO: mean −log σ(β(Δc − Δr))', () => {
    // Δc = [0.5, 0], Δr = [−0.5, 0.5]; β = 0.5 → margins [0.5, −0.25].
    const out = preferenceLoss(policy(), ref(), { beta: 0.5, mdpoWeight: 0, anchorWeight: 0 });
    const want = (softplus(-0.5) + softplus(0.25)) / 2;
    console.log(`DPO loss ${out.loss.dataSync()[0]} (hand: ${want})`);
    expect(out.loss.dataSync()[0]).toBeCloseTo(want, 6);
    expect(out.margin.dataSync()[0]).toBeCloseTo(0.125, 6);
    expect(out.accuracy.dataSync()[0]).toBe(0.5);
  });

  it('mDPO adds the clean-vs-degraded term and the anchor', () => {
    // Δc′ = [0.2, −0.3] → β(Δc − Δc′) = [0.15, 0.15]; anchor βΔc = [0.25, 0].
    const out = preferenceLoss(policy(), ref(), { beta: 0.5, mdpoWeight: 2, anchorWeight: 0.5 });
    const dpo = (softplus(-0.5) + softplus(0.25)) / 2;
    const cond = softplus(-0.15);
    const anchor = (softplus(-0.25) + softplus(0)) / 2;
    const want = dpo + 2 * cond + 0.5 * anchor;
    console.log(`mDPO loss ${out.loss.dataSync()[0]} (hand: ${want})`);
    expect(out.loss.dataSync()[0]).toBeCloseTo(want, 6);
  });

  it('asks for the degraded scores when the audio term is on', () => {
    expect(() =>
      preferenceLoss(
        { chosen: t([0]), rejected: t([0]) },
        { chosen: t([0]), rejected: t([0]) },
        { beta: 1, mdpoWeight: 1, anchorWeight: 0 },
      ),
    ).toThrow(/degraded/);
  });
});
