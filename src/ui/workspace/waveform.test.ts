// The waveform envelope spans the full height for a full-scale signal and has one column per bin.
import { describe, expect, it } from 'vitest';
import { PeaksAccumulator } from '../../core/audio/peaks';
import { envelopePath } from './waveform';

describe('envelopePath', () => {
  it('draws a closed min/max outline scaled to the peak', () => {
    const samples = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i / 3) * 0.5);
    const acc = new PeaksAccumulator(samples.length, 10);
    acc.add(samples, 0);
    const d = envelopePath(acc.result(1000), 100);
    expect(d.startsWith('M0,')).toBe(true);
    expect(d.endsWith('Z')).toBe(true);
    const ys = [...d.matchAll(/,(-?[\d.]+)/g)].map((m) => Number(m[1]));
    expect(ys).toHaveLength(20);
    expect(Math.min(...ys)).toBeCloseTo(0, 1);
    expect(Math.max(...ys)).toBeCloseTo(100, 1);
    expect(envelopePath({ min: new Float32Array(0), max: new Float32Array(0) })).toBe('');
  });
});
