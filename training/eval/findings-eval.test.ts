// evaluateFindings on a tiny generated corpus with oracle and inverted probability sources; unseenPatients; markdown.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorpusEntry } from '../../src/core/clinical/corpus';
import { HEAD_LABELS, headTargets } from '../train/data';
import { writeTinyData, type TinyData } from '../train/testdata';
import { evaluateFindings, findingsMarkdown, unseenPatients, type ProbabilitySource } from './findings-eval';

let root: string;
let data: TinyData;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'findings-eval-'));
  data = await writeTinyData(root, 1);
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** Probability 1 for a positive target, 0 otherwise (or the reverse when inverted). */
const oracle =
  (invert: boolean): ProbabilitySource =>
  async (e) => {
    const t = headTargets(e);
    return new Map(HEAD_LABELS.map((l, j) => [l, (t[j] === 1) !== invert ? 1 : 0]));
  };

describe('evaluateFindings', () => {
  it('scores an oracle 1.0 and an inverted oracle 0.0 on every head a source labels', async () => {
    const good = await evaluateFindings({ model: 'oracle', corpusDir: data.corpusDir, split: 'train', probabilities: oracle(false) });
    const bad = await evaluateFindings({ model: 'inverted', corpusDir: data.corpusDir, split: 'train', probabilities: oracle(true) });
    const metrics = Object.values(good.bySource).flatMap((h) => Object.values(h));
    expect(good.recordings).toBe(data.entries.filter((e) => e.split === 'train').length);
    expect(metrics.length).toBeGreaterThan(0);
    for (const m of metrics) expect([m.balancedAccuracy, m.auc]).toEqual([1, 1]);
    for (const m of Object.values(bad.bySource).flatMap((h) => Object.values(h))) expect(m.balancedAccuracy).toBe(0);
    const md = findingsMarkdown([good]).join('\n');
    expect(md).toContain('## Findings heads');
    for (const name of Object.keys(good.targets)) expect(md).toContain(name);
  });
});

describe('unseenPatients', () => {
  it('keeps only test patients with no recording in another split', () => {
    const e = (patient: string, split: CorpusEntry['split']) => ({ ...data.entries[0], source: 'sprsound', patient, split }) as CorpusEntry;
    const set = unseenPatients([e('a', 'test'), e('a', 'train'), e('b', 'test'), e('c', 'val')], 'test');
    expect([...set]).toEqual(['sprsound/b']);
  });
});
