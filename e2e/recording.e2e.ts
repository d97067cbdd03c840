// e2e: recording from Chromium's fake microphone (duration, recovery after reload with the audio lost measured,
// unplugged device, no device). The reload case is recorded in reliability/results.json for docs/reliability.md.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { suiteRecorder } from './reliability/results';
import { fakeMicWav, waveformReady, withApp } from './session';

const RECORD_MS = 5000;
/** The most audio a reload or crash may cost: what was recorded but not yet in IndexedDB when the page died. */
const MAX_LOST_MS = 250;
const capture = suiteRecorder('capture', 'Capture', 'e2e/recording.e2e.ts');
after(() => capture.save());

/**
 * How much audio the recorder had taken in when the page went away: the recorder node's AudioContext time from its
 * creation to `pagehide` (the last moment the page can save anything), kept in sessionStorage across the reload.
 */
const MEASURE_CAPTURED = `{
  const Node = window.AudioWorkletNode;
  window.AudioWorkletNode = class extends Node {
    constructor(ctx, name, options) {
      super(ctx, name, options);
      if (name !== 'auscult-recorder') return;
      const t0 = ctx.currentTime;
      addEventListener('pagehide', () => sessionStorage.setItem('auscult-captured-s', String(ctx.currentTime - t0)));
    }
  };
}`;

describe('recording', () => {
  it('records 5 s from the fake microphone into the library, with a waveform', async () => {
    await withApp({ fakeMicWav: fakeMicWav() }, async (s) => {
      const { page } = s;
      // The recording can only span from the Record click to the end of the Stop click; bound it by both.
      const tRecordClick = Date.now();
      await page.getByRole('button', { name: 'Record', exact: true }).click();
      const stop = page.getByRole('button', { name: 'Stop', exact: true });
      await stop.waitFor();
      const tRecording = Date.now();
      await page.waitForTimeout(RECORD_MS / 2);
      const meter = page.getByRole('meter', { name: 'Input level' });
      const levelDbfs = Number(await meter.getAttribute('aria-valuenow'));
      await page.waitForTimeout(RECORD_MS / 2);
      const tStopClick = Date.now();
      await stop.click();
      const tStopped = Date.now();
      const item = page.getByTestId('library-item').first();
      await item.waitFor();
      const durationSec = Number(await item.getAttribute('data-duration-sec'));
      const minSec = (tStopClick - tRecording) / 1000;
      const maxSec = (tStopped - tRecordClick) / 1000;
      console.log(
        `[e2e] recorded ${durationSec.toFixed(3)} s; take lasted ${minSec.toFixed(3)}–${maxSec.toFixed(3)} s; live level ${levelDbfs} dBFS`,
      );
      assert.ok(levelDbfs > -60, `the fake microphone signal did not reach the meter (${levelDbfs} dBFS)`);
      assert.ok(
        durationSec >= minSec - 0.1 && durationSec <= maxSec + 0.1,
        `duration ${durationSec} s is outside the take`,
      );
      await waveformReady(s);
      const warnings = await page.locator('.warning').allTextContents();
      assert.deepEqual(
        warnings.filter((w) => /kept/.test(w)),
        [],
        'voice processing was left on',
      );
    });
  });

  it('recovers a recording interrupted by a reload, losing at most 250 ms', async () => {
    await withApp({ fakeMicWav: fakeMicWav(), initScript: MEASURE_CAPTURED }, async (s) => {
      const { page } = s;
      await page.getByRole('button', { name: 'Record', exact: true }).click();
      await page.getByRole('button', { name: 'Stop', exact: true }).waitFor();
      await page.waitForTimeout(2500);
      await page.reload(); // no Stop: simulates a crash or an accidental reload
      const item = page.getByTestId('library-item').filter({ hasText: 'recovered' });
      await item.waitFor();
      const recoveredMs = Number(await item.getAttribute('data-duration-sec')) * 1000;
      const capturedMs =
        Number(await page.evaluate(() => sessionStorage.getItem('auscult-captured-s'))) * 1000;
      const lostMs = capturedMs - recoveredMs;
      const observed = `recorded ${capturedMs.toFixed(0)} ms before the page went away, recovered ${recoveredMs.toFixed(0)} ms: lost ${lostMs.toFixed(0)} ms`;
      console.log(`[e2e] ${observed}`);
      capture.add({
        id: 'reload-during-recording',
        what: 'the page reloaded 2.5 s into a recording (no Stop)',
        expected: `the recording is recovered from IndexedDB on the next start, losing at most ${MAX_LOST_MS} ms`,
        observed,
        pass: capturedMs > 2000 && lostMs <= MAX_LOST_MS && lostMs >= -20,
        measured: {
          capturedMs: Math.round(capturedMs),
          recoveredMs: Math.round(recoveredMs),
          lostMs: Math.round(lostMs),
        },
      });
      assert.ok(capturedMs > 2000, `the capture measurement saw only ${capturedMs} ms`);
      assert.ok(lostMs <= MAX_LOST_MS, `lost ${lostMs} ms of audio (bound ${MAX_LOST_MS} ms)`);
      // the clock reading and the recorded frames differ by at most a render quantum or two, never by more
      assert.ok(lostMs >= -20, `recovered ${-lostMs} ms more than was recorded`);
      await item.click();
      await waveformReady(s);
    });
  });

  it('keeps the partial recording and says so when the microphone is unplugged', async () => {
    // Chromium cannot unplug a fake device, so fire the track's 'ended' event the way the browser would.
    const initScript = `{
      const gum = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = async (c) => {
        const stream = await gum(c);
        window.__auscultTracks = stream.getAudioTracks();
        return stream;
      };
    }`;
    await withApp({ fakeMicWav: fakeMicWav(), initScript }, async (s) => {
      const { page } = s;
      await page.getByRole('button', { name: 'Record', exact: true }).click();
      await page.getByRole('button', { name: 'Stop', exact: true }).waitFor();
      await page.waitForTimeout(2000);
      await page.evaluate(() => {
        const tracks = (window as unknown as { __auscultTracks: MediaStreamTrack[] }).__auscultTracks;
        tracks[0].dispatchEvent(new Event('ended'));
      });
      await page.getByRole('button', { name: 'Record', exact: true }).waitFor();
      const message = await page.getByTestId('recorder-error').innerText();
      assert.match(message, /disconnected.*has been saved/);
      const durationSec = Number(
        await page.getByTestId('library-item').first().getAttribute('data-duration-sec'),
      );
      console.log(`[e2e] unplugged after ~2 s: kept ${durationSec.toFixed(3)} s`);
      assert.ok(durationSec >= 1.8 && durationSec <= 4, `kept ${durationSec} s`);
    });
  });

  it('explains a missing microphone instead of failing silently', async () => {
    await withApp({ fakeMic: false }, async (s) => {
      const { page } = s;
      await page.getByRole('button', { name: 'Record', exact: true }).click();
      const message = await page.getByTestId('recorder-error').innerText();
      console.log(`[e2e] no-microphone message: ${message}`);
      assert.match(message, /No microphone was found|Microphone access was denied/);
      assert.equal(await page.getByTestId('library-item').count(), 0);
    });
  });
});
