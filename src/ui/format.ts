// Display formatting for the library: durations, dates, file names.

/** 5.04 → "0:05.0", 75.2 → "1:15.2". */
export function formatDuration(sec: number): string {
  const safe = Number.isFinite(sec) && sec > 0 ? sec : 0;
  const m = Math.floor(safe / 60);
  const s = safe - m * 60;
  return `${m}:${s.toFixed(1).padStart(4, '0')}`;
}

export function formatDate(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A safe download name for a recording's WAV. */
export function wavFileName(name: string): string {
  const base = name.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '') || 'recording';
  return `${base}.wav`;
}
