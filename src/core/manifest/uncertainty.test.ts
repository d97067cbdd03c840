// The manifest's optional `uncertainty` block: a valid block passes, each broken field is named, and manifests
// without the block (every model exported before it) stay valid.
import { describe, expect, it } from 'vitest';
// eslint-disable-next-line auscult/boundaries -- the test reads the shipped tiny-random manifest from disk
import { readFileSync } from 'node:fs';
import { validateManifest } from './manifest';
import { uncertaintyError, type UncertaintyRule } from './uncertainty';

const RULE: UncertaintyRule = {
  abnormalBand: [0.4, 0.6],
  poorQualityMax: 0.7,
  domainMargin: 0.1,
  calibratedOn: 'leave-one-source-out: bmdhs, kauh',
};
const tiny = (): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL('../../../models/tiny-random/manifest.json', import.meta.url), 'utf8'));

describe('manifest uncertainty block', () => {
  it('is optional, and validates when present', () => {
    expect(validateManifest(tiny()).uncertainty).toBeUndefined();
    expect(validateManifest({ ...tiny(), uncertainty: RULE }).uncertainty).toEqual(RULE);
    expect(uncertaintyError({ ...RULE, abnormalBand: [0.5, 0.5], domainMargin: 0 })).toBeNull();
  });

  it('names the first bad field', () => {
    const bad: [unknown, RegExp][] = [
      [[1], /must be an object/],
      [{ ...RULE, abnormalBand: [0.6, 0.4] }, /abnormalBand/],
      [{ ...RULE, abnormalBand: [0.4] }, /abnormalBand/],
      [{ ...RULE, abnormalBand: [-0.1, 0.4] }, /abnormalBand/],
      [{ ...RULE, poorQualityMax: 1.5 }, /poorQualityMax/],
      [{ ...RULE, domainMargin: 0.6 }, /domainMargin/],
      [{ ...RULE, domainMargin: '0.1' }, /domainMargin/],
      [{ ...RULE, calibratedOn: '' }, /calibratedOn/],
    ];
    for (const [block, message] of bad) {
      expect(uncertaintyError(block)).toMatch(message);
      expect(() => validateManifest({ ...tiny(), uncertainty: block })).toThrow(
        new RegExp(`manifest\\.json: uncertainty.*${message.source}`),
      );
    }
  });
});
