// The assessor with a fake findings session (the runtime boundary): every window is scored in bounded batches,
// long recordings are capped to evenly spaced windows, scores are cached per recording's audio, aborts are not kept.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { FEATURE_CONFIG } from '../core/features/config';
import { validateManifest } from '../core/manifest/manifest';
import { MAX_ASSESSED_WINDOWS } from './assessment';
import { windowAt } from './audio';
import { EngineError } from './errors';
import { mulberry32 } from '../core/random';
import { Assessor, calibrate } from './findings';
import type { FloatSession, RecordingInput } from './types';

const TINY = validateManifest(
  JSON.parse(readFileSync(new URL('../../models/tiny-random/manifest.json', import.meta.url), 'utf8')),
);
const LABELS = TINY.findings.labels.length;
const WINDOW = FEATURE_CONFIG.nMels * FEATURE_CONFIG.windowFrames;

/** A findings head whose logit for label j on a window is (mean log-mel of the window) / 10 + j / 10. */
function fakeSession() {
  const batches: number[] = [];
  const session: FloatSession = {
    async run(_name, data, dims) {
      batches.push(dims[0]);
      const out = new Float32Array(dims[0] * LABELS);
      for (let w = 0; w < dims[0]; w++) {
        let sum = 0;
        for (let i = 0; i < WINDOW; i++) sum += data[w * WINDOW + i];
        for (let j = 0; j < LABELS; j++) out[w * LABELS + j] = sum / WINDOW / 10 + j / 10;
      }
      return { data: out, dims: [dims[0], LABELS] };
    },
    async release() {},
  };
  return { session, batches };
}

/** A tone whose loudness steps up every 10.24 s, so each window scores differently. */
function steps(seconds: number, rateHz = 4000): RecordingInput {
  const samples = Float32Array.from({ length: Math.round(seconds * rateHz) }, (_, i) => {
    const w = Math.floor(i / (10.24 * rateHz));
    return 0.01 * (1 + w) * Math.sin((2 * Math.PI * 100 * i) / rateHz);
  });
  return { samples, sampleRateHz: rateHz, domain: 'unknown', site: 'unknown' };
}

describe('Assessor', () => {
  it('scores every window of a recording in batches of at most 8, with the calibrated probability per label', async () => {
    const { session, batches } = fakeSession();
    const rec = steps(100); // 10 windows
    const { assessment: a, features } = await new Assessor(session, TINY).assess(rec);
    expect(batches).toEqual([8, 2]);
    expect(a.windows.map((w) => w.index)).toEqual([...Array(10).keys()]);
    expect(a.windowCount).toBe(10);
    const w3 = windowAt(rec, 3);
    const logit = w3.reduce((s, x) => s + x, 0) / WINDOW / 10 + 2 / 10;
    expect(a.windows[3].probabilities[2]).toBeCloseTo(
      1 / (1 + Math.exp(-logit / TINY.findings.temperature[2])),
      6,
    );
    expect(features).toEqual(windowAt(rec, a.representative));
    const loudness = a.windows.map((w) => w.probabilities[0]);
    expect(new Set(loudness.map((p) => p.toFixed(6))).size).toBe(10); // each window really scored on its own audio
  });

  it('caps a very long recording to evenly spaced windows over all of it', async () => {
    const { session, batches } = fakeSession();
    const rec = steps(10.24 * 70); // 70 windows
    const { assessment: a } = await new Assessor(session, TINY).assess(rec);
    expect(a.windowCount).toBe(70);
    expect(a.windows).toHaveLength(MAX_ASSESSED_WINDOWS);
    expect([a.windows[0].index, a.windows.at(-1)?.index]).toEqual([0, 69]);
    expect(batches.reduce((s, n) => s + n, 0)).toBe(MAX_ASSESSED_WINDOWS);
    expect(Math.max(...batches)).toBeLessThanOrEqual(8);
  });

  it('computes a recording once: the same audio under another domain or site reuses the scores', async () => {
    const { session, batches } = fakeSession();
    const assessor = new Assessor(session, TINY);
    const rec = steps(25);
    const first = await assessor.assess(rec);
    const again = await assessor.assess({ ...rec, domain: 'lung', site: 'trachea' });
    expect(batches).toEqual([3]);
    expect(again.assessment.windows).toBe(first.assessment.windows);
    expect([first.assessment.domain.source, again.assessment.domain]).toEqual([
      'audio',
      { value: 'lung', source: 'given', pLung: first.assessment.domain.pLung },
    ]);
    await assessor.assess({ ...rec, samples: rec.samples.slice() }); // other audio: computed again
    expect(batches).toEqual([3, 3]);
  });

  it('remembers recordings by id across copies of their audio (the worker gets a copy per question), not other audio', async () => {
    const { session, batches } = fakeSession();
    const assessor = new Assessor(session, TINY);
    const rec = { ...steps(25), id: 'r1' };
    const first = await assessor.assess(rec);
    for (let i = 0; i < 7; i++) await assessor.assess({ ...rec, samples: rec.samples.slice() });
    expect(batches).toEqual([3]);
    const edited = rec.samples.slice();
    edited[Math.floor(edited.length / 32)] += 0.5; // a sample the fingerprint probes
    const other = await assessor.assess({ ...rec, samples: edited });
    expect(batches).toEqual([3, 3]);
    expect(other.assessment.windows).not.toBe(first.assessment.windows);
    await assessor.assess({ ...rec, samples: rec.samples.slice(1) }); // another length under the same id
    expect(batches).toEqual([3, 3, 3]);
    for (let i = 0; i < 8; i++) await assessor.assess({ ...steps(1), id: `other-${i}` }); // eight more recordings
    await assessor.assess({ ...rec, samples: rec.samples.slice(1) }); // a new copy of r1's last audio
    expect(batches.length).toBe(3 + 8 + 1); // r1 was the least recently used of nine ids: forgotten, scored again
  });

  it('stops on abort and does not keep the aborted assessment', async () => {
    const { session, batches } = fakeSession();
    const assessor = new Assessor(session, TINY);
    const rec = steps(25);
    const ac = new AbortController();
    ac.abort();
    await expect(assessor.assess(rec, 0, ac.signal)).rejects.toBeInstanceOf(EngineError);
    expect(batches).toEqual([]);
    await assessor.assess(rec);
    expect(batches).toEqual([3]);
  });
});

describe('Assessor frame events', () => {
  const fe = TINY.frameEvents!;
  const T = fe.framesPerWindow;
  const C = fe.channels.length;
  /** Findings logits 0; frame logits +5 on window 1's frames 3–9 (discontinuous) and −5 elsewhere. */
  function framesSession(outputs = true): FloatSession {
    return {
      async run(_name, _data, dims) {
        const n = dims[0];
        const findings = { data: new Float32Array(n * LABELS), dims: [n, LABELS] };
        const frames = new Float32Array(n * T * C).fill(-5);
        // the batch holds windows 0, 1, 2 of a 25 s recording: window 1 is the batch's second
        for (let f = 3; f <= 9; f++) frames[1 * T * C + f * C] = 5;
        const named = { finding_logits: findings, [fe.output]: { data: frames, dims: [n, T, C] } };
        return { ...findings, ...(outputs ? { outputs: named } : {}) };
      },
      async release() {},
    };
  }

  it("merges the frames at or above the manifest's thresholds into spans in recording seconds", async () => {
    const { assessment: a } = await new Assessor(framesSession(), TINY).assess(steps(25));
    expect(a.events?.channels).toEqual(fe.channels);
    expect(a.events?.spans.map((s) => [s.channel, s.startS.toFixed(2), s.endS.toFixed(2)])).toEqual([
      ['discontinuous', (10.24 + 3 * fe.hopS).toFixed(2), (10.24 + 10 * fe.hopS).toFixed(2)],
    ]);
  });

  it('fails with a fix when the findings head lacks the output its manifest names; no events from a model without them', async () => {
    const broken: FloatSession = {
      run: async (n, d, dims) => {
        const r = await framesSession().run(n, d, dims);
        return { ...r, outputs: { finding_logits: r.outputs!.finding_logits } };
      },
      release: async () => {},
    };
    await expect(new Assessor(broken, TINY).assess(steps(5))).rejects.toThrow(
      /no 'frame_logits' output.*re-export/,
    );
    const older = { ...TINY, frameEvents: undefined };
    const { assessment } = await new Assessor(framesSession(), older).assess(steps(5));
    expect(assessment.events).toBeUndefined();
  });
});

describe('Assessor signal measures', () => {
  /** 30 s of low noise with 0.5 s tones at 400 Hz starting every 3 s: a sixth of the recording is tonal. */
  function wheezy(rateHz = 4000): RecordingInput {
    const rand = mulberry32(7);
    const samples = Float32Array.from({ length: 30 * rateHz }, (_, i) => {
      const t = i / rateHz;
      const tone = t % 3 < 0.5 ? 0.2 * Math.sin(2 * Math.PI * 400 * t) : 0;
      return 0.01 * (rand() - 0.5) + tone;
    });
    return { samples, sampleRateHz: rateHz, domain: 'lung', site: 'unknown' };
  }

  it("measures the recording's tonal share over its scored windows, with the tracks in recording seconds", async () => {
    const { assessment: a } = await new Assessor(fakeSession().session, TINY).assess(wheezy());
    const share = a.signals!.measures['tonal-wheeze'];
    expect(share).toBeGreaterThan(0.14);
    expect(share).toBeLessThan(0.19);
    const starts = a.signals!.spans['tonal-wheeze'].map((s) => Math.round(s.startS));
    expect(starts).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24, 27]);
  });
});

describe('calibrate', () => {
  it('is sigmoid(logit / T) per window and label', () => {
    const p = calibrate(Float32Array.from([0, 2, -2, 4]), 2, [1, 2]);
    expect(p[0][0]).toBe(0.5);
    expect(p[0][1]).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
    expect(p[1][0]).toBeCloseTo(1 / (1 + Math.exp(2)), 12);
    expect(p[1][1]).toBeCloseTo(1 / (1 + Math.exp(-2)), 12);
  });
});
