import { describe, expect, it } from 'vitest';
import type { Finding } from '../../core/clinical/schema';
import type { FrameEventChannel } from '../../core/manifest/frameEvents';
import type { FindingHead } from '../../core/manifest/heads';
import { REGION_THRESHOLD, onPlayRegion, requestPlayRegion, timelineRegions } from './timeline';

const head = (label: string, domain: FindingHead['domain']): FindingHead => ({
  label,
  kind: 'finding',
  findings: [],
  domain,
});
const findings = [
  { label: 'abnormal', probability: 0.9, head: { ...head('abnormal', 'any'), kind: 'abnormal' as const } },
  { label: 'murmur', probability: 0.2, head: head('murmur', 'heart') },
  { label: 'crackles', probability: 0.6, head: head('crackles', 'lung') },
  { label: 'wheeze', probability: 0.1, head: head('wheeze', 'lung') },
];
const W = 10.24;
const windows = (rows: number[][]) =>
  rows.map((probabilities, index) => ({ index, startS: index * W, probabilities }));

const lungHead = (label: string, of: Finding[]): FindingHead => ({ ...head(label, 'lung'), findings: of });
const channels: FrameEventChannel[] = [
  { name: 'discontinuous', findings: ['fine-crackles', 'coarse-crackles', 'pleural-rub'], threshold: 0.56 },
  { name: 'continuous', findings: ['wheeze', 'rhonchi', 'stridor'], threshold: 0.78 },
];

describe('timelineRegions with frame-level events', () => {
  const withHeads = [
    {
      label: 'murmur',
      probability: 0.2,
      head: { ...head('murmur', 'heart'), findings: ['systolic-murmur' as const] },
    },
    { label: 'crackles', probability: 0.6, head: lungHead('crackles', ['fine-crackles', 'coarse-crackles']) },
    { label: 'wheeze', probability: 0.1, head: lungHead('wheeze', ['wheeze']) },
  ];
  const events = {
    channels,
    hopS: 0.32,
    spans: [
      { channel: 'discontinuous', startS: 1.28, endS: 2.56, peak: 0.9 },
      { channel: 'continuous', startS: 3.2, endS: 3.84, peak: 0.8 },
      { channel: 'discontinuous', startS: 11.84, endS: 12.5, peak: 0.7 },
    ],
  };

  it("crackles and wheeze regions are the frame channels' spans (clipped), not the high windows", () => {
    const a = { findings: withHeads, windowSeconds: W, windows: windows([[0.9, 0.9, 0.9]]), events };
    expect(timelineRegions(a, 'lung', 12)).toEqual([
      { id: 'crackles-at-128', label: 'crackles', startS: 1.28, endS: 2.56, peak: 0.9, source: 'frames' },
      { id: 'wheeze-at-320', label: 'wheeze', startS: 3.2, endS: 3.84, peak: 0.8, source: 'frames' },
      { id: 'crackles-at-1184', label: 'crackles', startS: 11.84, endS: 12, peak: 0.7, source: 'frames' },
    ]);
  });

  it('murmur, which no frame channel covers, keeps its window regions; a model without events keeps them all', () => {
    const a = { findings: withHeads, windowSeconds: W, windows: windows([[0.9, 0.9, 0.9]]), events };
    expect(timelineRegions(a, 'heart', 5).map((r) => [r.label, r.source])).toEqual([['murmur', 'windows']]);
    const older = { ...a, events: undefined };
    expect(timelineRegions(older, 'lung', 5).map((r) => [r.label, r.source])).toEqual([
      ['crackles', 'windows'],
      ['wheeze', 'windows'],
    ]);
  });
});

describe('timelineRegions', () => {
  it('merges consecutive high windows per label and clips the last one to the recording', () => {
    const a = {
      findings,
      windowSeconds: W,
      windows: windows([
        [0.9, 0.9, 0.7, 0.1],
        [0.9, 0.1, 0.8, 0.6],
        [0.9, 0.1, 0.2, 0.1],
        [0.9, 0.1, REGION_THRESHOLD, 0.1],
      ]),
    };
    const r = timelineRegions(a, 'lung', 35);
    expect(r).toEqual([
      { id: 'crackles-0', label: 'crackles', startS: 0, endS: 2 * W, peak: 0.8, source: 'windows' },
      { id: 'wheeze-1', label: 'wheeze', startS: W, endS: 2 * W, peak: 0.6, source: 'windows' },
      {
        id: 'crackles-3',
        label: 'crackles',
        startS: 3 * W,
        endS: 35,
        peak: REGION_THRESHOLD,
        source: 'windows',
      },
    ]);
  });

  it('leaves out heads of the other domain and non-timeline heads', () => {
    const a = { findings, windowSeconds: W, windows: windows([[0.9, 0.9, 0.9, 0.9]]) };
    expect(timelineRegions(a, 'heart', 5).map((x) => x.label)).toEqual(['murmur']);
  });

  it('does not merge high windows that are not adjacent (evenly spaced windows of a long recording)', () => {
    const a = {
      findings,
      windowSeconds: W,
      windows: [
        { index: 0, startS: 0, probabilities: [0, 0, 0.9, 0] },
        { index: 5, startS: 5 * W, probabilities: [0, 0, 0.9, 0] },
      ],
    };
    expect(timelineRegions(a, 'lung', 100).map((x) => [x.startS, x.endS])).toEqual([
      [0, W],
      [5 * W, 5 * W + W],
    ]);
  });
});

describe('play-region channel', () => {
  it('delivers a request to subscribers until they unsubscribe', () => {
    const got: string[] = [];
    const off = onPlayRegion((r) => got.push(`${r.regionId}@${r.rate}`));
    requestPlayRegion({ recordingId: 'a', regionId: 'crackles-0', rate: 0.5 });
    off();
    requestPlayRegion({ recordingId: 'a', regionId: 'crackles-1', rate: 1 });
    expect(got).toEqual(['crackles-0@0.5']);
  });
});
