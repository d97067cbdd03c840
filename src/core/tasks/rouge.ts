// ROUGE-L (Lin 2004): F-measure of the longest common subsequence of word tokens between answer and reference.

export function wordTokens(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+(?:[/.'-][a-z0-9]+)*/g) ?? [];
}

/** Length of the longest common subsequence, O(n·m) time and O(m) memory. */
export function lcsLength<T>(a: readonly T[], b: readonly T[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    }
    prev = cur;
  }
  return prev[b.length];
}

/** ROUGE-L F1 (β = 1) in [0, 1]; 0 when either text has no tokens. */
export function rougeL(candidate: string, reference: string): number {
  const c = wordTokens(candidate);
  const r = wordTokens(reference);
  if (c.length === 0 || r.length === 0) return 0;
  const lcs = lcsLength(c, r);
  if (lcs === 0) return 0;
  const p = lcs / c.length;
  const rec = lcs / r.length;
  return (2 * p * rec) / (p + rec);
}
