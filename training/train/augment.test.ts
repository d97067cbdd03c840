// Channel and device augmentations, checked by measuring what they do: where a band limit starts and how deep it is,
// the signal-to-noise ratio a noise bed lands at, the heart rate a time stretch gives, and which frames clipping hits.
import { describe, expect, it } from 'vitest';
import { FEATURE_CONFIG } from '../../src/core/features/config';
import { logMel } from '../../src/core/features/logmel';
import { mulberry32 } from '../model/params';
import {
  addNoiseBed,
  augmentedCrop,
  bandLimit,
  bellMode,
  clipLoudest,
  melCentresHz,
  NEPERS_PER_DB,
  quietBed,
  stretchedCrop,
  synthNoiseBank,
} from './augment';

const { nMels } = FEATURE_CONFIG;
const frames = 64;
const flat = (v = -3) => new Float32Array(nMels * frames).fill(v);
const power = (x: Float32Array) => x.reduce((s, v) => s + Math.exp(v), 0);

describe('bandLimit', () => {
  it('leaves bands inside the pass band alone and attenuates above the cut-off by 48 dB/octave, capped', () => {
    const x = flat(0);
    bandLimit(x, nMels, 0, 1000, 25);
    const centres = melCentresHz();
    for (let m = 0; m < nMels; m++) {
      const att = -x[m * frames];
      const f = centres[m];
      if (f <= 1000) expect(Math.abs(att)).toBe(0);
      else expect(att).toBeCloseTo(Math.min(25, 48 * NEPERS_PER_DB * Math.log2(f / 1000)), 5);
    }
    expect(-x[(nMels - 1) * frames]).toBeGreaterThan(10); // the top band (≈1.95 kHz), nearly an octave above 1 kHz
  });

  it('a low cut (diaphragm, phone microphone) attenuates below loHz at 12 dB/octave', () => {
    const x = flat(0);
    bandLimit(x, nMels, 200, Infinity);
    const centres = melCentresHz();
    const m = centres.findIndex((f) => f > 100);
    expect(-x[m * frames]).toBeCloseTo(12 * NEPERS_PER_DB * Math.log2(200 / centres[m]), 5);
    expect(x[(nMels - 1) * frames]).toBe(0);
  });
});

describe('bellMode', () => {
  it('falls 18 dB per octave above the corner, to 30 dB, and lifts the lows by at most 6 dB', () => {
    const x = flat(0);
    bellMode(x, nMels, 250, 1);
    const centres = melCentresHz();
    for (let m = 0; m < nMels; m++) {
      const g = x[m * frames] / NEPERS_PER_DB; // dB
      const f = centres[m];
      if (f > 250) expect(g).toBeCloseTo(-Math.min(30, 18 * Math.log2(f / 250)), 4);
      else {
        expect(g).toBeGreaterThanOrEqual(0);
        expect(g).toBeLessThanOrEqual(6 + 1e-9);
      }
    }
    expect(x[(nMels - 1) * frames] / NEPERS_PER_DB).toBeCloseTo(-30, 4); // ≈2 kHz, three octaves above the corner
    const lowest = x[0] / NEPERS_PER_DB;
    expect(lowest).toBeGreaterThan(3); // the lowest band sits ≥ 1.5 octaves under the corner
  });

  it('with augBell 0, augmentedCrop draws nothing for it: the crop is identical to one made without the option', () => {
    const m = logMel(Float32Array.from({ length: 4000 * 4 }, (_, i) => Math.sin(i / 7) * Math.sin(i / 3000)));
    const o = { augment: 0.7, augBand: 0.5, augNoise: 0, augStretch: 0.5, augClip: 0.15 };
    const a = augmentedCrop(m, 64, mulberry32(9), o, undefined);
    const b = augmentedCrop(m, 64, mulberry32(9), { ...o, augBell: 0 }, undefined);
    expect(b.x).toEqual(a.x);
    const c = augmentedCrop(m, 64, mulberry32(9), { ...o, augBell: 1 }, undefined);
    expect(c.x).not.toEqual(a.x);
  });
});

describe('addNoiseBed', () => {
  it('lands at the requested SNR: the added power is the signal power divided by 10^(SNR/10)', () => {
    const rand = mulberry32(3);
    for (const snr of [0, 10, 30]) {
      const x = Float32Array.from({ length: nMels * frames }, () => -4 + 3 * rand());
      const bed = Float32Array.from({ length: nMels * frames }, () => -8 + 2 * rand());
      const before = power(x);
      addNoiseBed(x, bed, snr);
      const added = power(x) - before;
      expect(10 * Math.log10(before / added)).toBeCloseTo(snr, 3); // float32 log-mel values
    }
  });

  it('a quiet bed comes from the quietest quarter of the recording', () => {
    const nFrames = 200;
    const data = new Float32Array(nMels * nFrames);
    for (let m = 0; m < nMels; m++)
      for (let t = 0; t < nFrames; t++) data[m * nFrames + t] = t < 50 ? -10 : -1; // frames 0..49 quiet
    const bed = quietBed({ nMels, nFrames, data }, frames, mulberry32(1));
    expect(bed.every((v) => v === -10)).toBe(true);
  });
});

describe('stretchedCrop', () => {
  it('reads the recording at the stretch rate: a 1 Hz beat becomes 1.25 Hz at rate 1.25', () => {
    const hopS = FEATURE_CONFIG.hopSamples / FEATURE_CONFIG.sampleRateHz;
    const nFrames = 2000;
    const data = new Float32Array(nMels * nFrames);
    for (let t = 0; t < nFrames; t++) data[t] = Math.cos(2 * Math.PI * 1 * t * hopS); // band 0 beats at 1 Hz
    const out = stretchedCrop({ nMels, nFrames, data }, 0, 1000, 1.25);
    // Count rising zero crossings over 1000 frames (20 s): 1.25 Hz → 25 beats.
    let beats = 0;
    for (let j = 1; j < 1000; j++) if (out[j - 1] < 0 && out[j] >= 0) beats++;
    expect(beats).toBe(25);
  });
});

describe('clipLoudest', () => {
  it('adds broadband energy to the loudest frames only', () => {
    const x = flat(-6);
    for (let m = 0; m < 8; m++) for (const t of [5, 20]) x[m * frames + t] = 2; // two loud low-band frames
    const before = x.slice();
    const n = clipLoudest(x, nMels, 2 / frames, 2);
    expect(n).toBe(2);
    for (let t = 0; t < frames; t++) {
      const changed = x[(nMels - 1) * frames + t] > before[(nMels - 1) * frames + t];
      expect(changed).toBe(t === 5 || t === 20);
    }
  });
});

describe('augmentedCrop', () => {
  it('is deterministic for a seed and reports the stretch rate within ×0.8–1.25', () => {
    const m = logMel(
      Float32Array.from({ length: 4000 * 12 }, (_, i) => Math.sin(i / 7) * (1 + Math.sin(i / 3000))),
    );
    const bank = synthNoiseBank(2, 256, 5);
    const opts = { augment: 0.7, augBand: 1, augNoise: 1, augStretch: 1, augClip: 1 };
    const noise = { bank, other: () => m };
    const a = augmentedCrop(m, 256, mulberry32(9), opts, noise);
    const b = augmentedCrop(m, 256, mulberry32(9), opts, noise);
    expect(a.x).toEqual(b.x);
    expect(a.rate).toBeGreaterThanOrEqual(0.8);
    expect(a.rate).toBeLessThanOrEqual(1.25);
    expect(a.x.every(Number.isFinite)).toBe(true);
  });
});
