// Progress line with ETA on stderr, an append-only run log, and the curves CSV of a training stage.
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function fmtDuration(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m${String(Math.floor(s % 60)).padStart(2, '0')}s`;
}

export class Progress {
  private readonly t0 = Date.now();
  private readonly step0: number;

  constructor(
    private readonly label: string,
    private readonly total: number,
    start: number,
  ) {
    this.step0 = start;
  }

  /** One stderr line: bar, step/total, the given metrics, rate and ETA. */
  update(step: number, metrics: Record<string, number | string>): string {
    const done = step - this.step0;
    const el = (Date.now() - this.t0) / 1000;
    const eta = done > 0 ? ((this.total - step) * el) / done : NaN;
    const width = 20;
    const fill = Math.round((width * step) / Math.max(1, this.total));
    const bar = '#'.repeat(fill) + '.'.repeat(width - fill);
    const m = Object.entries(metrics)
      .map(
        ([k, v]) =>
          `${k}=${typeof v === 'number' ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(4)) : v}`,
      )
      .join(' ');
    const line = `[${this.label}] [${bar}] ${step}/${this.total} ${m} elapsed=${fmtDuration(el)} eta=${fmtDuration(eta)}`;
    console.error(line);
    return line;
  }
}

/** Appends timestamped lines to `<outDir>/<stage>.log`. */
export class RunLog {
  readonly file: string;
  constructor(outDir: string, stage: string) {
    mkdirSync(outDir, { recursive: true });
    this.file = path.join(outDir, `${stage}.log`);
  }
  write(line: string): void {
    appendFileSync(this.file, `${new Date().toISOString()} ${line}\n`);
  }
}

/** A CSV of training curves with a fixed header; rows for steps ≤ a resumed step are kept, later ones truncated. */
export class Curves {
  constructor(
    readonly file: string,
    readonly columns: string[],
  ) {
    if (!existsSync(file)) writeFileSync(file, columns.join(',') + '\n');
  }
  add(row: Record<string, number | undefined>): void {
    appendFileSync(
      this.file,
      this.columns.map((c) => (row[c] === undefined ? '' : String(row[c]))).join(',') + '\n',
    );
  }
}
