// Test helpers for the adapters: the shared fixture tree and a throw-away copy of part of it to break on purpose.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
