// eval --degrade: the runner hands the responder degraded audio (deterministic per item), and results.md keeps degraded
// reports out of the per-source sections and renders them in the clean-vs-degraded table.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeWav16 } from '../../src/core/audio/wav';
import { FEATURE_CONFIG } from '../../src/core/features/config';
import { fixtureEntries } from '../../src/core/tasks/fixtures';
import { summarize } from '../../src/core/tasks/metrics';
import { makeItem } from '../../src/core/tasks/registry';
import { degradeItems } from '../dpo/degrade';
import type { EvalReport } from './report';
import { resultsMarkdown } from './results';
import { runItems } from './run';

describe('eval --degrade', () => {
  it('degrades the audio the responder receives, identically on a rerun', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'degrade-'));
    const [e] = fixtureEntries();
    await mkdir(path.dirname(path.join(dir, e.audio)), { recursive: true });
    const sr = FEATURE_CONFIG.sampleRateHz;
    const x = Float32Array.from({ length: sr * 2 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 100 * i) / sr));
    await writeFile(path.join(dir, e.audio), encodeWav16(x, sr));
    const item = makeItem({ task: 'classification', id: 'x/1', split: 'test', entries: [e] });
    const seen: number[] = [];
    const responder = {
      name: 'probe',
      answer: async (_: unknown, audio: Float32Array[]) => {
        seen.push(audio[0].length);
        return 'Normal.';
      },
    };
    await runItems(responder, [item], { audioRoot: dir, audioTransform: degradeItems('crop30') });
    await runItems(responder, [item], { audioRoot: dir });
    console.log(`crop30: responder saw ${seen[0]} samples instead of ${seen[1]}`);
    expect(seen[0]).toBe(Math.round(seen[1] * 0.7));
  });

  it('renders the clean-vs-degraded table and keeps degraded runs out of the source sections', () => {
    const [e] = fixtureEntries();
    const item = makeItem({ task: 'classification', id: 'x/1', split: 'test', entries: [e] });
    const summary = (correct: boolean) => summarize([{ item, answer: '', score: { correct } as never }]);
    const rep = (model: string, degrade: string | undefined, correct: boolean): EvalReport => ({
      format: 1,
      model,
      source: `bench:test${degrade ? `+${degrade}` : ''}`,
      createdAt: '2026-01-01T00:00:00Z',
      durationS: 1,
      options: degrade ? { degrade } : {},
      summary: summary(correct),
    });
    const clean300 = {
      ...rep('sft', undefined, false),
      options: { limit: 300 },
      createdAt: '2026-02-01T00:00:00Z',
    };
    const withLimit = (r: EvalReport): EvalReport => ({ ...r, options: { ...r.options, limit: 200 } });
    // The clean cell must be the 200-item run (same items as the degraded runs), not the newer 300-item one.
    const md = resultsMarkdown([
      clean300,
      withLimit(rep('sft', undefined, true)),
      withLimit(rep('sft', 'noise10', false)),
      withLimit(rep('dpo', 'noise10', true)),
    ]);
    expect(md).not.toMatch(/## bench:test\+noise10/);
    expect(md).toMatch(/\| bench:test \| sft \| 100\.0 \(1\) \| 0\.0 \(1\) \|/);
    expect(md).toMatch(/\| bench:test \| dpo \| – \| 100\.0 \(1\) \|/);
  });
});
