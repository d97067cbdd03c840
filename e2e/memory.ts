// The page's memory as the e2e tests measure it (CDP): its JS heap, and with its array buffers, sampled every 50 ms.
import type { CDPSession } from 'playwright-core';

export const MIB = 2 ** 20;

/** Samples the page's JS heap and its array buffers every 50 ms until stopped; reports the peaks. */
export function sampleMemory(cdp: CDPSession) {
  const read = async () => {
    const u = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
    return { heap: u.usedSize, withBuffers: u.usedSize + (u.backingStorageSize ?? 0) };
  };
  let running = true;
  const peak = { heap: 0, withBuffers: 0 };
  const done = (async () => {
    while (running) {
      const m = await read().catch(() => null); // the page closed under it (a failed test): its error is the one to see
      if (!m) return;
      peak.heap = Math.max(peak.heap, m.heap);
      peak.withBuffers = Math.max(peak.withBuffers, m.withBuffers);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    read,
    stop: async () => {
      running = false;
      await done;
      return peak;
    },
  };
}
