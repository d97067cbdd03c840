// The one PRNG keeps the sequences of the copies it replaced: training, the task renderers and the synthesizer.
import { describe, expect, it } from 'vitest';
import { hashString, mulberry32 } from './random';
import { RandomStream } from './synth/prng';
import { makeRng } from './tasks/random';

// Expected values: the outputs of the three copies this module replaced (training/model/params.ts mulberry32,
// src/core/tasks/random.ts makeRng, src/core/synth/prng.ts Rng), run at their last commit before the merge.
describe('the one PRNG', () => {
  it('gives the same mulberry32 sequence as before', () => {
    const r = mulberry32(42);
    expect([r(), r(), r()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });

  it('seeds the task renderers from a string hash, as before', () => {
    expect(hashString('auscult')).toBe(2994711276);
    expect(makeRng('item-7')()).toBe(0.8609545819927007);
    expect(makeRng('item-7')()).toBe(mulberry32(hashString('item-7'))());
  });

  it("keeps the synthesizer's streams, forks and normals unchanged", () => {
    const r = new RandomStream(5, 'murmur');
    const f = r.fork('x');
    expect([r.next(), r.next(), r.normal(), f.next()]).toEqual([
      0.3699750271625817, 0.3933738237246871, 0.8907901261882945, 0.5282553904689848,
    ]);
  });
});
