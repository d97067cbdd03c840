// Input checks for the synthesizer's public functions: errors name the option and the accepted range.
import type { HeartOptions } from './heart';
import type { LungOptions } from './lung';

function inRange(name: string, v: number | undefined, lo: number, hi: number): void {
  if (v === undefined) return;
  if (!Number.isFinite(v) || v < lo || v > hi)
    throw new RangeError(`synth: ${name} must be in [${lo}, ${hi}], got ${v}`);
}

export function validateCommon(o: { seed: number; durationS: number; sampleRateHz: number }): void {
  if (!Number.isFinite(o.seed)) throw new RangeError(`synth: seed must be a finite number, got ${o.seed}`);
  inRange('durationS', o.durationS, 0.1, 3600);
  inRange('sampleRateHz', o.sampleRateHz, 1000, 192000);
}

export function validateHeart(o: HeartOptions): void {
  validateCommon(o);
  inRange('heartRateBpm', o.heartRateBpm, 30, 220);
  inRange('hrvFraction', o.hrvFraction, 0, 0.2);
  inRange('respiratoryRateBpm', o.respiratoryRateBpm, 4, 80);
  inRange('extrasystoleProbability', o.extrasystoleProbability, 0, 0.5);
  if (o.murmur && !Number.isInteger(o.murmur.grade))
    throw new RangeError(`synth: murmur grade must be an integer 1–6, got ${o.murmur.grade}`);
  inRange('murmur.grade', o.murmur?.grade, 1, 6);
}

export function validateLung(o: LungOptions): void {
  validateCommon(o);
  inRange('respiratoryRateBpm', o.respiratoryRateBpm, 4, 80);
  inRange('ieRatio', o.ieRatio, 0.3, 6);
  inRange('crackles.perBreath', o.crackles?.perBreath, 0, 60);
  for (const [name, t] of [
    ['wheeze', o.wheeze],
    ['rhonchi', o.rhonchi],
    ['stridor', o.stridor],
  ] as const) {
    if (!t) continue;
    if (t.frequenciesHz.length === 0)
      throw new RangeError(`synth: ${name}.frequenciesHz needs at least one frequency`);
    for (const f of t.frequenciesHz)
      inRange(`${name} frequency (below Nyquist)`, f, 20, o.sampleRateHz * 0.45);
    inRange(`${name}.phaseFraction`, t.phaseFraction, 0.05, 1);
  }
}
