// The exported manifest says what every findings head stands for, from training's head definitions.
import { describe, expect, it } from 'vitest';
import { findingHeads } from '../../src/core/manifest/heads';
import { HEAD_LABELS } from '../train/data';
import { exportHeads } from './heads';

describe('exportHeads', () => {
  it('maps each training head to schema findings, in label order', () => {
    const heads = exportHeads(HEAD_LABELS);
    expect(heads.map((h) => h.label)).toEqual(HEAD_LABELS);
    const byLabel = new Map(heads.map((h) => [h.label, h]));
    expect(byLabel.get('murmur')).toEqual({
      label: 'murmur',
      kind: 'finding',
      findings: ['systolic-murmur', 'diastolic-murmur', 'continuous-murmur'],
      domain: 'heart',
    });
    expect(byLabel.get('crackles')?.findings).toEqual(['fine-crackles', 'coarse-crackles']);
    expect(byLabel.get('abnormal')?.kind).toBe('abnormal');
    expect(byLabel.get('lung')).toMatchObject({ kind: 'domain', domain: 'lung', findings: [] });
    // every finding head names at least one schema finding: nothing is left for the app to guess
    expect(heads.filter((h) => h.kind === 'finding' && h.findings.length === 0)).toEqual([]);
    expect(findingHeads({ labels: HEAD_LABELS, heads })).toBe(heads);
  });

  it('refuses a label training does not define', () => {
    expect(() => exportHeads(['murmur', 'gallop'])).toThrow(
      /'gallop' is not in training\/train\/data.ts HEAD_DEFS/,
    );
  });
});
