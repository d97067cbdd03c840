// e2e: importing (WAV fixture, FLAC, M4A, bad file, full storage), reload persistence, delete/undo, and offline use.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeWav } from '../src/core/audio/wav';
import { FIXTURES, type Session } from './browser';
import { encodeFlac16, toInt16 } from './flac';
import { HEART_FIXTURE, waveformReady, withApp } from './session';

/** Imports `bytes` as a file named `name` and returns the library item's duration once it appears. */
async function importBytes(
  page: Session['page'],
  name: string,
  mimeType: string,
  bytes: ArrayLike<number>,
): Promise<number> {
  await page
    .getByTestId('import-input')
    .setInputFiles({ name, mimeType, buffer: Buffer.from(Uint8Array.from(bytes)) });
  const item = page.getByTestId('library-item').filter({ hasText: name.replace(/\.[^.]+$/, '') });
  await item.waitFor();
  return Number(await item.getAttribute('data-duration-sec'));
}

describe('library and offline', () => {
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
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      await page.getByRole('button', { name: 'Delete', exact: true }).click();
      assert.equal(await page.getByTestId('library-item').count(), 0);
      await page.getByRole('button', { name: 'Undo', exact: true }).click();
      await item.waitFor();
    });
  });

  it('imports a lossless FLAC made from the WAV fixture, whose samples decode back within one 16-bit step', async () => {
    await withApp({}, async (s) => {
      const { page } = s;
      const wav = decodeWav(new Uint8Array(readFileSync(HEART_FIXTURE)));
      const pcm = toInt16(wav.samples);
      const flac = encodeFlac16(pcm, wav.sampleRateHz);
      // Chromium's own decoder at the file's rate gives back the 16-bit samples: the FLAC file is valid and lossless.
      // (Chromium scales positive samples by 1/32767, so a sample may read one 16-bit step high; a lossy or broken
      // file would be off by far more.)
      const decoded = await page.evaluate(
        async ({ bytes, rate }) => {
          const buf = await new OfflineAudioContext(1, 1, rate).decodeAudioData(
            Uint8Array.from(bytes).buffer,
          );
          return { rate: buf.sampleRate, samples: Array.from(buf.getChannelData(0), (x) => x * 32768) };
        },
        { bytes: Array.from(flac), rate: wav.sampleRateHz },
      );
      assert.equal(decoded.rate, wav.sampleRateHz);
      assert.equal(decoded.samples.length, pcm.length);
      const maxSteps = decoded.samples.reduce((m, x, i) => Math.max(m, Math.abs(x - pcm[i])), 0);
      assert.ok(maxSteps <= 1.001, `FLAC decoded ${maxSteps} 16-bit steps away from the WAV's samples`);
      const durationSec = await importBytes(page, '13918_AV.flac', 'audio/flac', flac);
      console.log(
        `[e2e] FLAC (${flac.length} bytes, ${pcm.length} samples, decoded within ${maxSteps.toFixed(3)} steps) imported as ${durationSec.toFixed(3)} s`,
      );
      assert.ok(
        Math.abs(durationSec - pcm.length / wav.sampleRateHz) < 0.01,
        `FLAC duration ${durationSec} s`,
      );
      await waveformReady(s);
    });
  });

  it('imports a compressed M4A through the browser decoder', async () => {
    await withApp({}, async (s) => {
      const { page } = s;
      // No M4A fixture exists, so let Chromium's MediaRecorder encode 1.5 s of a 100 Hz tone.
      const bytes = await page.evaluate(async () => {
        const ctx = new AudioContext();
        const osc = ctx.createOscillator();
        osc.frequency.value = 100;
        const dest = ctx.createMediaStreamDestination();
        osc.connect(dest);
        osc.start();
        const rec = new MediaRecorder(dest.stream, { mimeType: 'audio/mp4' });
        const parts: Blob[] = [];
        rec.ondataavailable = (e) => parts.push(e.data);
        const stopped = new Promise((r) => (rec.onstop = r));
        rec.start();
        await new Promise((r) => setTimeout(r, 1500));
        rec.stop();
        await stopped;
        await ctx.close();
        return Array.from(new Uint8Array(await new Blob(parts).arrayBuffer()));
      });
      const durationSec = await importBytes(page, 'tone.m4a', 'audio/mp4', bytes);
      console.log(`[e2e] M4A (${bytes.length} bytes) imported as ${durationSec.toFixed(3)} s`);
      assert.ok(durationSec > 1 && durationSec < 2, `M4A duration ${durationSec} s`);
      await waveformReady(s);
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
