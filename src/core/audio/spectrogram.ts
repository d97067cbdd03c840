// A magnitude spectrogram of a few seconds of audio, in dB scaled to bytes: what the viewer draws under a long
// recording's waveform for the window around the playhead (the audio worker computes it; the page only draws bytes).
import { fft, fftPlan } from '../features/fft';

export interface Spectrogram {
  /** Seconds of the recording the frames cover, [fromS, toS): frame f stands for an equal share of it. */
  fromS: number;
  toS: number;
  frames: number;
  /** Frequency rows: row b is the FFT bin at b · binHz (row 0 is 0 Hz), up to maxHz. */
  bins: number;
  binHz: number;
  maxHz: number;
  /** Frame-major [frames][bins]: values[f · bins + b]; 255 is topDb, 0 is rangeDb or more below it. */
  values: Uint8Array;
  /** The level of 255 in dB re full scale (a full-scale sine is 0 dB): the window's loudest bin (silence: 0 only). */
  topDb: number;
  rangeDb: number;
}

export interface SpectrogramOptions {
  /** Highest frequency shown (lowered to the Nyquist frequency where the rate is lower). */
  maxHz: number;
  /** Hann window length, zero-padded to a power of two for the FFT. */
  windowMs: number;
  /** Nominal spacing of frames; the exact spacing divides the stretch into whole frames. */
  hopMs: number;
  /** Levels this far below the loudest bin or further are drawn as 0. */
  rangeDb: number;
}

/** 64 ms windows (16 Hz bins or finer) every 16 ms, 80 dB shown: like the short-recording view's spectrogram. */
export const SPECTROGRAM_DEFAULTS: Omit<SpectrogramOptions, 'maxHz'> = {
  windowMs: 64,
  hopMs: 16,
  rangeDb: 80,
};

/** Amplitudes below this (−200 dB) are floored, so silence has a level. */
const FLOOR_AMPLITUDE = 1e-10;
const FLOOR_DB = 20 * Math.log10(FLOOR_AMPLITUDE);

/** dB re full scale of every frame × bin of `samples`; frame f's window is centred on its share of the stretch. */
function levelsDb(samples: Float32Array, sampleRateHz: number, opts: SpectrogramOptions) {
  const n = samples.length;
  const win = Math.max(2, Math.round((opts.windowMs / 1000) * sampleRateHz));
  const plan = fftPlan(2 ** Math.ceil(Math.log2(win)));
  const binHz = sampleRateHz / plan.size;
  const bins = Math.min(plan.size / 2, Math.floor(opts.maxHz / binHz)) + 1;
  const frames = Math.max(1, Math.round(n / ((opts.hopMs / 1000) * sampleRateHz)));
  const hann = Float64Array.from({ length: win }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / win));
  const toAmplitude = 4 / win; // a sine of amplitude A peaks at A · win / 4 through a Hann window
  const re = new Float64Array(plan.size);
  const im = new Float64Array(plan.size);
  const db = new Float32Array(frames * bins);
  for (let f = 0; f < frames; f++) {
    // samples outside the stretch count as zeros: the stretch is all that was read
    const start = Math.round(((f + 0.5) * n) / frames - win / 2);
    re.fill(0);
    im.fill(0);
    for (let i = Math.max(0, -start); i < win && start + i < n; i++) re[i] = samples[start + i] * hann[i];
    fft(re, im, plan);
    for (let b = 0; b < bins; b++) {
      const amplitude = Math.hypot(re[b], im[b]) * toAmplitude;
      db[f * bins + b] = 20 * Math.log10(Math.max(amplitude, FLOOR_AMPLITUDE));
    }
  }
  return { db, frames, bins, binHz };
}

/** The spectrogram of `samples` (mono, at `sampleRateHz`), the stretch of a recording that starts at `fromS`. */
export function spectrogramOf(
  samples: Float32Array,
  sampleRateHz: number,
  fromS: number,
  opts: SpectrogramOptions,
): Spectrogram {
  const { db, frames, bins, binHz } = levelsDb(samples, sampleRateHz, opts);
  // the loudest bin is the top, but never so low that the floor (silence) would be drawn above 0
  const topDb = Math.max(
    db.reduce((a, b) => Math.max(a, b), -Infinity),
    FLOOR_DB + opts.rangeDb,
  );
  const values = new Uint8Array(db.length);
  for (let i = 0; i < db.length; i++) {
    const v = Math.round((255 * (db[i] - topDb + opts.rangeDb)) / opts.rangeDb);
    values[i] = Math.max(0, Math.min(255, v));
  }
  return {
    fromS,
    toS: fromS + samples.length / sampleRateHz,
    frames,
    bins,
    binHz,
    maxHz: (bins - 1) * binHz,
    values,
    topDb,
    rangeDb: opts.rangeDb,
  };
}
