// Public API of the physiological heart and lung sound synthesizer (see docs/synth.md).
export { SYNTH_CONDITIONS, CONDITION_SPECS, isSynthCondition, type SynthCondition } from './conditions';
export { synthesizeCondition, type SynthOptions, type SynthResult } from './synthesize';
export { synthesizeHeart, type HeartOptions, type HeartResult } from './heart';
export { synthesizeLung, type LungOptions, type LungResult, type ToneOptions } from './lung';
export {
  DEVICES,
  DEVICE_RESPONSES,
  applyNuisances,
  type AppliedNuisances,
  type DeviceName,
  type NuisanceOptions,
} from './nuisance';
export { MURMUR_LESIONS, MURMUR_PRESETS, gradeDb, type Grade, type MurmurLesion } from './murmur';
export type { S2SplitMode, Rhythm } from './heartTiming';
export type { CrackleKind } from './adventitious';
export { RandomStream } from './prng';
