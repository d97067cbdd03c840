// Every WAV among the shared dataset fixtures (CirCor, SPRSound, Yaseen, PASCAL) decodes, with plausible rates and levels.
// eslint-disable-next-line auscult/boundaries -- the test reads the shared dataset fixtures from disk
import { readdirSync, readFileSync, statSync } from 'node:fs';
// eslint-disable-next-line auscult/boundaries -- the test reads the shared dataset fixtures from disk
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeWav } from './wav';

const root =
  process.env.AUSCULT_FIXTURES ?? path.resolve(import.meta.dirname, '../../../../shared/data/fixtures');

function wavFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return wavFiles(p);
    return f.toLowerCase().endsWith('.wav') ? [p] : [];
  });
}

describe('decodeWav on the dataset fixtures', () => {
  it('decodes every fixture WAV', () => {
    const files = wavFiles(root);
    expect(files.length).toBeGreaterThan(50);
    const rates = new Map<number, number>();
    let warned = 0;
    for (const f of files) {
      const d = decodeWav(readFileSync(f));
      expect(d.samples.length / d.sampleRateHz, f).toBeGreaterThan(0.5);
      expect(d.samples.every((x) => x >= -1 && x <= 1)).toBe(true);
      rates.set(d.sampleRateHz, (rates.get(d.sampleRateHz) ?? 0) + 1);
      if (d.warnings.length > 0) warned++;
    }
    console.log(
      `fixture WAVs: ${files.length} decoded, ${warned} with warnings, rates ${JSON.stringify(Object.fromEntries(rates))}`,
    );
  });
});
