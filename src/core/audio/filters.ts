// Stethoscope filter modes (bell, diaphragm, wide) as 4th-order Butterworth high-pass + low-pass biquad cascades, shared by
// offline processing (applyFilter) and live playback (filterBiquads → Web Audio BiquadFilterNode).

export type FilterMode = 'bell' | 'diaphragm' | 'wide';

export const FILTER_MODES: Record<FilterMode, { lowHz: number; highHz: number; label: string }> = {
  bell: { lowHz: 20, highHz: 200, label: 'Bell (20–200 Hz: S3, S4, low-pitched murmurs)' },
  diaphragm: {
    lowHz: 100,
    highHz: 1000,
    label: 'Diaphragm (100–1000 Hz: S1, S2, high-pitched murmurs, breath sounds)',
  },
  wide: { lowHz: 20, highHz: 2000, label: 'Wide (20–2000 Hz)' },
};

/** One second-order section in Web Audio terms. */
export interface BiquadSpec {
  type: 'highpass' | 'lowpass';
  frequencyHz: number;
  /** The value for BiquadFilterNode.Q: for lowpass/highpass Web Audio reads Q in dB, so this is 20·log10(qLinear). */
  Q: number;
  /** The section's quality factor as a plain ratio. */
  qLinear: number;
}

/** Quality factors of the two sections of a 4th-order Butterworth filter: 1 / (2 cos(π/8)) and 1 / (2 cos(3π/8)). */
const BUTTERWORTH4_Q = [1 / (2 * Math.cos(Math.PI / 8)), 1 / (2 * Math.cos((3 * Math.PI) / 8))];

/** The cascade for a mode: two high-pass sections at lowHz, then two low-pass sections at highHz (24 dB/octave each side). */
export function filterBiquads(mode: FilterMode): BiquadSpec[] {
  const { lowHz, highHz } = FILTER_MODES[mode];
  return [...butterworth4('highpass', lowHz), ...butterworth4('lowpass', highHz)];
}

function butterworth4(type: BiquadSpec['type'], frequencyHz: number): BiquadSpec[] {
  return BUTTERWORTH4_Q.map((q) => ({ type, frequencyHz, Q: 20 * Math.log10(q), qLinear: q }));
}

/** A normalised biquad (a0 = 1). */
export interface Coefficients {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

/** The Web Audio specification's lowpass/highpass biquad (bilinear transform, Q in dB), normalised so a0 = 1. */
function coefficients(s: BiquadSpec, sampleRateHz: number): Coefficients {
  const w0 = (2 * Math.PI * s.frequencyHz) / sampleRateHz;
  const alpha = Math.sin(w0) / (2 * 10 ** (s.Q / 20));
  const cos = Math.cos(w0);
  const a0 = 1 + alpha;
  const edge = s.type === 'lowpass' ? (1 - cos) / 2 : (1 + cos) / 2;
  const b1 = s.type === 'lowpass' ? 1 - cos : -(1 + cos);
  return { b0: edge / a0, b1: b1 / a0, b2: edge / a0, a1: (-2 * cos) / a0, a2: (1 - alpha) / a0 };
}

/** Runs one biquad over `out` in place (transposed direct form II, double-precision state). */
export function biquadInPlace(out: Float32Array, { b0, b1, b2, a1, a2 }: Coefficients): void {
  let z1 = 0;
  let z2 = 0;
  for (let i = 0; i < out.length; i++) {
    const x = out[i];
    const y = b0 * x + z1;
    z1 = b1 * x - a1 * y + z2;
    z2 = b2 * x - a2 * y;
    out[i] = y;
  }
}

/** Runs biquad sections in series over a copy of samples. */
function runCascade(samples: Float32Array, sampleRateHz: number, specs: BiquadSpec[]): Float32Array {
  const out = Float32Array.from(samples);
  for (const spec of specs) biquadInPlace(out, coefficients(spec, sampleRateHz));
  return out;
}

/**
 * Causal 4th-order Butterworth band-pass lowHz..highHz. A low-pass edge at or above 0.45 · sampleRateHz is left out: the
 * recording holds nothing above it to remove (e.g. 'wide' on a 4 kHz recording is the high-pass alone).
 */
export function bandPass(
  samples: Float32Array,
  sampleRateHz: number,
  lowHz: number,
  highHz: number,
): Float32Array {
  const specs = [
    ...butterworth4('highpass', lowHz),
    ...(highHz < 0.45 * sampleRateHz ? butterworth4('lowpass', highHz) : []),
  ];
  return runCascade(samples, sampleRateHz, specs);
}

/**
 * Filters a recording with the mode's cascade, causally (not zero-phase), so that what is analysed sounds and measures like
 * what Web Audio plays. Same band-edge rule as bandPass.
 */
export function applyFilter(samples: Float32Array, sampleRateHz: number, mode: FilterMode): Float32Array {
  return bandPass(samples, sampleRateHz, FILTER_MODES[mode].lowHz, FILTER_MODES[mode].highHz);
}
