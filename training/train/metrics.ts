// Head evaluation during training: findings probabilities on first windows, AUC and balanced accuracy.
import * as tf from '@tensorflow/tfjs';
import type { CorpusEntry } from '../../src/core/clinical/corpus';
import type { ModelArchitecture } from '../../src/core/manifest/architecture';
import { encode, headLogits } from '../model/encoder';
import type { Vars } from '../model/vars';
import type { FeatureCache } from './cache';
import { firstWindow } from './cache';
import { HEAD_LABELS, headTargets } from './data';

/** Sigmoid head outputs [entries][labels] on each recording's first window. */
export function headProbs(
  v: Vars,
  arch: ModelArchitecture,
  cache: FeatureCache,
  entries: { id: string }[],
  batch = 32,
): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < entries.length; i += batch) {
    const chunk = entries.slice(i, i + batch);
    const wins = chunk.map((e) => firstWindow(cache.get(e.id)));
    const flat = new Float32Array(wins.length * wins[0].length);
    wins.forEach((w, j) => flat.set(w, j * w.length));
    const p = tf.tidy(() =>
      tf.sigmoid(
        headLogits(
          v,
          encode(v, arch, tf.tensor3d(flat, [wins.length, arch.encoder.nMels, arch.encoder.windowFrames])),
        ),
      ),
    );
    const data = p.arraySync() as number[][];
    p.dispose();
    out.push(...data);
  }
  return out;
}

/** Area under the ROC curve (ties count half); NaN when one class is absent. */
export function auc(scores: number[], labels: (0 | 1)[]): number {
  const pos = scores.filter((_, i) => labels[i] === 1);
  const neg = scores.filter((_, i) => labels[i] === 0);
  if (!pos.length || !neg.length) return NaN;
  let s = 0;
  for (const p of pos) for (const n of neg) s += p > n ? 1 : p === n ? 0.5 : 0;
  return s / (pos.length * neg.length);
}

/** Sensitivity, specificity and their mean (balanced accuracy) at `threshold`; NaN where a class is absent. */
export function binaryRates(scores: number[], labels: (0 | 1)[], threshold = 0.5) {
  let tp = 0,
    fn = 0,
    tn = 0,
    fp = 0;
  scores.forEach((s, i) => {
    const hit = s >= threshold;
    if (labels[i] === 1) {
      if (hit) tp++;
      else fn++;
    } else if (hit) fp++;
    else tn++;
  });
  const sensitivity = tp + fn ? tp / (tp + fn) : NaN;
  const specificity = tn + fp ? tn / (tn + fp) : NaN;
  return { sensitivity, specificity, balancedAccuracy: (sensitivity + specificity) / 2 };
}

/** Mean of sensitivity and specificity at `threshold`; NaN when one class is absent. */
export function balancedAccuracy(scores: number[], labels: (0 | 1)[], threshold = 0.5): number {
  return binaryRates(scores, labels, threshold).balancedAccuracy;
}

/** Scores and 0/1 targets of head `j` over the entries whose source labels it (unknown targets are left out). */
export function knownTargets(
  probs: number[][],
  entries: CorpusEntry[],
  j: number,
): { s: number[]; y: (0 | 1)[] } {
  const s: number[] = [];
  const y: (0 | 1)[] = [];
  entries.forEach((e, i) => {
    const t = headTargets(e)[j];
    if (t !== null) {
      s.push(probs[i][j]);
      y.push(t);
    }
  });
  return { s, y };
}

/** Per-label AUC and balanced accuracy on entries where the label is known. */
export function headReport(probs: number[][], entries: CorpusEntry[]): Record<string, number> {
  const out: Record<string, number> = {};
  HEAD_LABELS.forEach((label, j) => {
    const { s, y } = knownTargets(probs, entries, j);
    out[`auc.${label}`] = auc(s, y);
    out[`bacc.${label}`] = balancedAccuracy(s, y);
  });
  return out;
}

/**
 * Heart murmur (heart recordings) and lung abnormal (lung recordings) balanced accuracy and AUC: the two headline numbers.
 * Real recordings only: the synthesizer's sounds are easy and would hide how the encoder does on patients.
 */
export function keyHeadMetrics(
  probs: number[][],
  entries: CorpusEntry[],
): { murmurBacc: number; lungBacc: number; murmurAuc: number; lungAuc: number } {
  const pick = (label: string, domain: string) => {
    const j = HEAD_LABELS.indexOf(label);
    const s: number[] = [];
    const y: (0 | 1)[] = [];
    entries.forEach((e, i) => {
      const t = headTargets(e)[j];
      if (e.domain === domain && e.source !== 'synth' && t !== null) {
        s.push(probs[i][j]);
        y.push(t);
      }
    });
    return { bacc: balancedAccuracy(s, y), auc: auc(s, y) };
  };
  const m = pick('murmur', 'heart');
  const l = pick('abnormal', 'lung');
  return { murmurBacc: m.bacc, lungBacc: l.bacc, murmurAuc: m.auc, lungAuc: l.auc };
}
