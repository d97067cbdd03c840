// Small file and text helpers shared by the dataset adapters (CSV rows, key: value headers, fixture paths).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AgeGroup } from '../../../src/core/clinical/schema';

export function readText(file: string): string {
  return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
}

export function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile();
}

export function isDir(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory();
}

/** Names of the files in `dir` ending with `ext` (case-insensitive), sorted; [] when the folder is missing. */
export function filesWithExt(dir: string, ext: string): string[] {
  if (!isDir(dir)) return [];
  const e = ext.toLowerCase();
  return readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith(e) && isFile(path.join(dir, f)))
    .sort();
}

/** Splits simple CSV (no quoted commas, which none of the supported datasets use) into trimmed cells. */
export function csvRows(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split(',').map((c) => c.trim()));
}

/** Age in years → age group (neonate < 28 days, infant < 1 y, child < 12 y, adolescent < 18 y). */
export function ageGroupFromYears(years: number): AgeGroup | undefined {
  if (!Number.isFinite(years) || years < 0) return undefined;
  if (years < 28 / 365) return 'neonate';
  if (years < 1) return 'infant';
  if (years < 12) return 'child';
  if (years < 18) return 'adolescent';
  return 'adult';
}

/** Root of the shared dataset fixtures: $AUSCULT_FIXTURES or ../shared/data/fixtures beside the repository. */
export function fixturesRoot(): string {
  const repoRoot = path.resolve(import.meta.dirname, '../../..');
  return process.env.AUSCULT_FIXTURES ?? path.resolve(repoRoot, '../shared/data/fixtures');
}

/** File-name stem without extension. */
export function stem(file: string): string {
  return path.basename(file).replace(/\.[^.]+$/, '');
}
