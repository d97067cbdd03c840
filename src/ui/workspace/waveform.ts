// Waveform drawing for the region view: a min/max envelope per column as one SVG path.

/** Min/max per column, scaled to the loudest sample, as one closed SVG path. */
export function envelopePath(samples: Float32Array, columns = 600, height = 96): string {
  if (samples.length === 0) return '';
  const per = Math.max(1, Math.floor(samples.length / columns));
  let peak = 1e-9;
  for (const v of samples) peak = Math.max(peak, Math.abs(v));
  const top: string[] = [];
  const bottom: string[] = [];
  for (let c = 0; c < columns && c * per < samples.length; c++) {
    let lo = 0;
    let hi = 0;
    for (let i = c * per; i < Math.min(samples.length, (c + 1) * per); i++) {
      lo = Math.min(lo, samples[i]);
      hi = Math.max(hi, samples[i]);
    }
    top.push(`${c},${(height / 2) * (1 - hi / peak)}`);
    bottom.unshift(`${c},${(height / 2) * (1 - lo / peak)}`);
  }
  return `M${top.join('L')}L${bottom.join('L')}Z`;
}
