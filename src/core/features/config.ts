// The one feature definition the model depends on: every field of the log-mel front end, and its hash for manifests.
import { sha256Hex } from './sha256';

/**
 * Log-mel front end. Framing is centre=false: frame t covers samples [t·hop, t·hop + windowSamples); a recording of N
 * samples gives 1 + floor((N − windowSamples) / hop) frames, and one shorter than a window is zero-padded to one window.
 * Each frame is multiplied by the window, zero-padded to fftSize, and its power spectrum |X[k]|² (no normalisation) is
 * weighted by triangular mel filters whose peaks are 1 (no area normalisation); the output is ln(max(melPower, logFloor)).
 */
export interface FeatureConfig {
  /** Bump when the meaning of any field changes without its value changing. */
  readonly version: number;
  readonly sampleRateHz: number;
  readonly windowSamples: number;
  readonly window: 'hann-periodic';
  readonly fftSize: number;
  readonly hopSamples: number;
  readonly nMels: number;
  readonly fMinHz: number;
  readonly fMaxHz: number;
  /** HTK: mel = 2595 · log10(1 + f / 700). */
  readonly melScale: 'htk';
  readonly melNorm: 'none';
  readonly spectrum: 'power';
  /** Natural logarithm of the mel power, floored at logFloor first. */
  readonly logCompression: 'ln';
  readonly logFloor: number;
  readonly centre: false;
  /** Frames per model input window (512 · 20 ms = 10.24 s). */
  readonly windowFrames: number;
}

export const FEATURE_CONFIG: FeatureConfig = Object.freeze({
  version: 1,
  sampleRateHz: 4000, // heart and lung sounds carry little above 2 kHz; CirCor and PASCAL are recorded at 4 kHz
  windowSamples: 256, // 64 ms
  window: 'hann-periodic',
  fftSize: 256,
  hopSamples: 80, // 20 ms
  nMels: 64,
  fMinHz: 25, // below S1/S2 energy; excludes DC and handling rumble
  fMaxHz: 2000,
  melScale: 'htk',
  melNorm: 'none',
  spectrum: 'power',
  logCompression: 'ln',
  logFloor: 1e-10,
  centre: false,
  windowFrames: 512,
} as const);

/** JSON with object keys sorted at every level, so equal configs always serialise identically. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** sha256 hex of the canonical JSON of cfg: goes into every model manifest and is checked before inference. */
export function featureConfigHash(cfg: FeatureConfig): string {
  return sha256Hex(canonicalJson(cfg));
}
