// The log-mel spectrogram fed to the model (definition in config.ts), resampling to the model rate, and the split into
// fixed model windows.
import { resample } from '../audio/resample';
import { FEATURE_CONFIG, type FeatureConfig } from './config';
import { fft, fftPlan } from './fft';

export interface LogMel {
  nMels: number;
  nFrames: number;
  /** Row-major [nMels][nFrames]: data[m · nFrames + t]. */
  data: Float32Array;
}

export const hzToMel = (hz: number): number => 2595 * Math.log10(1 + hz / 700);
export const melToHz = (mel: number): number => 700 * (10 ** (mel / 2595) - 1);

interface MelFilter {
  firstBin: number;
  weights: Float64Array;
}

/** Triangles on the HTK mel scale, peak 1, evaluated at the FFT bin centre frequencies k · sampleRateHz / fftSize. */
function melFilters(cfg: FeatureConfig): MelFilter[] {
  const melLo = hzToMel(cfg.fMinHz);
  const step = (hzToMel(cfg.fMaxHz) - melLo) / (cfg.nMels + 1);
  const edges = Array.from({ length: cfg.nMels + 2 }, (_, i) => melToHz(melLo + i * step));
  const binHz = cfg.sampleRateHz / cfg.fftSize;
  return Array.from({ length: cfg.nMels }, (_, m) => {
    const [lo, mid, hi] = [edges[m], edges[m + 1], edges[m + 2]];
    const firstBin = Math.max(0, Math.ceil(lo / binHz));
    const lastBin = Math.min(cfg.fftSize / 2, Math.floor(hi / binHz));
    const weights = new Float64Array(Math.max(0, lastBin - firstBin + 1));
    for (let k = firstBin; k <= lastBin; k++) {
      const f = k * binHz;
      weights[k - firstBin] = Math.max(0, Math.min((f - lo) / (mid - lo), (hi - f) / (hi - mid)));
    }
    return { firstBin, weights };
  });
}

interface Plan {
  window: Float64Array;
  filters: MelFilter[];
}

const plans = new Map<string, Plan>();

function planFor(cfg: FeatureConfig): Plan {
  const key = JSON.stringify(cfg);
  let plan = plans.get(key);
  if (!plan) {
    if (cfg.windowSamples > cfg.fftSize) throw new RangeError('windowSamples must not exceed fftSize');
    const n = cfg.windowSamples; // periodic Hann: the DFT-even window, w[n] = 0.5 − 0.5 cos(2πn / N)
    const window = Float64Array.from({ length: n }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n));
    plan = { window, filters: melFilters(cfg) };
    plans.set(key, plan);
  }
  return plan;
}

/** Number of centre=false frames for n samples (a recording shorter than one window still gives one frame). */
export function frameCount(n: number, cfg: FeatureConfig = FEATURE_CONFIG): number {
  return n <= cfg.windowSamples ? 1 : 1 + Math.floor((n - cfg.windowSamples) / cfg.hopSamples);
}

/** Log-mel spectrogram of samples already at cfg.sampleRateHz. */
export function logMel(samples: Float32Array, cfg: FeatureConfig = FEATURE_CONFIG): LogMel {
  const { window, filters } = planFor(cfg);
  const fp = fftPlan(cfg.fftSize);
  const nFrames = frameCount(samples.length, cfg);
  const data = new Float32Array(cfg.nMels * nFrames);
  const re = new Float64Array(cfg.fftSize);
  const im = new Float64Array(cfg.fftSize);
  const power = new Float64Array(cfg.fftSize / 2 + 1);
  for (let t = 0; t < nFrames; t++) {
    const start = t * cfg.hopSamples;
    re.fill(0);
    im.fill(0);
    for (let i = 0; i < window.length && start + i < samples.length; i++)
      re[i] = samples[start + i] * window[i];
    fft(re, im, fp);
    for (let k = 0; k < power.length; k++) power[k] = re[k] * re[k] + im[k] * im[k];
    for (let m = 0; m < filters.length; m++) {
      const { firstBin, weights } = filters[m];
      let acc = 0;
      for (let j = 0; j < weights.length; j++) acc += weights[j] * power[firstBin + j];
      data[m * nFrames + t] = Math.log(Math.max(acc, cfg.logFloor));
    }
  }
  return { nMels: cfg.nMels, nFrames, data };
}

/** Resamples a recording at sampleRateHz to the model rate (a copy when it already is). */
export function toModelRate(
  samples: Float32Array,
  sampleRateHz: number,
  cfg: FeatureConfig = FEATURE_CONFIG,
): Float32Array {
  return resample(samples, sampleRateHz, cfg.sampleRateHz);
}

/**
 * Splits a log-mel into consecutive model windows of cfg.windowFrames frames, each row-major [nMels][windowFrames].
 * Frame j of window w is frame (w · windowFrames + j) mod nFrames: a last partial window, or a recording shorter than one
 * window, is filled by tiling the recording's own frames from its start (heart and lung sounds are quasi-periodic, and
 * zeros would look like silence the model never saw). Always returns at least one window.
 */
export function featureWindows(m: LogMel, cfg: FeatureConfig = FEATURE_CONFIG): Float32Array[] {
  const W = cfg.windowFrames;
  if (m.nFrames < 1) throw new RangeError('log-mel has no frames');
  const count = Math.max(1, Math.ceil(m.nFrames / W));
  return Array.from({ length: count }, (_, w) => {
    const out = new Float32Array(m.nMels * W);
    for (let mel = 0; mel < m.nMels; mel++) {
      const row = m.data.subarray(mel * m.nFrames, (mel + 1) * m.nFrames);
      for (let j = 0; j < W; j++) out[mel * W + j] = row[(w * W + j) % m.nFrames];
    }
    return out;
  });
}
