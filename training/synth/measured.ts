// Properties measured on rendered synthesizer output for docs/synth.md (the same measures the tests assert).
import { crackleWidthsMs, s2SplitsMs, stenosisSystoleReS1Db } from '../../src/core/synth/measure';
import type { Grade } from '../../src/core/synth/murmur';
import type { S2SplitMode } from '../../src/core/synth/heartTiming';

const avg = (a: number[]): number => a.reduce((s, v) => s + v, 0) / Math.max(1, a.length);

function splitRow(mode: S2SplitMode): [string, string] {
  const { inspirationMs, expirationMs } = s2SplitsMs(mode);
  return [
    `S2 split, ${mode} (PV, envelope peaks; 0 = unresolved < 15 ms)`,
    `expiration ${avg(expirationMs).toFixed(1)} ms, inspiration ${avg(inspirationMs).toFixed(1)} ms`,
  ];
}

function gradeRow(): [string, string] {
  return [
    'aortic stenosis at AV, systole power re S1 power by grade 1–6 (dB)',
    ([1, 2, 3, 4, 5, 6] as Grade[]).map((g) => stenosisSystoleReS1Db(g).toFixed(1)).join(', '),
  ];
}

function crackleRow(kind: 'fine' | 'coarse'): [string, string] {
  const { idwMs, tcdMs } = crackleWidthsMs(kind);
  const range = (v: number[]): string => `${Math.min(...v).toFixed(2)}–${Math.max(...v).toFixed(2)} ms`;
  return [
    `${kind} crackles at 16 kHz, ${idwMs.length} isolated: IDW, 2CD (zero crossings)`,
    `${range(idwMs)}, ${range(tcdMs)}`,
  ];
}

export function measuredRows(): [string, string][] {
  return [
    splitRow('normal'),
    splitRow('fixed'),
    splitRow('paradoxical'),
    gradeRow(),
    crackleRow('fine'),
    crackleRow('coarse'),
  ];
}
