// Picks the fastest available tfjs backend for training and says which: tfjs-node if installed, else
// tfjs-backend-wasm with the OpenBLAS matmul override, else plain wasm. Call once before building models.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { loadBlasAddon, registerBlasMatMul } from './blas';

export type BackendName = 'tfjs-node' | 'wasm+openblas' | 'wasm';
export interface BackendInfo {
  name: BackendName;
  /** Why this one was chosen (and why faster ones were not). */
  reason: string;
}

let chosen: BackendInfo | undefined;

async function tryTfjsNode(): Promise<string | undefined> {
  try {
    // Optional dependency: absent wherever libtensorflow cannot be downloaded. A variable keeps bundlers/tsc from resolving it.
    const name = '@tensorflow/tfjs-node';
    await import(/* @vite-ignore */ name);
    if (await tf.setBackend('tensorflow')) return undefined;
    return 'tfjs-node imported but its backend failed to initialize';
  } catch {
    return 'tfjs-node not installed';
  }
}

/**
 * Initializes tfjs once. `prefer` forces a backend ('wasm' skips the BLAS override, e.g. for parity tests).
 * Logs the choice to stderr unless `quiet`.
 */
export async function initBackend(
  opts: { prefer?: BackendName; quiet?: boolean } = {},
): Promise<BackendInfo> {
  if (chosen) return chosen;
  const notes: string[] = [];
  if (!opts.prefer || opts.prefer === 'tfjs-node') {
    const why = await tryTfjsNode();
    if (!why) chosen = { name: 'tfjs-node', reason: 'tfjs-node (libtensorflow) is installed' };
    else notes.push(why);
  }
  if (!chosen) {
    if (!(await tf.setBackend('wasm'))) throw new Error('tfjs-backend-wasm failed to initialize');
    await tf.ready();
    const addon = opts.prefer === 'wasm' ? 'plain wasm requested' : loadBlasAddon();
    if (typeof addon !== 'string') {
      registerBlasMatMul(addon);
      chosen = {
        name: 'wasm+openblas',
        reason: [...notes, 'OpenBLAS BatchMatMul override registered'].join('; '),
      };
    } else {
      chosen = { name: 'wasm', reason: [...notes, addon].join('; ') };
    }
  }
  if (!opts.quiet) console.error(`[backend] ${chosen.name}: ${chosen.reason}`);
  return chosen;
}

/** The backend chosen by initBackend (throws if it was not called). */
export function currentBackend(): BackendInfo {
  if (!chosen) throw new Error('initBackend() has not been called');
  return chosen;
}
