// e2e against the built app in Chromium: fake-microphone recording, import + reload, bad file, offline reload.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWav, encodeWav16 } from '../src/core/audio/wav';
import { resample } from '../src/core/audio/resample';
import { FIXTURES, assertNoProblems, openApp, type Session } from './browser';

const HEART_FIXTURE = join(FIXTURES, 'circor', 'training_data', '13918_AV.wav');
const FAKE_MIC_RATE_HZ = 48_000;
const RECORD_MS = 5000;

let tmp = '';
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'auscult-e2e-data-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Chromium's fake capture wants 16-bit PCM WAV; make one from a fixture at a common device rate. */
function fakeMicWav(): string {
  const d = decodeWav(new Uint8Array(readFileSync(HEART_FIXTURE)));
  const file = join(tmp, 'fake-mic.wav');
  writeFileSync(file, encodeWav16(resample(d.samples, d.sampleRateHz, FAKE_MIC_RATE_HZ), FAKE_MIC_RATE_HZ));
  return file;
}

async function withApp(
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

async function waveformReady(s: Session): Promise<void> {
  await s.page.locator('[data-testid="waveform"][data-ready="true"]').waitFor({ timeout: 15_000 });
  const canvases = await s.page.locator('[data-testid="waveform"] canvas').count();
  assert.ok(canvases > 0, 'waveform has no canvas');
}

describe('Auscult app', () => {
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
      assert.ok(durationSec >= 1.9 && durationSec <= 3, `recovered duration ${durationSec} s`);
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

  it('imports a fixture WAV that survives a reload', async () => {
    await withApp({}, async (s) => {
      const { page } = s;
      await page.getByTestId('import-input').setInputFiles(HEART_FIXTURE);
      const item = page.getByTestId('library-item').filter({ hasText: '13918_AV' });
      await item.waitFor();
      const durationSec = Number(await item.getAttribute('data-duration-sec'));
      assert.ok(Math.abs(durationSec - 10.288) < 0.01, `imported duration ${durationSec}`);
      await waveformReady(s);
      await page.reload();
      await item.waitFor();
      assert.equal(await page.getByTestId('library-item').count(), 1);
      // playback at 0.5x through the filter chain, then delete and undo
      await item.click();
      await waveformReady(s);
      await page.getByLabel('0.5×').check();
      await page.getByLabel('Filter').selectOption('bell');
      await page.getByRole('button', { name: 'Play' }).click();
      await page.getByRole('button', { name: 'Pause' }).waitFor();
      await page.getByRole('button', { name: 'Pause' }).click();
      await page.getByRole('button', { name: 'Delete' }).click();
      assert.equal(await page.getByTestId('library-item').count(), 0);
      await page.getByRole('button', { name: 'Undo' }).click();
      await item.waitFor();
    });
  });

  it('rejects a text file renamed .wav with a clear message and adds nothing', async () => {
    await withApp({}, async (s) => {
      const { page } = s;
      await page.getByTestId('import-input').setInputFiles({
        name: 'notes.wav',
        mimeType: 'audio/wav',
        buffer: Buffer.from('these are my notes, not audio\n'),
      });
      const alert = page.getByRole('alert').filter({ hasText: 'notes.wav' });
      await alert.waitFor();
      const message = await alert.locator('span').innerText();
      console.log(`[e2e] bad-file message: ${message}`);
      assert.match(message, /not a readable WAV file/);
      assert.equal(await page.getByTestId('library-item').count(), 0);
      await page.reload();
      await page.getByText('No recordings yet').waitFor();
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

  it('says plainly when storage is full and keeps what was saved', async () => {
    // Simulate a full disk: IndexedDB writes to the file store throw QuotaExceededError once enabled.
    const initScript = `{
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (...args) {
        if (window.__auscultQuotaFull && this.name === 'files') throw new DOMException('full', 'QuotaExceededError');
        return put.apply(this, args);
      };
    }`;
    await withApp({ initScript }, async (s) => {
      const { page } = s;
      await page.getByTestId('import-input').setInputFiles(HEART_FIXTURE);
      await page.getByTestId('library-item').first().waitFor();
      await page.evaluate(() => Object.assign(window, { __auscultQuotaFull: true }));
      await page
        .getByTestId('import-input')
        .setInputFiles(join(FIXTURES, 'circor', 'training_data', '13918_MV.wav'));
      const alert = page.getByRole('alert').filter({ hasText: 'Storage is full' });
      await alert.waitFor();
      console.log(`[e2e] quota message: ${await alert.locator('span').innerText()}`);
      assert.equal(await page.getByTestId('library-item').count(), 1);
      await page.reload();
      await page.getByTestId('library-item').first().waitFor();
      assert.equal(await page.getByTestId('library-item').count(), 1);
    });
  });

  it('loads and works offline after one visit', async () => {
    await withApp({}, async (s) => {
      const { page, context } = s;
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await context.setOffline(true);
      await page.reload();
      await page.getByRole('heading', { name: 'Auscult' }).waitFor();
      await page.getByTestId('disclaimer').waitFor();
      await page.getByTestId('import-input').setInputFiles(HEART_FIXTURE);
      await page.getByTestId('library-item').first().waitFor();
      await waveformReady(s);
    });
  });
});
