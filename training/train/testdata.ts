// Builds a tiny corpus + bench in a temp folder for tests and CI: the tasks' fixture entries, with short
// synthetic WAVs whose content depends on the labels (murmur = noise between beats, crackles = clicks, etc.).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { encodeWav16 } from '../../src/core/audio/wav';
import type { CorpusEntry } from '../../src/core/clinical/corpus';
import { FEATURE_CONFIG } from '../../src/core/features/config';
import { fixtureEntries } from '../../src/core/tasks/fixtures';
import { makeItem } from '../../src/core/tasks/registry';
import type { TaskId } from '../../src/core/tasks/types';
import { parseArgs, type Stage, type TrainConfig } from './config';
import { gaussian, mulberry32 } from '../model/params';

/** Label-dependent synthetic audio (not physiological: only distinguishable, for pipeline tests). */
export function synthAudio(e: CorpusEntry, seconds: number, seed: number): Float32Array {
  const sr = FEATURE_CONFIG.sampleRateHz;
  const g = gaussian(mulberry32(seed));
  const x = new Float32Array(Math.round(seconds * sr));
  const murmur = e.findings.some((f) => f.endsWith('-murmur'));
  const crackles = e.findings.some((f) => f.endsWith('-crackles'));
  const wheeze = e.findings.includes('wheeze') || e.findings.includes('rhonchi');
  for (let i = 0; i < x.length; i++) {
    const t = i / sr;
    if (e.domain === 'heart') {
      const ph = (t * 1.2) % 1;
      const beat = Math.exp(-((ph / 0.02) ** 2)) + Math.exp(-(((ph - 0.35) / 0.02) ** 2));
      x[i] =
        0.5 * beat * Math.sin(2 * Math.PI * 60 * t) +
        (murmur && ph > 0.05 && ph < 0.3 ? 0.2 * g() : 0) +
        0.01 * g();
    } else {
      const breath = 0.5 + 0.5 * Math.sin(2 * Math.PI * 0.3 * t);
      x[i] =
        0.1 * breath * g() +
        (wheeze ? 0.3 * Math.sin(2 * Math.PI * 400 * t) : 0) +
        (crackles && g() > 2.8 ? 0.8 : 0);
    }
  }
  return x;
}

export interface TinyData {
  corpusDir: string;
  benchDir: string;
  entries: CorpusEntry[];
}

/** Writes corpus.jsonl + WAVs and a bench ({train,val,test}.jsonl) of classification/detection/comparison items. */
export async function writeTinyData(root: string, seconds = 3): Promise<TinyData> {
  const corpusDir = path.join(root, 'corpus');
  const benchDir = path.join(root, 'bench');
  await mkdir(path.join(corpusDir, 'audio'), { recursive: true });
  await mkdir(benchDir, { recursive: true });
  const entries = fixtureEntries().map((e, i) => ({
    ...e,
    split: i % 5 === 4 ? ('val' as const) : ('train' as const),
  }));
  for (const [i, e] of entries.entries())
    await writeFile(
      path.join(corpusDir, e.audio),
      encodeWav16(synthAudio(e, seconds, i + 1), FEATURE_CONFIG.sampleRateHz),
    );
  await writeFile(
    path.join(corpusDir, 'corpus.jsonl'),
    entries.map((e) => JSON.stringify(e)).join('\n') + '\n',
  );
  for (const split of ['train', 'val', 'test'] as const) {
    const pool = entries.filter((e) => e.split === (split === 'train' ? 'train' : 'val'));
    const items = pool.flatMap((e, i) =>
      (['classification', 'detection'] as TaskId[]).map((task) =>
        makeItem({ task, id: `${split}-${task}-${i}`, split, entries: [e] }),
      ),
    );
    for (let i = 0; i + 1 < pool.length; i += 3)
      if (pool[i].domain === pool[i + 1].domain && pool[i].normal !== null && pool[i + 1].normal !== null)
        items.push(
          makeItem({ task: 'comparison', id: `${split}-cmp-${i}`, split, entries: [pool[i], pool[i + 1]] }),
        );
    await writeFile(
      path.join(benchDir, `${split}.jsonl`),
      items.map((it) => JSON.stringify(it)).join('\n') + '\n',
    );
  }
  return { corpusDir, benchDir, entries };
}

/** The tiny config of `stage` pointed at a TinyData folder (runs in `<root>/runs`), then any extra --key=value flags. */
export function tinyConfig(stage: Stage, data: TinyData, root: string, extra: string[] = []): TrainConfig {
  const paths = [
    `--corpusDir=${data.corpusDir}`,
    `--benchDir=${data.benchDir}`,
    `--outDir=${path.join(root, 'runs')}`,
  ];
  return parseArgs([stage, '--config=tiny', ...paths, ...extra]).config;
}
