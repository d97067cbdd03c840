// Tokenizer tests: round trips, special-token ids, and id-for-id parity with transformers.js's AutoTokenizer
// loading the saved tokenizer.json (the app's code path).
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { afterAll, describe, expect, it } from 'vitest';
import { formatExample, formatPrompt, SPECIAL_TOKENS } from '../../src/core/tasks/prompt';
import { Tokenizer, tokenizerConfig, trainTokenizer } from './tokenizer';

const CORPUS = [
  'A grade 3/6 holosystolic murmur is heard best at the mitral area, radiating to the axilla.',
  'Fine crackles at the posterior-left lower zone; no wheeze. Heart rate 92 bpm.',
  "The recording is normal: S1 and S2 are clear, there's no murmur, and it's well-recorded.",
  'Differential: mitral regurgitation, ventricular septal defect (VSD), or mitral-valve-prolapse.',
  'Recording 2 is abnormal — it has an early-diastolic decrescendo murmur.  Double  spaces\tand tabs\n\nlines.',
];
const PROBES = [
  ...CORPUS,
  formatExample(
    {
      instruction: 'Is there a murmur?',
      recordings: [{ domain: 'heart', site: 'MV' }],
      audioTokensPerRecording: 4,
    },
    'Yes: holosystolic, grade 3/6.',
  ),
  formatPrompt({
    instruction: 'Compare.',
    recordings: [
      { domain: 'lung', site: 'posterior-left-lower' },
      { domain: 'lung', site: 'trachea' },
    ],
    audioTokensPerRecording: 3,
  }),
  'unseen wörds: crépitants, 心音, emoji 🫀, numbers 12345.678, <not-special>, <s >',
  '   leading spaces and trailing   ',
];

const tok = trainTokenizer(
  CORPUS.flatMap((t) => [t, t.toLowerCase()]),
  400,
);
const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('byte-level BPE tokenizer', () => {
  it('fixes special token ids 0..6 and learns merges', () => {
    SPECIAL_TOKENS.forEach((s, i) => expect(tok.encode(s, { addBos: false })).toEqual([i]));
    expect(tok.merges.length).toBeGreaterThan(50);
    expect(tok.encode('murmur', { addBos: false }).length).toBe(1);
  });

  it('round-trips text exactly, including unicode and whitespace', () => {
    for (const p of PROBES) expect(tok.decode(tok.encode(p, { addBos: false }))).toBe(p);
    expect(tok.decode(tok.encode('a</s>'), { skipSpecial: true })).toBe('a');
  });

  it('survives a save/load through tokenizer.json', () => {
    const again = Tokenizer.fromJSON(tok.toJSON());
    for (const p of PROBES) expect(again.encode(p)).toEqual(tok.encode(p));
  });

  it('encodes and decodes id-for-id like transformers.js AutoTokenizer on the saved file', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'tok-'));
    dirs.push(root);
    await mkdir(path.join(root, 'auscult-tok'));
    await writeFile(path.join(root, 'auscult-tok', 'tokenizer.json'), tok.toJSON());
    await writeFile(
      path.join(root, 'auscult-tok', 'tokenizer_config.json'),
      JSON.stringify(tokenizerConfig(512)),
    );
    env.allowRemoteModels = false;
    env.localModelPath = root + '/';
    const hf = await AutoTokenizer.from_pretrained('auscult-tok');
    let mismatches = 0;
    for (const p of PROBES) {
      const ref = hf.encode(p);
      if (JSON.stringify(ref) !== JSON.stringify(tok.encode(p))) mismatches++;
      expect(tok.encode(p)).toEqual(ref);
      expect(hf.decode(ref, { skip_special_tokens: false })).toBe(tok.decode(ref));
    }
    console.log(`transformers.js parity: ${PROBES.length - mismatches}/${PROBES.length} probes identical`);
  });
});
