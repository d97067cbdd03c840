// Signal quality on constructed defects, and on the fixtures: PASCAL's "artifact" recordings are flagged noisy while
// CirCor's annotated heart recordings mostly pass.
// eslint-disable-next-line auscult/boundaries -- the test reads the shared dataset fixtures from disk
import { readdirSync, readFileSync } from 'node:fs';
// eslint-disable-next-line auscult/boundaries -- the test reads the shared dataset fixtures from disk
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeWav } from '../audio/wav';
import { synthesizeHeart } from '../synth';
import { QualityScan, signalQuality, spectralFlatness } from './quality';

const RATE = 4000;
const heart = (seconds: number) =>
  synthesizeHeart({ seed: 5, durationS: seconds, sampleRateHz: RATE }).samples;

function whiteNoise(n: number, amp: number): Float32Array {
  let seed = 99;
  return Float32Array.from(
    { length: n },
    () => amp * ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5),
  );
}

describe('signalQuality on constructed recordings', () => {
  it('passes a clean synthetic heart', () => {
    const q = signalQuality(heart(10), RATE);
    console.log(`quality clean synthetic heart: ${q.score.toFixed(2)} ${q.issues.join(',')}`);
    expect(q.issues).toEqual([]);
    expect(q.score).toBeGreaterThan(0.7);
  });

  it('names each defect', () => {
    const clean = heart(10);
    const loud = clean.map((x) => Math.max(-1, Math.min(1, x * 50)));
    const offset = clean.map((x) => 0.5 * x + 0.1);
    const cases: [string, Float32Array, string][] = [
      ['silence', new Float32Array(RATE * 10), 'silence'],
      ['clipped', loud, 'clipping'],
      ['offset', offset, 'dc-offset'],
      ['2 s', heart(2), 'too-short'],
      ['white noise', whiteNoise(RATE * 10, 0.5), 'noisy'],
    ];
    for (const [name, x, issue] of cases) {
      const q = signalQuality(x, RATE);
      console.log(`quality ${name}: ${q.score.toFixed(2)} [${q.issues.join(',')}]`);
      expect(q.issues, name).toContain(issue);
      expect(q.score, name).toBeLessThan(0.7);
    }
    expect(signalQuality(new Float32Array(RATE * 10), RATE).score).toBe(0);
  });

  it('measures flatness near 0.56 for white noise and near 0 for a tone', () => {
    expect(spectralFlatness(whiteNoise(RATE * 5, 1), RATE)).toBeGreaterThan(0.45);
    const tone = Float32Array.from({ length: RATE * 5 }, (_, i) => Math.sin((2 * Math.PI * 100 * i) / RATE));
    expect(spectralFlatness(tone, RATE)).toBeLessThan(0.01);
  });
});

describe('QualityScan (signal quality one chunk at a time)', () => {
  it('equals signalQuality over all the samples exactly, whatever the chunk size', () => {
    const dc = heart(8).map((x) => x + 0.03);
    for (const x of [heart(12), whiteNoise(RATE * 6, 0.5), dc, new Float32Array(RATE * 4), heart(2)]) {
      for (const chunk of [1, 997, RATE, x.length]) {
        const scan = new QualityScan(x.length, RATE);
        for (let at = 0; at < x.length; at += chunk) scan.addLevels(x.subarray(at, at + chunk), at);
        for (let at = 0; at < x.length; at += chunk) scan.addDeviations(x.subarray(at, at + chunk));
        expect(scan.result()).toEqual(signalQuality(x, RATE));
      }
    }
  });
});

const root =
  process.env.AUSCULT_FIXTURES ?? path.resolve(import.meta.dirname, '../../../../shared/data/fixtures');
const load = (dir: string, pick: (f: string) => boolean) =>
  readdirSync(path.join(root, dir))
    .filter((f) => f.endsWith('.wav') && pick(f))
    .map((f) => ({ f, ...decodeWav(readFileSync(path.join(root, dir, f))) }));

describe('signalQuality on the fixtures', () => {
  it("flags PASCAL's artifact recordings as noisy and passes most CirCor recordings", () => {
    const artifacts = load('pascal/set_a', (f) => f.startsWith('artifact'));
    const circor = load('circor/training_data', () => true);
    expect(artifacts.length).toBeGreaterThan(0);
    for (const a of artifacts)
      expect(signalQuality(a.samples, a.sampleRateHz).issues, a.f).toContain('noisy');
    const clean = circor.filter((c) => signalQuality(c.samples, c.sampleRateHz).issues.length === 0).length;
    console.log(
      `quality fixtures: ${artifacts.length}/${artifacts.length} PASCAL artifacts noisy; ${clean}/${circor.length} CirCor without issues`,
    );
    expect(clean / circor.length).toBeGreaterThanOrEqual(0.85);
  });
});
