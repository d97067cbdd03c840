import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeWav16 } from '../../src/core/audio/wav';
import { FEATURE_CONFIG } from '../../src/core/features/config';
import { summarize } from '../../src/core/tasks/metrics';
import { fixtureEntries } from '../../src/core/tasks/fixtures';
import { buildBench } from '../auscultbench/build';
import { writeFile, mkdir } from 'node:fs/promises';
import { createMajorityResponder, createTextOnlyResponder } from './baselines';
import { createClassifierResponder, probabilitiesFromLines } from './classifier-responder';
import { filterItems } from './items';
import { reportMarkdown, type EvalReport } from './report';
import type { Responder } from './responder';
import { resultsMarkdown, resultsSections } from './results';
import { runItems } from './run';

const entries = fixtureEntries().map((e, i) => ({
  ...e,
  split: i % 3 === 0 ? ('test' as const) : ('train' as const),
}));
const items = buildBench(entries, { minTrainPairs: 500, evalPerTask: 1, oosRate: 0.1, seed: 3 });
const train = items.filter((i) => i.split === 'train');
const test = items.filter((i) => i.split === 'test');

describe('eval', () => {
  it('scores the baselines, and an oracle responder gets everything right', async () => {
    const oracle: Responder = { name: 'oracle', usesAudio: false, answer: async (it) => it.response };
    const run = (r: Responder) => runItems(r, test, { audioRoot: '/' }).then(summarize);
    const [maj, txt, ora] = await Promise.all([
      run(createMajorityResponder(train)),
      run(createTextOnlyResponder(train)),
      run(oracle),
    ]);
    console.log(
      `fixture test split (${test.length}): majority ${maj.accuracy.toFixed(3)}, text-only ${txt.accuracy.toFixed(3)}, oracle ${ora.accuracy}`,
    );
    expect(ora.accuracy).toBe(1);
    expect(maj.accuracy).toBeLessThan(0.8);
    expect(txt.outOfScope.accuracy).toBeGreaterThanOrEqual(0.8); // declining needs only the instruction text
    expect(maj.outOfScope.accuracy).toBe(0);
  });
  it('decodes audio for responders that use it, and renders classifier probabilities', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'auscult-eval-'));
    const one = test.filter((i) => i.task === 'detection' && !i.outOfScope).slice(0, 3);
    for (const it of one) {
      for (const a of it.audio) {
        await mkdir(path.dirname(path.join(dir, a)), { recursive: true });
        await writeFile(path.join(dir, a), encodeWav16(new Float32Array(8000).fill(0.1), 8000));
      }
    }
    const lens: number[] = [];
    const probs = one.flatMap((it) =>
      it.labels.map((l, i) => ({
        id: it.recordings[i],
        probabilities: l.findings.map((f) => ({ label: f, probability: 0.9 })),
      })),
    );
    const inner = createClassifierResponder('cls', probabilitiesFromLines(probs), true);
    const spy: Responder = {
      ...inner,
      answer: (it, audio) => (lens.push(...audio.map((a) => a.length)), inner.answer(it, audio)),
    };
    const s = summarize(await runItems(spy, one, { audioRoot: dir }));
    expect(lens.length).toBe(3);
    expect(lens.every((n) => n === FEATURE_CONFIG.sampleRateHz)).toBe(true); // 1 s at 8 kHz, resampled
    expect(s.accuracy).toBe(1);
  });
  it('limits with an even stride, and writes report and results markdown', async () => {
    expect(filterItems(test, ['comparison'], undefined).every((i) => i.task === 'comparison')).toBe(true);
    expect(filterItems(test, undefined, 5)).toHaveLength(5);
    const summary = summarize(await runItems(createMajorityResponder(train), test, { audioRoot: '/' }));
    const report: EvalReport = {
      format: 1,
      model: 'baseline:majority',
      source: 'fixtures',
      createdAt: 'now',
      durationS: 1,
      options: {},
      summary,
    };
    expect(reportMarkdown(report)).toContain('| classification |');
    const md = resultsMarkdown([report, { ...report, model: 'baseline:text-only' }]);
    expect(md).toContain('| baseline:text-only |');
    expect(md).toContain('Do not edit');
    // An earlier generation's reports come after the current ones and the findings, under their own heading.
    const earlier = { ...report, model: 'old-model:q8:cpu' };
    const withArchive = resultsMarkdown([report], [{ name: 'v2', note: 'The previous model.', sections: resultsSections([earlier]) }], [
      '## Findings heads (exported model, corpus recordings)',
    ]);
    const at = (text: string) => withArchive.indexOf(text);
    expect(at('# Earlier model: v2')).toBeGreaterThan(at('## Findings heads'));
    expect(at('## Findings heads')).toBeGreaterThan(at(`| ${report.model} |`));
    expect(at('| old-model:q8:cpu |')).toBeGreaterThan(at('The previous model.'));
    expect(at('The previous model.')).toBeGreaterThan(at('# Earlier model: v2'));
    expect(await readFile(new URL(import.meta.url), 'utf8')).toContain('oracle');
  });
});
