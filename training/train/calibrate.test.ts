// Temperature fitting recovers the scale of over-confident logits.
import { describe, expect, it } from 'vitest';
import { fitTemperature } from './calibrate';
import { mulberry32 } from '../model/params';

describe('fitTemperature', () => {
  it('finds T≈3 for logits that are 3× too confident, and T≈1 for calibrated ones', () => {
    const rand = mulberry32(5);
    const make = (scale: number) => {
      const probs: number[] = [];
      const labels: (0 | 1)[] = [];
      for (let i = 0; i < 4000; i++) {
        const z = (rand() - 0.5) * 8;
        labels.push(rand() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
        probs.push(1 / (1 + Math.exp(-z * scale)));
      }
      return fitTemperature(probs, labels);
    };
    const over = make(3);
    const calibrated = make(1);
    console.log(`fitted T: over-confident ${over.toFixed(2)}, calibrated ${calibrated.toFixed(2)}`);
    expect(over).toBeGreaterThan(2.4);
    expect(over).toBeLessThan(3.7);
    expect(calibrated).toBeGreaterThan(0.8);
    expect(calibrated).toBeLessThan(1.25);
  });
});
