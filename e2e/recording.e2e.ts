// e2e: recording from Chromium's fake microphone (duration, recovery after reload, unplugged device, no device).
// Chunks are stored about once a second, so a recovered take is whole seconds long (the last partial second is lost).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fakeMicWav, waveformReady, withApp } from './session';

const RECORD_MS = 5000;

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

  it('recovers a recording interrupted by a reload', async () => {
    await withApp({ fakeMicWav: fakeMicWav() }, async (s) => {
      const { page } = s;
      await page.getByRole('button', { name: 'Record', exact: true }).click();
      await page.getByRole('button', { name: 'Stop', exact: true }).waitFor();
      await page.waitForTimeout(2500);
      await page.reload(); // no Stop: simulates a crash or an accidental reload
      const item = page.getByTestId('library-item').filter({ hasText: 'recovered' });
      await item.waitFor();
      const durationSec = Number(await item.getAttribute('data-duration-sec'));
      console.log(`[e2e] recovered ${durationSec.toFixed(3)} s of a 2.5 s interrupted take`);
      assert.ok(durationSec >= 1.9 && durationSec <= 4, `recovered duration ${durationSec} s`);
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
