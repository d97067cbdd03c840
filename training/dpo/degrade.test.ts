// Measures what each degradation produces: the SNR of the added noise, the attenuation above the 1 kHz band limit,
// and the cropped length; and that every transform is deterministic per key.
import { describe, expect, it } from 'vitest';
import { fft, fftPlan } from '../../src/core/features/fft';
import { gaussian, mulberry32 } from '../model/params';
import { addNoise, degrade, DEGRADATIONS, deviceResponse, lowPass, timeCrop } from './degrade';

const SR = 4000;
const g = gaussian(mulberry32(3));
const white = Float32Array.from({ length: 1 << 15 }, () => 0.1 * g());
const tone = Float32Array.from({ length: 20_000 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 150 * i) / SR));

/** Mean power spectrum over Hann-windowed 1024-point frames (the window keeps leakage from masking the stop band). */
function spectrum(x: Float32Array, n = 1024): Float64Array {
  const plan = fftPlan(n);
  const p = new Float64Array(n / 2);
  for (let at = 0; at + n <= x.length; at += n) {
    const re = Float64Array.from(
      x.subarray(at, at + n),
      (v, i) => v * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n)),
    );
    const im = new Float64Array(n);
    fft(re, im, plan);
    for (let k = 0; k < n / 2; k++) p[k] += re[k] ** 2 + im[k] ** 2;
  }
  return p;
}

function bandPowerDb(p: Float64Array, loHz: number, hiHz: number, n = 1024): number {
  let s = 0;
  for (let k = Math.ceil((loHz * n) / SR); k <= Math.floor((hiHz * n) / SR); k++) s += p[k];
  return 10 * Math.log10(s);
}

describe('degradations', () => {
  it.each([20, 10, 5])('noise at %i dB SNR measures that SNR', (snr) => {
    const y = addNoise(tone, snr, 7);
    let ps = 0;
    let pn = 0;
    for (let i = 0; i < y.length; i++) {
      ps += tone[i] ** 2;
      pn += (y[i] - tone[i]) ** 2;
    }
    const measured = 10 * Math.log10(ps / pn);
    console.log(`noise ${snr} dB: measured SNR ${measured.toFixed(3)} dB`);
    expect(Math.abs(measured - snr)).toBeLessThan(0.01);
  });

  it('band-limiting to 1 kHz removes what is above it and keeps the band below', () => {
    const inP = spectrum(white);
    const outP = spectrum(lowPass(white, SR, 1000));
    const pass = bandPowerDb(outP, 100, 700) - bandPowerDb(inP, 100, 700);
    const stop = bandPowerDb(outP, 1500, 1950) - bandPowerDb(inP, 1500, 1950);
    console.log(`lowpass 1 kHz: 100–700 Hz ${pass.toFixed(2)} dB, 1.5–1.95 kHz ${stop.toFixed(1)} dB`);
    expect(pass).toBeGreaterThan(-1);
    expect(stop).toBeLessThan(-40);
  });

  it('a device response band-limits at its drawn edges, keeps the RMS, and differs between keys', () => {
    for (const seed of [1, 2, 3]) {
      const { samples, draw } = deviceResponse(white, SR, seed);
      const inP = spectrum(white);
      const outP = spectrum(samples);
      // Two octaves below the low edge, and from an octave above the high edge, the 4th-order Butterworth edges (24 dB per
      // octave) outweigh the ±9 dB resonances and the tilt.
      const hiStop =
        draw.highHz * 2 < SR / 2 - 100
          ? bandPowerDb(outP, draw.highHz * 2, SR / 2 - 50) - bandPowerDb(inP, draw.highHz * 2, SR / 2 - 50)
          : null;
      const loStop = bandPowerDb(outP, 5, draw.lowHz / 4) - bandPowerDb(inP, 5, draw.lowHz / 4);
      const rms = (v: Float32Array) => Math.sqrt(v.reduce((s, a) => s + a * a, 0) / v.length);
      console.log(
        `device ${seed}: ${draw.lowHz.toFixed(0)}–${draw.highHz.toFixed(0)} Hz, tilt ${draw.tiltDb.toFixed(1)} dB, below ${loStop.toFixed(1)} dB, above ${hiStop?.toFixed(1) ?? 'n/a'} dB`,
      );
      expect(loStop).toBeLessThan(-25);
      if (hiStop !== null) expect(hiStop).toBeLessThan(-15);
      expect(rms(samples)).toBeCloseTo(rms(white), 4);
    }
    expect(deviceResponse(white, SR, 1).draw).not.toEqual(deviceResponse(white, SR, 2).draw);
  });

  it('the 30% time crop keeps one contiguous 70% of the recording', () => {
    const x = Float32Array.from({ length: 10_000 }, (_, i) => i);
    const y = timeCrop(x, 0.3, 11);
    console.log(
      `crop30: ${x.length} → ${y.length} samples (${((100 * y.length) / x.length).toFixed(1)}%), starts at ${y[0]}`,
    );
    expect(y.length).toBe(7000);
    expect(y.every((v, i) => i === 0 || v === y[i - 1] + 1)).toBe(true);
  });

  it('is deterministic per key and differs between keys', () => {
    for (const d of Object.values(DEGRADATIONS)) {
      const a = degrade(tone, SR, d, 'item-1/0');
      expect(degrade(tone, SR, d, 'item-1/0')).toEqual(a);
    }
    const n1 = degrade(tone, SR, DEGRADATIONS.noise10, 'item-1/0');
    const n2 = degrade(tone, SR, DEGRADATIONS.noise10, 'item-2/0');
    expect(n1).not.toEqual(n2);
  });
});
