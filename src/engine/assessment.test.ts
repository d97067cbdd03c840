// Whole-recording aggregation, measured on hand-made window scores: which windows are scored, the mean per label,
// the representative window (closest to the aggregate, earliest on ties) and heart or lung from the domain head.
import { describe, expect, it } from 'vitest';
import { legacyHead } from '../core/manifest/heads';
import {
  assessmentOf,
  closestWindow,
  decideDomain,
  evenlySpaced,
  MAX_ASSESSED_WINDOWS,
  meanOverWindows,
  representativeWindow,
} from './assessment';
import type { WindowScores } from './types';

const HEADS = ['abnormal', 'wheeze', 'poor-quality', 'lung'].map(legacyHead);
/** Windows with [abnormal, wheeze, poor-quality, lung] probabilities, 10.24 s apart. */
const windows = (rows: number[][], indices = rows.map((_, i) => i)): WindowScores[] =>
  rows.map((probabilities, i) => ({ index: indices[i], startS: indices[i] * 10.24, probabilities }));

describe('evenlySpaced', () => {
  it('scores every window up to the cap', () => {
    expect(evenlySpaced(1)).toEqual([0]);
    expect(evenlySpaced(6)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(evenlySpaced(MAX_ASSESSED_WINDOWS)).toHaveLength(MAX_ASSESSED_WINDOWS);
  });

  it('above the cap: exactly `max` distinct increasing windows from the first to the last, gaps within one of each other', () => {
    for (const [count, max] of [
      [352, 64],
      [65, 64],
      [1000, 7],
      [10, 2],
    ]) {
      const got = evenlySpaced(count, max);
      expect(got).toHaveLength(max);
      expect([got[0], got.at(-1)]).toEqual([0, count - 1]);
      const gaps = got.slice(1).map((w, i) => w - got[i]);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1);
      expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(1);
      expect(Math.abs(gaps.reduce((a, b) => a + b, 0) / gaps.length - (count - 1) / (max - 1))).toBeLessThan(
        1e-9,
      );
    }
    expect(evenlySpaced(50, 1)).toEqual([0]);
  });

  it('rejects counts that cannot be', () => {
    expect(() => evenlySpaced(0)).toThrow(RangeError);
    expect(() => evenlySpaced(5, 0)).toThrow(RangeError);
  });
});

describe('aggregation over windows', () => {
  it('is the mean per label of the window probabilities', () => {
    const w = windows([
      [0.9, 0.1, 0.2, 0.8],
      [0.3, 0.4, 0.2, 0.6],
      [0.0, 0.7, 0.5, 1.0],
    ]);
    const mean = meanOverWindows(w);
    [0.4, 0.4, 0.3, 0.8].forEach((want, j) => expect(mean[j]).toBeCloseTo(want, 12));
    expect(meanOverWindows(windows([[0.25, 0.5, 0.75, 1]]))).toEqual([0.25, 0.5, 0.75, 1]);
    expect(() => meanOverWindows([])).toThrow(RangeError);
  });

  it('picks the window closest to the aggregate, the earliest on a tie', () => {
    expect(closestWindow([0.9, 0.3, 0.0], 0.4)).toBe(1);
    expect(closestWindow([0.2, 0.6, 0.4], 0.4)).toBe(2);
    expect(closestWindow([0.75, 0.25, 0.75], 0.5)).toBe(0); // |0.75 − 0.5| = |0.25 − 0.5| exactly: the first
    expect(closestWindow([0.875, 0.25, 0.75, 0.25], 0.5)).toBe(1);
    // reported as the recording's window index, not the position among the scored windows
    const capped = windows(
      [
        [0.9, 0, 0, 0],
        [0.1, 0, 0, 0],
        [0.45, 0, 0, 0],
      ],
      [0, 40, 80],
    );
    expect(representativeWindow(capped, HEADS)).toBe(80);
    expect(representativeWindow(capped, [legacyHead('wheeze')])).toBe(0); // no abnormal head: the first
  });
});

describe('heart or lung', () => {
  it('keeps a given domain and decides an unknown one from P(lung) ≥ 0.5', () => {
    expect(decideDomain('heart', 0.9)).toEqual({ value: 'heart', source: 'given', pLung: 0.9 });
    expect(decideDomain('unknown', 0.5)).toEqual({ value: 'lung', source: 'audio', pLung: 0.5 });
    expect(decideDomain('unknown', 0.49)).toEqual({ value: 'heart', source: 'audio', pLung: 0.49 });
    expect(decideDomain('unknown', null)).toEqual({ value: 'heart', source: 'default', pLung: null });
  });

  it('decides from the mean over windows, not from one window', () => {
    // the first window alone says heart (0.2); the recording says lung (mean 0.6)
    const w = windows([
      [0.5, 0, 0, 0.2],
      [0.5, 0, 0, 0.8],
      [0.5, 0, 0, 0.8],
    ]);
    const a = assessmentOf(w, 3, 10.24, HEADS, 'unknown', {});
    expect(a.domain.value).toBe('lung');
    expect(a.domain.pLung).toBeCloseTo(0.6, 12);
    expect(a.findings.map((f) => f.label)).toEqual(['abnormal', 'wheeze', 'poor-quality', 'lung']);
    expect(a.findings[3].head?.kind).toBe('domain');
    expect([a.windowCount, a.representative]).toEqual([3, 0]);
    expect(a.uncertainty).toEqual({ uncertain: false, reasons: [] });
  });

  it('reads a heart domain head as 1 − P(heart)', () => {
    const heart = { label: 'heart', kind: 'domain' as const, findings: [], domain: 'heart' as const };
    const a = assessmentOf(windows([[0.7], [0.9]]), 2, 10.24, [heart], 'unknown', {});
    expect(a.domain.value).toBe('heart');
    expect(a.domain.pLung).toBeCloseTo(0.2, 12);
  });
});
