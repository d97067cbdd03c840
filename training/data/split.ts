// Patient-level train/val/test assignment: a seeded hash of source + patient, so no patient is in two splits and
// the same seed always gives the same split. Patients with any official test recording (SPRSound) go to test.
import { createHash } from 'node:crypto';
import type { Split } from '../../src/core/clinical/schema';
import type { SourceRecord } from './sources/types';

export interface SplitRatios {
  train: number;
  val: number;
  test: number;
}

export const DEFAULT_RATIOS: SplitRatios = { train: 0.7, val: 0.15, test: 0.15 };

/** Uniform number in [0, 1) from a seeded SHA-256 of the key. */
export function unitHash(seed: number, key: string): number {
  const digest = createHash('sha256').update(`${seed}:${key}`).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** Splitting key of a record: source-prefixed, using the adapter's grouping key when it gave one. */
export function patientKey(r: SourceRecord): string {
  return `${r.labels.source}/${r.splitKey ?? r.labels.patient}`;
}

export function splitForKey(seed: number, key: string, ratios: SplitRatios = DEFAULT_RATIOS): Split {
  const total = ratios.train + ratios.val + ratios.test;
  const u = unitHash(seed, key) * total;
  if (u < ratios.train) return 'train';
  return u < ratios.train + ratios.val ? 'val' : 'test';
}

/**
 * What an official test set (SPRSound) means for its patients' other recordings:
 * - 'patient' (default): a patient with any official test recording is test entirely, so no patient is in two splits;
 * - 'recording': only the official test recordings are test; the patient's other recordings go to train/val
 *   (SPRSound's own "intra-patient" test design; patients then appear in train and test).
 */
export const OFFICIAL_TEST_POLICIES = ['patient', 'recording'] as const;
export type OfficialTestPolicy = (typeof OFFICIAL_TEST_POLICIES)[number];

/** Split of every record (same order), by patient, honouring official test sets per the policy. */
export function assignSplits(
  records: SourceRecord[],
  seed: number,
  ratios: SplitRatios = DEFAULT_RATIOS,
  policy: OfficialTestPolicy = 'patient',
): Split[] {
  const officialTest = new Set(records.filter((r) => r.labels.officialSplit === 'test').map(patientKey));
  const trainVal = { train: ratios.train, val: ratios.val, test: 0 };
  return records.map((r) => {
    const key = patientKey(r);
    if (!officialTest.has(key)) return splitForKey(seed, key, ratios);
    if (policy === 'patient' || r.labels.officialSplit === 'test') return 'test';
    return splitForKey(seed, key, trainVal);
  });
}
