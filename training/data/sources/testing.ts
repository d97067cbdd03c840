// Test helpers for the adapters: the shared fixture tree and a throw-away copy of part of it to break on purpose.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeWav16 } from '../../../src/core/audio/wav';
import { labelProblems } from '../validate';
import type { SourceListing } from './types';
import { fixturesRoot } from './util';

/** Path of one source's fixtures. */
export function fixture(source: string): string {
  return path.join(fixturesRoot(), source);
}

/** A fresh temporary copy of one source's fixtures. */
export function fixtureCopy(source: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `auscult-${source}-`));
  cpSync(fixture(source), dir, { recursive: true });
  return dir;
}

/** Every schema problem in a listing, as "id: problem" strings. */
export function schemaProblems(listing: SourceListing): string[] {
  return listing.records.flatMap((r) => labelProblems(r.labels).map((p) => `${r.labels.id}: ${p}`));
}

/** A temporary copy of training/data/fixtures/<source> with a short generated WAV at each `<relative stem>.wav`. */
export function generatedTree(source: string, wavStems: string[], rateHz = 2000): string {
  const dir = mkdtempSync(path.join(tmpdir(), `auscult-${source}-`));
  cpSync(path.resolve(import.meta.dirname, '../fixtures', source), dir, { recursive: true });
  const tone = Float32Array.from(
    { length: rateHz / 2 },
    (_, i) => 0.3 * Math.sin((2 * Math.PI * 100 * i) / rateHz),
  );
  for (const s of wavStems) {
    mkdirSync(path.dirname(path.join(dir, s)), { recursive: true });
    writeFileSync(path.join(dir, `${s}.wav`), encodeWav16(tone, rateHz));
  }
  return dir;
}
