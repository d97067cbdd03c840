// Heart or lung as the workspace shows it: the site decides, else the user's saved choice, else the engine's
// decision from the audio (with p of the decided domain), and what the engine is told in each case.
import { describe, expect, it } from 'vitest';
import type { RecordingAssessment } from '../../inference/protocol';
import { inputDomain } from './bodyDiagram';
import { assessedWith, domainOrHeart, domainText, shownDomain } from './domain';

const decided = (value: 'heart' | 'lung', source: 'audio' | 'default', pLung: number | null) =>
  ({ domain: { value, source, pLung } }) as RecordingAssessment;

describe('heart or lung in the workspace', () => {
  it('tells the engine the site domain, else the user choice, else unknown', () => {
    expect(inputDomain('MV', 'lung')).toBe('heart');
    expect(inputDomain('posterior-left-lower', undefined)).toBe('lung');
    expect(inputDomain('unknown', 'lung')).toBe('lung');
    expect(inputDomain('unknown', undefined)).toBe('unknown');
  });

  it('shows where the domain came from', () => {
    const lungAudio = decided('lung', 'audio', 0.93);
    expect(shownDomain({ site: 'AV' }, lungAudio)).toEqual({ value: 'heart', source: 'site', p: null });
    expect(shownDomain({ site: 'unknown', domain: 'heart' }, lungAudio)).toEqual({
      value: 'heart',
      source: 'user',
      p: null,
    });
    expect(shownDomain({ site: 'unknown' }, null)).toEqual({ value: 'unknown', source: 'pending', p: null });
    const madeAsHeart = { domain: { value: 'heart', source: 'given', pLung: 0.7 } } as RecordingAssessment;
    expect(shownDomain({ site: 'unknown' }, madeAsHeart).source).toBe('pending'); // until it is fetched again
    const audio = shownDomain({ site: 'unknown' }, lungAudio);
    expect(audio).toEqual({ value: 'lung', source: 'audio', p: 0.93 });
    expect(domainText(audio)).toBe('Lung — decided from the audio (p = 0.93)');
    const heart = shownDomain({ site: 'unknown' }, decided('heart', 'audio', 0.2));
    expect(heart.p).toBeCloseTo(0.8, 12);
    expect(domainText(heart)).toBe('Heart — decided from the audio (p = 0.80)');
    expect(domainText(shownDomain({ site: 'unknown' }, decided('heart', 'default', null)))).toMatch(
      /assumed/,
    );
    expect(domainText({ value: 'heart', source: 'user', p: null })).toBe('Heart — set by you');
  });

  it('words tasks and analysis for heart until anything says otherwise', () => {
    expect(domainOrHeart({ value: 'unknown', source: 'pending', p: null })).toBe('heart');
    expect(domainOrHeart({ value: 'lung', source: 'audio', p: 0.9 })).toBe('lung');
  });

  it('knows when an assessment was made with another heart/lung input (after a correction)', () => {
    const given = { domain: { value: 'heart', source: 'given', pLung: 0.7 } } as RecordingAssessment;
    expect(assessedWith(given, 'heart')).toBe(true);
    expect(assessedWith(given, 'lung')).toBe(false);
    expect(assessedWith(given, 'unknown')).toBe(false);
    expect(assessedWith(decided('lung', 'audio', 0.7), 'unknown')).toBe(true);
    expect(assessedWith(decided('heart', 'default', null), 'unknown')).toBe(true);
    expect(assessedWith(decided('lung', 'audio', 0.7), 'lung')).toBe(false);
  });
});
