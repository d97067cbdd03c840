import { describe, expect, it } from 'vitest';
import { fixtureEntries } from '../../src/core/tasks/fixtures';
import { scoreItem } from '../../src/core/tasks/score';
import { TASK_IDS } from '../../src/core/tasks/types';
import { buildBench } from './build';
import { benchMarkdown, benchStats } from './stats';

describe('bench build', () => {
  const base = fixtureEntries();
  const murmur = base.find((e) => e.murmur?.mostAudible === 'MV' && e.site === 'MV');
  const normal = base.find((e) => e.domain === 'heart' && e.normal === true);
  if (!murmur || !normal) throw new Error('fixtures changed');
  const patient = [
    { ...murmur, id: 'pp_MV', patient: 'pp' },
    { ...normal, id: 'pp_AV', patient: 'pp', site: 'AV' as const },
  ];
  const entries = [...base, ...patient].map((e, i) => ({
    ...e,
    split: (['train', 'train', 'val', 'test'] as const)[i % 4],
  }));
  for (const p of entries.filter((e) => e.patient === 'pp')) p.split = 'train';
  const items = buildBench(entries, { minTrainPairs: 600, evalPerTask: 1, oosRate: 0.05, seed: 1 });
  it('reaches the train target, covers all tasks and follows the recording split', () => {
    const train = items.filter((i) => i.split === 'train');
    console.log(`fixture bench: ${items.length} items, train ${train.length}`);
    expect(train.length).toBeGreaterThanOrEqual(600);
    for (const t of TASK_IDS) expect(train.some((i) => i.task === t)).toBe(true);
    const splitOf = new Map(entries.map((e) => [e.id, e.split]));
    for (const it of items) for (const r of it.recordings) expect(splitOf.get(r)).toBe(it.split);
    expect(items.some((i) => i.outOfScope)).toBe(true);
    expect(items.some((i) => i.loudest)).toBe(true);
  });
  it('is deterministic, drops beat segmentation, and every reference scores correct', () => {
    const again = buildBench(entries, { minTrainPairs: 600, evalPerTask: 1, oosRate: 0.05, seed: 1 });
    expect(again.map((i) => i.response)).toEqual(items.map((i) => i.response));
    expect(items.every((i) => i.labels.every((l) => l.events.every((e) => e.type !== 'S1')))).toBe(true);
    expect(items.filter((i) => !scoreItem(i, i.response).correct)).toHaveLength(0);
  });
  it('renders docs with per-task, domain and source tables', () => {
    const md = benchMarkdown(benchStats(items), items.slice(0, 2), 'npm run auscultbench -- build');
    expect(md).toContain('| comparison |');
    expect(md).toContain('| sprsound |');
    expect(md).toContain('Do not edit');
  });
});
