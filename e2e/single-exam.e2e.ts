// e2e of one recording as an exam with one site (models/tiny-random): a fixture imported outside any exam is listed
// as a one-site exam, the workspace asks about it and streams the answer as before, the exam exports as a zip and
// deletes with undo; and a database from before (version 3, the current one) whose recording was in no exam is
// repaired at startup, once.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { encodeWav16 } from '../src/core/audio/wav';
import { readExamArchive } from '../src/core/report/archive';
import { BASE_URL, assertNoProblems, openApp } from './browser';
import { HEART_FIXTURE } from './session';
import { askTask } from './views';

const APP = `${BASE_URL}?model=tiny-random&maxNewTokens=16`;

/** The exams as stored in IndexedDB (a string, so the test runner's transform adds no helpers the page lacks). */
const STORED_EXAMS = `(async () => {
  const db = await new Promise((res, rej) => {
    const r = indexedDB.open('auscult');
    r.onsuccess = () => res(r.result);
    r.onerror = () => rej(r.error);
  });
  const exams = await new Promise((res, rej) => {
    const r = db.transaction('exams').objectStore('exams').getAll();
    r.onsuccess = () => res(r.result);
    r.onerror = () => rej(r.error);
  });
  db.close();
  return exams;
})()`;

describe('one recording, one exam', () => {
  it('imports a fixture outside an exam as a one-site exam; asks about it as before; exports it; deletes it with undo', async () => {
    const s = await openApp();
    const { page } = s;
    try {
      await page.goto(APP);
      await page.getByTestId('import-input').setInputFiles(HEART_FIXTURE);
      const item = page.getByTestId('library-item').filter({ hasText: '13918_AV' });
      await item.waitFor();
      const exam = page.getByTestId('exam-item').filter({ hasText: '13918_AV' });
      await exam.filter({ hasText: 'one site: unknown site' }).waitFor();
      assert.equal(await exam.getAttribute('data-protocol'), 'single');
      assert.equal(await page.getByTestId('exam-item').count(), 1);

      // the workspace as before: the import is selected; its site set on the body map (the exam follows), then asked
      await page.getByTestId('ask-panel').waitFor();
      await page.locator('[data-site="AV"]').click();
      await page.locator('[data-site="AV"][aria-checked="true"]').waitFor();
      await exam.filter({ hasText: 'one site: aortic area' }).waitFor();
      await page.locator('#backend-choice').selectOption('wasm');
      const answer = await askTask(page, 'classification');
      assert.ok(Number(await answer.getAttribute('data-tokens')) >= 2, 'the answer did not stream');
      assert.ok((await answer.getByTestId('answer-text').innerText()).trim().length > 0, 'empty answer');

      // opened as an exam: one site, recorded; exported as an exam zip holding the recording
      await exam.click();
      await page.getByTestId('exam-open-label').filter({ hasText: '13918_AV' }).waitFor();
      assert.equal(await page.getByTestId('exam-progress').innerText(), '1 of 1 sites done');
      const [zip] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('exam-export').click(),
      ]);
      const archive = readExamArchive(new Uint8Array(readFileSync((await zip.path()) as string)));
      assert.equal(archive.exam.protocol, 'single');
      assert.deepEqual(
        archive.exam.sites.map((x) => x.site),
        ['AV'],
      );
      assert.equal(archive.recordings.length, 1);
      assert.ok(
        Buffer.from(archive.recordings[0].original ?? []).equals(readFileSync(HEART_FIXTURE)),
        'the zip does not hold the imported file as it was',
      );

      // a reload makes no second exam for it
      await page.reload();
      await exam.waitFor();
      assert.equal(await page.getByTestId('exam-item').count(), 1);
      assert.equal(((await page.evaluate(STORED_EXAMS)) as unknown[]).length, 1);

      // deleted with its recording, then brought back with Undo
      await page.getByRole('button', { name: 'Delete exam 13918_AV' }).click();
      await exam.waitFor({ state: 'detached' });
      assert.equal(await page.getByTestId('library-item').count(), 0);
      await page.getByRole('button', { name: 'Undo', exact: true }).click();
      await exam.waitFor();
      await item.waitFor();
      assertNoProblems(s);
    } finally {
      await s.close();
    }
  });

  it('repairs a current-version database whose recording is in no exam: a one-site exam, made once', async () => {
    const wav = [...encodeWav16(new Float32Array(4000), 4000)];
    // runs before the app on the first page load: version 3 laid out as the app before this change left an import
    const initScript = `(() => {
      if (sessionStorage.getItem('seeded')) return;
      const r = indexedDB.open('auscult', 3);
      r.onupgradeneeded = () => {
        const db = r.result;
        db.createObjectStore('recordings', { keyPath: 'id' });
        db.createObjectStore('chunks', { keyPath: ['recordingId', 'seq'] });
        db.createObjectStore('files', { keyPath: ['recordingId', 'kind'] });
        db.createObjectStore('exams', { keyPath: 'id' });
        db.createObjectStore('practice', { keyPath: 'id' });
        const tx = r.transaction;
        tx.objectStore('recordings').put({ id: 'loose-1', name: 'loose import', createdAtMs: 1, durationSec: 1,
          sampleRateHz: 4000, site: 'MV', notes: '', source: 'import', status: 'ready' });
        tx.objectStore('files').put({ recordingId: 'loose-1', kind: 'wav', bytes: new Uint8Array(${JSON.stringify(wav)}), type: 'audio/wav' });
      };
      r.onsuccess = () => {
        sessionStorage.setItem('seeded', '1');
        r.result.close();
      };
    })();`;
    const s = await openApp({ initScript });
    try {
      const exam = s.page.getByTestId('exam-item').filter({ hasText: 'loose import' });
      await exam.filter({ hasText: 'one site: mitral area' }).waitFor();
      const expected = [
        {
          id: 'single-loose-1',
          protocol: 'single',
          label: 'loose import',
          createdAtMs: 1,
          notes: '',
          sites: [{ site: 'MV', recordingId: 'loose-1' }],
        },
      ];
      assert.deepEqual(await s.page.evaluate(STORED_EXAMS), expected);
      await s.page.reload();
      await exam.waitFor();
      assert.equal(await s.page.getByTestId('exam-item').count(), 1);
      assert.deepEqual(await s.page.evaluate(STORED_EXAMS), expected);
      assertNoProblems(s);
    } finally {
      await s.close();
    }
  });
});
