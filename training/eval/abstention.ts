// Honest uncertainty, calibrated on sources the model never trained on: the selective accuracy of the abnormal head
// (balanced accuracy on the recordings it still answers, against the share it answers) for abstention bands of growing
// width, and the manifest `uncertainty` rule chosen from that curve. The rule is applied by the engine's own function
// (src/engine/uncertainty.ts), so the curve measures exactly what the app will do.
import { legacyHead } from '../../src/core/manifest/heads';
import type { UncertaintyRule } from '../../src/core/manifest/uncertainty';
import { uncertainty } from '../../src/engine/uncertainty';
import type { HeldOutResult } from './generalization';

type Row = NonNullable<HeldOutResult['perRecording']>[number];

export interface SelectivePoint {
  /** The band is [0.5 − halfWidth, 0.5 + halfWidth]. */
  halfWidth: number;
  coverage: number;
  balancedAccuracy: number;
  answered: number;
  recordings: number;
}

const assessed = (r: Row) => ({
  findings: Object.entries(r.probabilities).map(([label, probability]) => ({
    label,
    probability,
    head: legacyHead(label),
  })),
  domain: {
    value: r.domain as 'heart' | 'lung',
    source: 'given' as const,
    pLung: r.probabilities.lung ?? null,
  },
});

/** Balanced accuracy of the abnormal head at 0.5 over the recordings the rule lets the model answer. */
export function selectivePoint(rows: Row[], rule: UncertaintyRule, halfWidth: number): SelectivePoint {
  const known = rows.filter((r) => r.normal !== null && r.probabilities.abnormal !== undefined);
  const kept = known.filter((r) => !uncertainty(assessed(r), rule).uncertain);
  const recall = (abnormal: boolean) => {
    const of = kept.filter((r) => r.normal === !abnormal);
    return of.length
      ? of.filter((r) => r.probabilities.abnormal >= 0.5 === abnormal).length / of.length
      : NaN;
  };
  return {
    halfWidth,
    coverage: known.length ? kept.length / known.length : NaN,
    balancedAccuracy: (recall(true) + recall(false)) / 2,
    answered: kept.length,
    recordings: known.length,
  };
}

export const HALF_WIDTHS = [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3] as const;

/**
 * The curve over HALF_WIDTHS (poor-quality and domain thresholds fixed), and the rule: among the bands that still
 * answer at least `minCoverage` of the left-out recordings, the one with the best balanced accuracy on what it
 * answers; a band that buys less than `minGain` over answering everything is not worth the answers it withholds, and
 * the rule then abstains only on poor quality and unclear heart-or-lung.
 */
export function fitUncertainty(
  rows: Row[],
  calibratedOn: string,
  minCoverage = 0.8,
  poorQualityMax = 0.8,
  domainMargin = 0.1,
  minGain = 0.01,
) {
  const ruleFor = (w: number): UncertaintyRule => ({
    abnormalBand: [0.5 - w, 0.5 + w],
    poorQualityMax,
    domainMargin,
    calibratedOn,
  });
  const curve = HALF_WIDTHS.map((w) => selectivePoint(rows, ruleFor(w), w));
  const ok = curve.filter((p) => p.coverage >= minCoverage && Number.isFinite(p.balancedAccuracy));
  const best = ok.reduce((b, p) => (p.balancedAccuracy > b.balancedAccuracy ? p : b), curve[0]);
  const chosen = best.balancedAccuracy - curve[0].balancedAccuracy >= minGain ? best : curve[0];
  return { curve, chosen, rule: ruleFor(chosen.halfWidth), minCoverage, minGain };
}
