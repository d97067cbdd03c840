// Measurements on rendered audio, used by the property tests and the generated docs/synth.md: envelopes,
// spectra, band energy, dominant frequency, S2 split, heart rate and crackle shape; and the renderings that both
// the tests and the doc measure, so that the doc reports what the tests assert.
import type { Crackle, CrackleKind } from './adventitious';
import { synthesizeHeart } from './heart';
import { s2EndS, s2StartS } from './heartSounds';
import type { S2SplitMode } from './heartTiming';
import { synthesizeLung, type LungOptions, type LungResult } from './lung';
import type { Grade } from './murmur';

/** In-place iterative radix-2 FFT; re/im lengths must be a power of two. */
function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (-2 * Math.PI) / len;
    for (let i = 0; i < n; i += len) {
      for (let k = 0; k < len / 2; k++) {
        const wr = Math.cos(ang * k),
          wi = Math.sin(ang * k);
        const a = i + k,
          b = a + len / 2;
        const tr = re[b] * wr - im[b] * wi,
          ti = re[b] * wi + im[b] * wr;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
      }
    }
  }
}

/** Power spectrum of the concatenated segments (zero-padded to a power of two); bin k is at k·rate/size Hz. */
export function powerSpectrum(
  x: Float32Array,
  segments: [number, number][],
  rateHz: number,
): { power: Float64Array; binHz: number } {
  const parts = segments.map(([s, e]) =>
    x.subarray(Math.max(0, Math.round(s * rateHz)), Math.min(x.length, Math.round(e * rateHz))),
  );
  const total = parts.reduce((a, p) => a + p.length, 0);
  let size = 1;
  while (size < total) size <<= 1;
  const re = new Float64Array(size),
    im = new Float64Array(size);
  let o = 0;
  for (const p of parts) for (let i = 0; i < p.length; i++) re[o++] = p[i];
  fft(re, im);
  const power = new Float64Array(size / 2);
  for (let k = 0; k < size / 2; k++) power[k] = re[k] * re[k] + im[k] * im[k];
  return { power, binHz: rateHz / size };
}

/** Fraction of the segments' energy between loHz and hiHz. */
export function bandEnergyFraction(
  x: Float32Array,
  segments: [number, number][],
  rateHz: number,
  loHz: number,
  hiHz: number,
): number {
  const { power, binHz } = powerSpectrum(x, segments, rateHz);
  let inBand = 0,
    all = 0;
  power.forEach((p, k) => {
    all += p;
    if (k * binHz >= loHz && k * binHz <= hiHz) inBand += p;
  });
  return all > 0 ? inBand / all : 0;
}

/** Frequency of the largest spectral peak of the segments above minHz. */
export function dominantFrequencyHz(
  x: Float32Array,
  segments: [number, number][],
  rateHz: number,
  minHz = 20,
): number {
  const { power, binHz } = powerSpectrum(x, segments, rateHz);
  let best = Math.ceil(minHz / binHz);
  for (let k = best; k < power.length; k++) if (power[k] > power[best]) best = k;
  return best * binHz;
}

/** Mean power of x over the segments. */
export function meanPower(x: Float32Array, segments: [number, number][], rateHz: number): number {
  let s = 0,
    n = 0;
  for (const [a, b] of segments) {
    for (let i = Math.max(0, Math.round(a * rateHz)); i < Math.min(x.length, Math.round(b * rateHz)); i++) {
      s += x[i] * x[i];
      n++;
    }
  }
  return n ? s / n : 0;
}

/** Moving-RMS envelope with a centred window of windowMs. */
export function envelope(x: Float32Array, rateHz: number, windowMs: number): Float32Array {
  const half = Math.max(1, Math.round((windowMs / 2000) * rateHz));
  const c = new Float64Array(x.length + 1);
  for (let i = 0; i < x.length; i++) c[i + 1] = c[i] + x[i] * x[i];
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const a = Math.max(0, i - half),
      b = Math.min(x.length, i + half + 1);
    out[i] = Math.sqrt((c[b] - c[a]) / (b - a));
  }
  return out;
}

/**
 * S2 split (ms) in [fromS, toS]: distance between the two largest envelope peaks at least minMs apart,
 * the second at least `ratio` of the first; 0 when S2 shows a single peak.
 */
export function measureSplitMs(
  env: Float32Array,
  rateHz: number,
  fromS: number,
  toS: number,
  minMs = 15,
  ratio = 0.3,
): number {
  const i0 = Math.max(1, Math.round(fromS * rateHz)),
    i1 = Math.min(env.length - 1, Math.round(toS * rateHz));
  const peaks: number[] = [];
  for (let i = i0; i < i1; i++) if (env[i] > env[i - 1] && env[i] >= env[i + 1]) peaks.push(i);
  if (peaks.length === 0) return 0;
  const first = peaks.reduce((a, b) => (env[b] > env[a] ? b : a));
  const min = (minMs / 1000) * rateHz;
  const others = peaks.filter((p) => Math.abs(p - first) >= min && env[p] >= ratio * env[first]);
  if (others.length === 0) return 0;
  const second = others.reduce((a, b) => (env[b] > env[a] ? b : a));
  return (Math.abs(second - first) / rateHz) * 1000;
}

/** Dominant period (s) of an envelope by autocorrelation between minS and maxS, at 100 Hz resolution. */
export function dominantPeriodS(env: Float32Array, rateHz: number, minS: number, maxS: number): number {
  const step = Math.max(1, Math.round(rateHz / 100));
  const d = Array.from({ length: Math.floor(env.length / step) }, (_, i) => env[i * step]);
  const mean = d.reduce((a, b) => a + b, 0) / d.length;
  const z = d.map((v) => v - mean);
  let bestLag = 0,
    best = -Infinity;
  for (let lag = Math.round(minS * 100); lag <= Math.round(maxS * 100) && lag < z.length; lag++) {
    let s = 0;
    for (let i = 0; i + lag < z.length; i++) s += z[i] * z[i + lag];
    s /= z.length - lag;
    if (s > best) [best, bestLag] = [s, lag];
  }
  return bestLag / 100;
}

/** Zero crossings of x after startS (linear interpolation), in seconds from startS. */
export function zeroCrossingsS(x: Float32Array, rateHz: number, startS: number, count: number): number[] {
  const out: number[] = [];
  let i = Math.ceil(startS * rateHz);
  while (i < x.length && x[i] === 0) i++;
  for (; i + 1 < x.length && out.length < count; i++) {
    if ((x[i] > 0 && x[i + 1] <= 0) || (x[i] < 0 && x[i + 1] >= 0))
      out.push((i + x[i] / (x[i] - x[i + 1])) / rateHz - startS);
  }
  return out;
}

/**
 * S2 splits (ms) of a 40 s recording at PV (seed 3, 4 kHz, no heart-rate variability), by breathing phase: beats at
 * full inspiration (phase > 0.8) and at expiration (0); a beat whose S2 ends within 30 ms of the end is left out.
 */
export function s2SplitsMs(mode: S2SplitMode): { inspirationMs: number[]; expirationMs: number[] } {
  const rateHz = 4000,
    durationS = 40;
  const h = synthesizeHeart({
    seed: 3,
    durationS,
    sampleRateHz: rateHz,
    site: 'PV',
    s2Split: mode,
    hrvFraction: 0,
  });
  const env = envelope(h.samples, rateHz, 8);
  const inspirationMs: number[] = [],
    expirationMs: number[] = [];
  for (const b of h.beats) {
    if (s2EndS(b) + 0.03 > durationS) continue;
    const ms = measureSplitMs(env, rateHz, s2StartS(b) - 0.01, s2EndS(b) + 0.01);
    if (b.inspiration > 0.8) inspirationMs.push(ms);
    else if (b.inspiration === 0) expirationMs.push(ms);
  }
  return { inspirationMs, expirationMs };
}

/** Aortic stenosis of `grade` at AV (seed 11, 12 s, 4 kHz): systole power over S1 power, in dB. */
export function stenosisSystoleReS1Db(grade: Grade): number {
  const rateHz = 4000;
  const h = synthesizeHeart({
    seed: 11,
    durationS: 12,
    sampleRateHz: rateHz,
    site: 'AV',
    murmur: { lesion: 'aortic-stenosis', grade },
  });
  const spans = (type: string): [number, number][] =>
    h.events.filter((e) => e.type === type).map((e) => [e.startS, e.endS]);
  return (
    10 *
    Math.log10(meanPower(h.samples, spans('systole'), rateHz) / meanPower(h.samples, spans('S1'), rateHz))
  );
}

/** The adventitious part of a lung recording: the output minus the same seed and breathing rendered without it. */
export function lungResidual(o: LungOptions): { x: Float32Array; r: LungResult } {
  const r = synthesizeLung(o);
  const plain = synthesizeLung({
    seed: o.seed,
    durationS: o.durationS,
    sampleRateHz: o.sampleRateHz,
    respiratoryRateBpm: o.respiratoryRateBpm,
    ieRatio: o.ieRatio,
    breath: o.breath,
  });
  return { x: r.samples.map((v, i) => v - plain.samples[i]), r };
}

/** Crackles (in time order) strictly inside (0, durationS) that overlap neither neighbour: their shape is their own. */
function isolatedCrackles(crackles: Crackle[], durationS: number): Crackle[] {
  return crackles.filter(
    (c, i, a) =>
      c.startS > 0 &&
      c.endS < durationS &&
      (i === 0 || a[i - 1].endS < c.startS) &&
      (i === a.length - 1 || a[i + 1].startS > c.endS),
  );
}

/**
 * Fine or coarse crackles (5 a breath at 15 breaths/min, seed 4, 12 s at 16 kHz), each isolated one measured on the
 * adventitious part by its zero crossings: initial deflection width (IDW) and two-cycle duration (2CD), in ms.
 */
export function crackleWidthsMs(kind: CrackleKind): { r: LungResult; idwMs: number[]; tcdMs: number[] } {
  const rateHz = 16000,
    durationS = 12;
  const { x, r } = lungResidual({
    seed: 4,
    durationS,
    sampleRateHz: rateHz,
    respiratoryRateBpm: 15,
    crackles: { kind, perBreath: 5 },
  });
  const z = isolatedCrackles(r.crackles, durationS).map((c) => zeroCrossingsS(x, rateHz, c.startS, 4));
  return { r, idwMs: z.map((q) => q[0] * 1000), tcdMs: z.map((q) => q[3] * 1000) };
}
