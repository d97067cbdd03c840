// The manifest's frameEvents block: each broken field is named, and a manifest without one stays valid (older
// models). The shipped model's block is checked in training/export/frames.test.ts.
import { describe, expect, it } from 'vitest';
import { frameEventsError } from './frameEvents';
import { frameEventsFixture } from './fixtures';

const fe = frameEventsFixture();

describe('frameEventsError', () => {
  it('accepts a complete block and names the first broken field', () => {
    expect(frameEventsError(fe, 32)).toBeNull();
    expect(frameEventsError({ ...fe, framesPerWindow: 16 }, 32)).toMatch(/framesPerWindow .* 32/);
    expect(frameEventsError({ ...fe, hopS: 0 }, 32)).toMatch(/hopS/);
    expect(frameEventsError({ ...fe, channels: [] }, 32)).toMatch(/channels/);
    expect(frameEventsError({ ...fe, channels: [{ ...fe.channels[0], findings: ['x'] }] }, 32)).toMatch(
      /findings/,
    );
    expect(frameEventsError({ ...fe, channels: [{ ...fe.channels[0], threshold: 1.5 }] }, 32)).toMatch(
      /threshold/,
    );
    expect(frameEventsError({ ...fe, mergeGapS: -1 }, 32)).toMatch(/mergeGapS/);
    expect(frameEventsError({ ...fe, thresholdFit: { method: 'guess' } }, 32)).toMatch(/method/);
    expect(frameEventsError({ ...fe, source: '' }, 32)).toMatch(/source/);
  });
});
