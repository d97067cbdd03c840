// Level metering for the live recorder: peak in dBFS and clipping detection.

/** Samples at or above this magnitude count as clipped (16-bit full scale minus one LSB). */
export const CLIP_THRESHOLD = 32766 / 32768;

export interface BlockLevel {
  peak: number;
  clipped: boolean;
}

export function measureBlock(samples: Float32Array): BlockLevel {
  let peak = 0;
  for (let i = 0; i < samples.length; i++) {
    const a = Math.abs(samples[i]);
    if (a > peak) peak = a;
  }
  return { peak, clipped: peak >= CLIP_THRESHOLD };
}

/** Peak amplitude in dBFS, floored at `floorDb` for silence. */
export function toDbfs(peak: number, floorDb = -90): number {
  return peak > 0 ? Math.max(floorDb, 20 * Math.log10(peak)) : floorDb;
}

/** Maps dBFS to a 0..1 meter fill. */
export function meterFraction(dbfs: number, floorDb = -60): number {
  return Math.min(1, Math.max(0, (dbfs - floorDb) / -floorDb));
}
