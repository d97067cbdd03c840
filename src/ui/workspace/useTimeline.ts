// The selected recording's findings regions, from the assessment the store holds (none until the model assessed it
// with the recording's current heart/lung input).
import { useMemo } from 'react';
import type { RecordingMeta } from '../../core/clinical/recording';
import { useApp } from '../../state/app-store';
import { inputDomain } from './bodyDiagram';
import { assessedWith, domainOrHeart, shownDomain } from './domain';
import { timelineRegions, type TimelineRegion } from './timeline';

const NONE: TimelineRegion[] = [];

export function useTimelineRegions(meta: RecordingMeta): TimelineRegion[] {
  const assessed = useApp((s) => s.assessments[meta.id]);
  const assessment = assessed?.status === 'ready' ? assessed.assessment : null;
  const current = assessment !== null && assessedWith(assessment, inputDomain(meta.site, meta.domain));
  const domain = domainOrHeart(shownDomain(meta, assessment));
  return useMemo(
    () => (assessment && current ? timelineRegions(assessment, domain, meta.durationSec) : NONE),
    [assessment, current, domain, meta.durationSec],
  );
}
