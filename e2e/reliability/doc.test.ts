// Tests for the reliability doc renderer and the results file: suites in order, pass/fail counts, escaping, merge.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReliabilityDoc } from './doc';
import { readResults, recordSuite, type SuiteResult } from './results';

const suite = (pass: boolean): SuiteResult => ({
  title: 'Bad files',
  source: 'e2e/reliability.e2e.ts',
  ranAt: '2026-11-28T04:00:00.000Z',
  outcomes: [
    {
      id: 'a',
      what: 'x | y',
      expected: 'rejected',
      observed: 'rejected',
      pass: true,
      measured: { importMs: 12, heapMiB: 6.625 },
    },
    { id: 'b', what: 'z', expected: 'warned', observed: 'nothing', pass },
  ],
  coveredElsewhere: [{ what: 'fuzz', where: 'src/core/audio/wav.test.ts' }],
});

describe('reliability doc', () => {
  it('renders each suite with its outcomes, counts, figures and pointers', () => {
    const md = renderReliabilityDoc({ format: 1, suites: { 'bad-files': suite(false) } });
    expect(md).toContain('Overall: 1 of 2 cases passed.');
    expect(md).toContain('1 of 2 passed.');
    expect(md).toContain('| a | x \\| y | rejected | rejected | pass | importMs 12, heapMiB 6.63 |');
    expect(md).toContain('| b | z | warned | nothing | **FAIL** |  |');
    expect(md).toContain('- fuzz: src/core/audio/wav.test.ts');
    expect(md).toMatch(/## faults\n\nNot run yet: `npm run test:e2e -- reliability.e2e`/);
    expect(md.indexOf('## Bad files')).toBeLessThan(md.indexOf('## faults'));
  });

  it('merges suites into one results file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'auscult-rel-'));
    try {
      const path = join(dir, 'results.json');
      recordSuite('bad-files', suite(true), path);
      recordSuite('load', { ...suite(true), title: 'Load' }, path);
      recordSuite('bad-files', suite(false), path);
      const r = readResults(path);
      expect(Object.keys(r.suites).sort()).toEqual(['bad-files', 'load']);
      expect(r.suites['bad-files'].outcomes[1].pass).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
