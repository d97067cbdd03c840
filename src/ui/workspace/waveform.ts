// Waveform drawing for the region view: an envelope (min/max per column, computed in the audio worker) as one SVG path.
import type { Peaks } from '../../core/audio/peaks';

/** The envelope's min/max outline, one column per bin, scaled to its loudest value, as one closed SVG path. */
export function envelopePath(env: Pick<Peaks, 'min' | 'max'>, height = 96): string {
  const columns = env.min.length;
  if (columns === 0) return '';
  let peak = 1e-9;
  for (let c = 0; c < columns; c++) peak = Math.max(peak, Math.abs(env.min[c]), Math.abs(env.max[c]));
  const top: string[] = [];
  const bottom: string[] = [];
  for (let c = 0; c < columns; c++) {
    const hi = Math.max(0, env.max[c]);
    const lo = Math.min(0, env.min[c]);
    top.push(`${c},${(height / 2) * (1 - hi / peak)}`);
    bottom.unshift(`${c},${(height / 2) * (1 - lo / peak)}`);
  }
  return `M${top.join('L')}L${bottom.join('L')}Z`;
}
