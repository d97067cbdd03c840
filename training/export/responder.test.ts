// The engine (transformers.js Ultravox path, as the app runs it) answers exactly what the hand-written ORT reference
// pipeline decodes greedily, for one recording and for a two-recording comparison (audio batch 2, one text sequence).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatPrompt } from '../../src/core/tasks/prompt';
import type { BenchItem } from '../../src/core/tasks/types';
import { recordingWindows, batchWindows } from '../../src/engine/audio';
import { Tokenizer } from '../tokenizer/tokenizer';
import { OrtModel } from './ort-model';
import { createEngineResponder, itemRecordings, type EngineResponder } from './responder';

const MODEL = path.resolve(import.meta.dirname, '../../models/tiny-random');
const MAX_NEW = 12;
const open: (EngineResponder | OrtModel)[] = [];

function tone(seconds: number, hz: number): Float32Array {
  return Float32Array.from(
    { length: seconds * 4000 },
    (_, i) => 0.3 * Math.sin((2 * Math.PI * hz * i) / 4000) * (1 + Math.sin(i / 900)),
  );
}

function item(n: number): BenchItem {
  const labels = Array.from({ length: n }, (_, i) => ({
    id: `x/${i}`,
    source: 'synth',
    patient: 'p',
    domain: 'heart',
    site: i === 0 ? 'AV' : 'MV',
    findings: [],
    normal: true,
  }));
  return {
    id: `test-${n}`,
    task: n === 2 ? 'comparison' : 'classification',
    split: 'test',
    domain: 'heart',
    source: 'synth',
    recordings: labels.map((l) => l.id),
    audio: [],
    site: 'AV',
    instruction: n === 2 ? 'Compare the two recordings.' : 'Is this heart sound normal?',
    response: '',
    labels,
    template: 't/0',
  } as unknown as BenchItem;
}

async function reference(dtype: 'fp32' | 'q4', it: BenchItem, audio: Float32Array[]): Promise<string> {
  const m = await OrtModel.load(MODEL, dtype);
  open.push(m);
  const tok = Tokenizer.fromJSON(await readFile(path.join(MODEL, 'tokenizer.json'), 'utf8'));
  const recs = itemRecordings(it, audio);
  const text = formatPrompt({
    instruction: it.instruction,
    recordings: recs,
    audioTokensPerRecording: m.manifest.audioTokensPerWindow,
  });
  const batch = batchWindows(recs.map((r) => recordingWindows(r)[0]));
  const ids = await m.greedy(
    await m.embed(tok.encode(text), await m.encode(batch.data, recs.length)),
    MAX_NEW,
  );
  return tok.decode(ids, { skipSpecial: true }).trim();
}

afterAll(async () => {
  for (const o of open) await (o instanceof OrtModel ? o.release() : o.dispose());
});

describe('engine (transformers.js) vs ORT reference pipeline on models/tiny-random', () => {
  for (const dtype of ['fp32', 'q4'] as const)
    it(`${dtype}: same greedy answer for one recording and for a comparison of two`, async () => {
      const responder = await createEngineResponder(MODEL, { dtype, maxNewTokens: MAX_NEW });
      open.push(responder);
      for (const n of [1, 2]) {
        const it = item(n);
        const audio = [tone(6, 40), tone(3, 90)].slice(0, n);
        const got = await responder.answer(it, audio);
        const want = await reference(dtype, it, audio);
        console.log(
          `engine ${dtype}, ${n} recording(s): ${JSON.stringify(got)} (reference ${JSON.stringify(want)})`,
        );
        expect(got.length).toBeGreaterThan(0);
        expect(got).toBe(want);
      }
    });
});
