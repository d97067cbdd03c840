// e2e helpers on top of browser.ts: run a test body in a fresh app session, wait for the waveform, make a fake-mic WAV.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWav, encodeWav16 } from '../src/core/audio/wav';
import { resample } from '../src/core/audio/resample';
import { FIXTURES, assertNoProblems, openApp, type Session } from './browser';

export const HEART_FIXTURE = join(FIXTURES, 'circor', 'training_data', '13918_AV.wav');
const FAKE_MIC_RATE_HZ = 48_000;

export async function withApp(
  opts: Parameters<typeof openApp>[0],
  body: (s: Session) => Promise<void>,
): Promise<void> {
  const s = await openApp(opts);
  try {
    await body(s);
    assertNoProblems(s);
  } finally {
    await s.close();
  }
}

export async function waveformReady(s: Session): Promise<void> {
  await s.page.locator('[data-testid="waveform"][data-ready="true"]').waitFor({ timeout: 15_000 });
  const canvases = await s.page.locator('[data-testid="waveform"] canvas').count();
  assert.ok(canvases > 0, 'waveform has no canvas');
}

/** Chromium's fake capture wants 16-bit PCM WAV; make one from a fixture at a common device rate (in a temp dir). */
export function fakeMicWav(): string {
  const d = decodeWav(new Uint8Array(readFileSync(HEART_FIXTURE)));
  const dir = mkdtempSync(join(tmpdir(), 'auscult-e2e-mic-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'fake-mic.wav');
  writeFileSync(file, encodeWav16(resample(d.samples, d.sampleRateHz, FAKE_MIC_RATE_HZ), FAKE_MIC_RATE_HZ));
  return file;
}
