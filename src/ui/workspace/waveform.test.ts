// The waveform envelope spans the full height for a full-scale signal and one column per slice of samples.
import { describe, expect, it } from 'vitest';
import { envelopePath } from './waveform';

describe('envelopePath', () => {
  it('draws a closed min/max outline scaled to the peak', () => {
    const samples = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i / 3) * 0.5);
    const d = envelopePath(samples, 10, 100);
    expect(d.startsWith('M0,')).toBe(true);
    expect(d.endsWith('Z')).toBe(true);
    const ys = [...d.matchAll(/,(-?[\d.]+)/g)].map((m) => Number(m[1]));
    expect(ys).toHaveLength(20);
    expect(Math.min(...ys)).toBeCloseTo(0, 1);
    expect(Math.max(...ys)).toBeCloseTo(100, 1);
    expect(envelopePath(new Float32Array(0))).toBe('');
  });
});
