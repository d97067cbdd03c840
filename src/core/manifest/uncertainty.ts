// The manifest's optional `uncertainty` block: when an answer should say it is uncertain instead of answering.
// Export fits the thresholds on held-out sources; the engine applies them (src/engine/uncertainty.ts).

export interface UncertaintyRule {
  /** Abstain as low-confidence when the recording's abnormal probability lies in [lo, hi] (inclusive). */
  abnormalBand: [number, number];
  /** Abstain as poor-quality when the poor-quality head's probability exceeds this. */
  poorQualityMax: number;
  /** Abstain as unlike-training when the domain head's P(lung) lies within this distance of 0.5 (exclusive). */
  domainMargin: number;
  /** What the thresholds were fitted on, e.g. "leave-one-source-out: bmdhs, kauh (val)". */
  calibratedOn: string;
}

const isProbability = (x: unknown): x is number => typeof x === 'number' && x >= 0 && x <= 1;

/** Checks a manifest's `uncertainty` block; returns an error text naming the first problem, or null. */
export function uncertaintyError(u: unknown): string | null {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return 'must be an object';
  const r = u as Partial<Record<keyof UncertaintyRule, unknown>>;
  const band = r.abnormalBand;
  if (!Array.isArray(band) || band.length !== 2 || !band.every(isProbability) || band[0] > band[1])
    return '.abnormalBand must be [lo, hi] with 0 ≤ lo ≤ hi ≤ 1';
  if (!isProbability(r.poorQualityMax)) return '.poorQualityMax must be a probability (0–1)';
  if (typeof r.domainMargin !== 'number' || !(r.domainMargin >= 0 && r.domainMargin <= 0.5))
    return '.domainMargin must be a number in [0, 0.5]';
  if (typeof r.calibratedOn !== 'string' || r.calibratedOn.length === 0)
    return '.calibratedOn must say what the thresholds were fitted on';
  return null;
}
