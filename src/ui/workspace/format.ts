// Small display formatters for the workspace (sizes, speeds, probabilities).

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

export function formatTokensPerSecond(tps: number | null): string {
  return tps === null ? '– tokens/s' : `${tps.toFixed(tps < 10 ? 1 : 0)} tokens/s`;
}

export function formatPercent(p: number): string {
  return `${Math.round(p * 100)}%`;
}
