// Candidate adventitious lung sounds: crackles (short explosive transients, grouped into runs) and wheezes (sustained
// tonal peaks between 100 and 1000 Hz lasting at least 80 ms). Candidates for display and for the model, not a diagnosis.
import { bandPass } from '../audio/filters';
import { resample } from '../audio/resample';
import { fft, fftPlan } from '../features/fft';
import { movingAverage } from './envelope';

export interface AdventitiousEvent {
  type: 'crackle' | 'wheeze';
  startS: number;
  endS: number;
  /** Crackles: how many transients the run holds. Wheezes: median peak frequency (Hz). */
  count?: number;
  frequencyHz?: number;
}

export const WHEEZE_DETECTOR = {
  rateHz: 4000,
  fftSize: 256,
  hopSamples: 80,
  band: { lowHz: 100, highHz: 1000 },
  /** Peak power over the mean power 3–6 bins away, on each side: a narrow spectral line, not a coloured spectrum. */
  minProminenceDb: 12,
  /** A track may move this many bins (15.6 Hz each) per frame and skip one frame. */
  maxJumpBins: 3,
  minDurationS: 0.08,
} as const;

export const CRACKLE_DETECTOR = {
  /** Above nearly all heart-sound energy; crackles are broadband explosive transients. */
  band: { lowHz: 800, highHz: 2000 },
  smoothS: 0.001,
  /** Background level: median of 50 ms block medians over ±5 blocks (robust to the crackles themselves). */
  blockS: 0.05,
  /** Peak envelope over the local background. */
  minRatio: 12,
  /** The envelope must fall below `decay` × peak this far on both sides: the transient is short. */
  halfWidthS: 0.01,
  decay: 0.3,
  /** Transients closer than this form one run (one event). */
  runGapS: 0.25,
} as const;

/**
 * The tonal line of a frame: among band bins (lo..hi) whose local prominence reaches minProminenceDb, the lowest one
 * within 10 dB of the most prominent (a wheeze's fundamental rather than a harmonic standing over a quieter floor);
 * −1 when none. power[k − lo + 6] holds bin k.
 */
function tonalLine(power: Float64Array, lo: number, hi: number): number {
  const lines: { k: number; db: number }[] = [];
  for (let k = lo; k <= hi; k++) {
    const p = (j: number) => power[j - lo + 6];
    if (p(k) < p(k - 1) || p(k) < p(k + 1)) continue;
    const left = (p(k - 3) + p(k - 4) + p(k - 5) + p(k - 6)) / 4;
    const right = (p(k + 3) + p(k + 4) + p(k + 5) + p(k + 6)) / 4;
    const db = 10 * Math.log10(p(k) / Math.max(left, right, 1e-30));
    if (db >= WHEEZE_DETECTOR.minProminenceDb) lines.push({ k, db });
  }
  if (lines.length === 0) return -1;
  const top = Math.max(...lines.map((l) => l.db));
  return lines.find((l) => l.db >= top - 10)!.k;
}

/** Tonal frames: [frame index, peak bin] for frames whose band peak stands out by minProminenceDb. */
function tonalFrames(x: Float32Array): { frame: number; bin: number }[] {
  const W = WHEEZE_DETECTOR;
  const plan = fftPlan(W.fftSize);
  const [re, im] = [new Float64Array(W.fftSize), new Float64Array(W.fftSize)];
  const [lo, hi] = [
    Math.ceil((W.band.lowHz * W.fftSize) / W.rateHz),
    Math.floor((W.band.highHz * W.fftSize) / W.rateHz),
  ];
  const band = new Float64Array(hi - lo + 13); // bins lo − 6 .. hi + 6
  const out: { frame: number; bin: number }[] = [];
  for (let f = 0; f * W.hopSamples + W.fftSize <= x.length; f++) {
    for (let i = 0; i < W.fftSize; i++)
      re[i] = x[f * W.hopSamples + i] * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / W.fftSize));
    im.fill(0);
    fft(re, im, plan);
    for (let k = lo - 6; k <= hi + 6; k++) band[k - lo + 6] = re[k] * re[k] + im[k] * im[k];
    const bin = tonalLine(band, lo, hi);
    if (bin >= 0) out.push({ frame: f, bin });
  }
  return out;
}

/** Wheezes: tonal frames chained into tracks of slowly moving frequency that last at least minDurationS. */
export function detectWheezes(samples: Float32Array, sampleRateHz: number): AdventitiousEvent[] {
  const W = WHEEZE_DETECTOR;
  const x = sampleRateHz === W.rateHz ? samples : resample(samples, sampleRateHz, W.rateHz);
  const events: AdventitiousEvent[] = [];
  let track: { frame: number; bin: number }[] = [];
  const close = () => {
    if (track.length === 0) return;
    const hop = W.hopSamples / W.rateHz;
    const startS = (track[0].frame * W.hopSamples + W.fftSize / 2) / W.rateHz - hop / 2;
    const endS = (track[track.length - 1].frame * W.hopSamples + W.fftSize / 2) / W.rateHz + hop / 2;
    if (endS - startS >= W.minDurationS) {
      const bins = track.map((t) => t.bin).sort((a, b) => a - b);
      events.push({
        type: 'wheeze',
        startS,
        endS,
        frequencyHz: (bins[bins.length >> 1] * W.rateHz) / W.fftSize,
      });
    }
    track = [];
  };
  for (const t of tonalFrames(x)) {
    const last = track[track.length - 1];
    if (last && (t.frame - last.frame > 2 || Math.abs(t.bin - last.bin) > W.maxJumpBins)) close();
    track.push(t);
  }
  close();
  return events;
}

const median = (x: ArrayLike<number>) => Float64Array.from(x).sort()[x.length >> 1];

/** Robust local background of env: median over ±5 blocks of the per-block medians, one value per block. */
function blockBackground(env: Float64Array, block: number): Float64Array {
  const blocks = Math.max(1, Math.ceil(env.length / block));
  const medians = Float64Array.from({ length: blocks }, (_, b) =>
    median(env.subarray(b * block, Math.min(env.length, (b + 1) * block))),
  );
  return Float64Array.from({ length: blocks }, (_, b) =>
    median(medians.subarray(Math.max(0, b - 5), Math.min(blocks, b + 6))),
  );
}

/** Times (s) of short transients that stand out from the local background in the crackle band. */
export function crackleTimes(samples: Float32Array, sampleRateHz: number): number[] {
  const C = CRACKLE_DETECTOR;
  const y = bandPass(samples, sampleRateHz, C.band.lowHz, C.band.highHz);
  const env = movingAverage(y.map(Math.abs), Math.max(1, Math.round(C.smoothS * sampleRateHz)));
  const block = Math.max(1, Math.round(C.blockS * sampleRateHz));
  const background = blockBackground(env, block);
  const half = Math.max(2, Math.round(C.halfWidthS * sampleRateHz));
  const times: number[] = [];
  for (let i = half; i + half < env.length; i++) {
    const p = env[i];
    if (p < C.minRatio * background[Math.floor(i / block)] || p < env[i - 1] || p < env[i + 1]) continue;
    if (env[i - half] > C.decay * p || env[i + half] > C.decay * p) continue;
    let isMax = true; // the largest point within ±halfWidth, so one transient counts once
    for (let j = i - half; j <= i + half && isMax; j++) if (env[j] > p) isMax = false;
    if (isMax) times.push(i / sampleRateHz);
  }
  return times;
}

/** Crackle runs: transients closer than runGapS grouped into one event. */
export function detectCrackles(samples: Float32Array, sampleRateHz: number): AdventitiousEvent[] {
  const C = CRACKLE_DETECTOR;
  const events: AdventitiousEvent[] = [];
  for (const t of crackleTimes(samples, sampleRateHz)) {
    const last = events[events.length - 1];
    if (last && t - (last.endS - C.halfWidthS) <= C.runGapS) {
      last.endS = t + C.halfWidthS;
      last.count = (last.count ?? 1) + 1;
    } else events.push({ type: 'crackle', startS: Math.max(0, t - 0.005), endS: t + C.halfWidthS, count: 1 });
  }
  return events;
}

/** Candidate crackle runs and wheezes, sorted by start time. */
export function detectAdventitious(samples: Float32Array, sampleRateHz: number): AdventitiousEvent[] {
  return [...detectCrackles(samples, sampleRateHz), ...detectWheezes(samples, sampleRateHz)].sort(
    (a, b) => a.startS - b.startS,
  );
}
