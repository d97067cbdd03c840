// Respiratory rate on synthetic lung sounds (src/core/synth) with known rates, with and without adventitious sounds.
import { describe, expect, it } from 'vitest';
import { synthesizeLung, type LungOptions } from '../synth';
import { estimateRespiratoryRate } from './respiration';

describe('estimateRespiratoryRate', () => {
  it('finds the synthesised rate within 10 % on ≥ 90 % of recordings (8–45 breaths/min)', () => {
    const extras: Partial<LungOptions>[] = [
      {},
      { crackles: { kind: 'coarse' } },
      { wheeze: { frequenciesHz: [400], phase: 'expiratory' } },
    ];
    let within = 0;
    let total = 0;
    const misses: string[] = [];
    for (const rate of [8, 12, 20, 30, 45])
      for (const seed of [1, 2])
        for (const extra of extras) {
          const durationS = Math.max(20, Math.ceil((4 * 60) / rate));
          const lung = synthesizeLung({
            seed,
            durationS,
            sampleRateHz: 4000,
            respiratoryRateBpm: rate,
            ...extra,
          });
          const { breathsPerMin } = estimateRespiratoryRate(lung.samples, lung.sampleRateHz);
          total++;
          if (breathsPerMin !== null && Math.abs(breathsPerMin - rate) / rate <= 0.1) within++;
          else
            misses.push(
              `${rate}/min seed ${seed} ${Object.keys(extra).join('') || 'plain'} → ${breathsPerMin?.toFixed(1)}`,
            );
        }
    console.log(
      `respiratory rate (synthetic): ${within}/${total} within 10 %; misses: ${misses.join('; ') || 'none'}`,
    );
    expect(within / total).toBeGreaterThanOrEqual(0.9);
  });

  it('gives no rate for unmodulated noise, silence, or too short a recording', () => {
    let seed = 11;
    const noise = Float32Array.from(
      { length: 4000 * 30 },
      () => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5,
    );
    expect(estimateRespiratoryRate(noise, 4000).confidence).toBeLessThan(0.3);
    expect(estimateRespiratoryRate(new Float32Array(4000 * 20), 4000).breathsPerMin).toBeNull();
    const short = synthesizeLung({ seed: 1, durationS: 4, sampleRateHz: 4000, respiratoryRateBpm: 8 });
    expect(estimateRespiratoryRate(short.samples, 4000).breathsPerMin).toBeNull();
  });
});
