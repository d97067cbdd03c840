// Crackle and wheeze candidates: exact checks on synthetic lung sounds (src/core/synth, known event times) and measured
// agreement with SPRSound's annotations on the fixtures (event times in ms; types Wheeze, Fine Crackle, ...).
// eslint-disable-next-line auscult/boundaries -- the test reads the shared dataset fixtures from disk
import { readdirSync, readFileSync } from 'node:fs';
// eslint-disable-next-line auscult/boundaries -- the test reads the shared dataset fixtures from disk
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeWav } from '../audio/wav';
import type { TimedEvent } from '../clinical/schema';
import { synthesizeLung } from '../synth';
import { crackleTimes, detectAdventitious, detectWheezes, type AdventitiousEvent } from './adventitious';

const overlaps = (a: { startS: number; endS: number }, b: { startS: number; endS: number }) =>
  a.startS < b.endS && a.endS > b.startS;
const hits = (truth: { startS: number; endS: number }[], found: AdventitiousEvent[]) =>
  truth.filter((t) => found.some((f) => overlaps(t, f))).length;

describe('detectAdventitious on synthetic lung sounds', () => {
  it('finds crackle runs in every synthesised crackle event and none in plain breathing', () => {
    let found = 0;
    let total = 0;
    for (const kind of ['fine', 'coarse'] as const)
      for (const rateHz of [4000, 8000]) {
        const lung = synthesizeLung({ seed: 3, durationS: 12, sampleRateHz: rateHz, crackles: { kind } });
        const truth = lung.events.filter((e: TimedEvent) => e.type.includes('crackle'));
        found += hits(
          truth,
          detectAdventitious(lung.samples, rateHz).filter((e) => e.type === 'crackle'),
        );
        total += truth.length;
      }
    const plain = synthesizeLung({ seed: 9, durationS: 20, sampleRateHz: 4000 });
    const falseEvents = detectAdventitious(plain.samples, 4000);
    console.log(
      `synthetic crackle events found: ${found}/${total}; events in 20 s of plain breathing: ${falseEvents.length}`,
    );
    expect(found / total).toBeGreaterThanOrEqual(0.9);
    expect(falseEvents).toEqual([]);
  });

  it('finds synthesised wheezes at their frequency, without false wheezes', () => {
    for (const hz of [250, 400, 800]) {
      const lung = synthesizeLung({
        seed: 4,
        durationS: 20,
        sampleRateHz: 4000,
        wheeze: { frequenciesHz: [hz], phase: 'expiratory' },
      });
      const truth = lung.events.filter((e: TimedEvent) => e.type === 'wheeze');
      const found = detectWheezes(lung.samples, 4000);
      expect(hits(truth, found), `${hz} Hz`).toBe(truth.length);
      expect(
        found.filter((f) => !truth.some((t) => overlaps(t, f))),
        `${hz} Hz false`,
      ).toEqual([]);
      for (const f of found) expect(Math.abs(f.frequencyHz! - hz), `${hz} Hz`).toBeLessThan(20);
    }
  });

  it('needs a tone to last 80 ms; times a 300 ms tone to within 40 ms, at 44.1 kHz too', () => {
    let seed = 5;
    const noise = (n: number) =>
      Float32Array.from(
        { length: n },
        () => 0.05 * ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5),
      );
    const withTone = (rateHz: number, durS: number) => {
      const x = noise(rateHz * 3);
      for (let i = rateHz; i < rateHz * (1 + durS); i++)
        x[i] += 0.05 * Math.sin((2 * Math.PI * 500 * i) / rateHz);
      return x;
    };
    const long = detectWheezes(withTone(44100, 0.3), 44100);
    expect(long).toHaveLength(1);
    expect(Math.abs(long[0].startS - 1)).toBeLessThan(0.04);
    expect(Math.abs(long[0].endS - 1.3)).toBeLessThan(0.04);
    expect(detectWheezes(withTone(4000, 0.05), 4000)).toEqual([]);
    expect(crackleTimes(noise(4000 * 3), 4000)).toEqual([]);
  });
});

const root =
  process.env.AUSCULT_FIXTURES ?? path.resolve(import.meta.dirname, '../../../../shared/data/fixtures');
const spr = path.join(root, 'sprsound');

function loadSprsound() {
  const pairs = [
    ['train_wav', 'train_json'],
    ['test_wav', 'test_json/intra_test_json'],
    ['test_wav', 'test_json/inter_test_json'],
  ];
  return pairs.flatMap(([wavDir, jsonDir]) =>
    readdirSync(path.join(spr, jsonDir)).map((f) => {
      const json = JSON.parse(readFileSync(path.join(spr, jsonDir, f), 'utf8')) as {
        record_annotation: string;
        event_annotation: { start: string; end: string; type: string }[];
      };
      const wav = decodeWav(readFileSync(path.join(spr, wavDir, f.replace(/\.json$/, '.wav'))));
      const events = json.event_annotation.map((e) => ({
        type: e.type,
        startS: Number(e.start) / 1000,
        endS: Number(e.end) / 1000,
      }));
      return { record: json.record_annotation, events, wav };
    }),
  );
}

describe('detectAdventitious on the SPRSound fixtures', () => {
  const data = loadSprsound();

  it('finds annotated wheezes with few false ones', () => {
    let annotated = 0,
      found = 0,
      detections = 0,
      correct = 0;
    for (const d of data) {
      const truth = d.events.filter((e) => /Wheeze/.test(e.type));
      const wheezes = detectWheezes(d.wav.samples, d.wav.sampleRateHz);
      annotated += truth.length;
      found += hits(truth, wheezes);
      detections += wheezes.length;
      correct += wheezes.filter((w) => truth.some((t) => overlaps(t, w))).length;
    }
    console.log(`SPRSound wheezes: recall ${found}/${annotated}, precision ${correct}/${detections}`);
    expect(found / annotated).toBeGreaterThanOrEqual(0.4);
    expect(correct / detections).toBeGreaterThanOrEqual(0.6);
  });

  it('finds crackle transients more densely in recordings annotated with crackles (DAS) than in the others', () => {
    const density = (das: boolean) => {
      const set = data.filter((d) => /DAS/.test(d.record) === das);
      const count = set.reduce((n, d) => n + crackleTimes(d.wav.samples, d.wav.sampleRateHz).length, 0);
      return count / set.reduce((s, d) => s + d.wav.samples.length / d.wav.sampleRateHz, 0);
    };
    const [withCrackles, without] = [density(true), density(false)];
    console.log(
      `SPRSound crackle transients/s: ${withCrackles.toFixed(2)} in DAS recordings, ${without.toFixed(2)} in the others`,
    );
    expect(withCrackles).toBeGreaterThan(1.5 * without);
  });
});
